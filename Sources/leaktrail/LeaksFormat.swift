import ArgumentParser
import Foundation
import LeakTrailKit

/// What `leaks` prints: rows (table, csv), the JSON contract, or findings for code review —
/// SARIF 2.1.0 for code scanning, or GitHub workflow-command annotations.
enum LeaksFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, sarif, github

    /// `width`: the terminal's, for a table (nil: lines in full).
    func render(_ analysis: LeakAnalysis, review: CodeReviewOptions, width: Int? = nil) throws -> String {
        switch self {
        case .table: return try VerdictListings.leaks(analysis).rendered(as: .table, width: width)
        case .json: return try VerdictListings.leaks(analysis).rendered(as: .json)
        case .csv: return try VerdictListings.leaks(analysis).rendered(as: .csv)
        case .sarif: return try SARIFRenderer.render(analysis, locator: try review.locator())
        case .github: return GitHubAnnotations.render(analysis, locator: try review.locator())
        }
    }
}

/// Where findings for code review point: `--source` (the module checkout, mapping trimmed
/// paths to files) and `--source-root` (the repository root the paths are relative to).
struct CodeReviewOptions: ParsableArguments {
    @OptionGroup var source: SourceOption
    @Option(name: .customLong("source-root"), help: ArgumentHelp(
        "SARIF and GitHub paths are relative to this directory (default: the current one; its go.mod maps trimmed paths when --source is not given).",
        valueName: "dir"))
    var sourceRoot: String?

    func locator() throws -> CodeLocator {
        let root = sourceRoot ?? FileManager.default.currentDirectoryPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(.usage, "--source-root \(root) is not a directory: give the root of the repository the paths should be relative to")
        }
        let tree = try source.tree() ?? (FileManager.default.fileExists(atPath: root + "/go.mod") ? try? SourceTree(directory: root) : nil)
        return CodeLocator(root: root, tree: tree)
    }
}
