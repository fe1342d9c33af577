import ArgumentParser
import Foundation
import LeakTrailKit

/// `--config FILE`: the list of known goroutines (`.leaktrail.toml`), found by walking up from
/// the current directory when not given. Findings it matches are shown as accepted and never
/// fail `--fail-on`; an expired entry warns on stderr. A list that cannot be read is a usage
/// error (exit 2) naming its file and line: a gate must not run on a misread list.
struct KnownGoroutinesOption: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The list of known goroutines (default: .leaktrail.toml here or in the nearest directory above; /dev/null for none).",
        valueName: "file"))
    var path: String?

    /// The file given, else the one found above the current directory (`../../.leaktrail.toml`:
    /// relative, so that the same repository gives the same output on every machine), else nil.
    var location: String? {
        if let path { return path }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        guard let found = KnownGoroutines.find(from: cwd) else { return nil }
        let levels = cwd.pathComponents.count - found.deletingLastPathComponent().pathComponents.count
        return String(repeating: "../", count: max(0, levels)) + KnownGoroutines.fileName
    }

    /// The list, or nil when there is none; warns of expired entries.
    func load() throws -> KnownGoroutines? {
        guard let location else { return nil }
        do {
            let list = try KnownGoroutines.load(path: location)
            for entry in list.expired(on: today) { Diagnostics.warning(list.expiryWarning(entry)) }
            return list
        } catch let error as KnownGoroutinesError {
            throw CommandFailure(.usage, error.description)
        }
    }

    var today: CalendarDay { CalendarDay(utc: Date()) }

    func applied(to analysis: LeakAnalysis) throws -> LeakAnalysis {
        try load().map { $0.apply(to: analysis, on: today) } ?? analysis
    }

    func applied(to verdict: SignatureVerdict) throws -> SignatureVerdict {
        try load().map { $0.apply(to: verdict, on: today) } ?? verdict
    }

    func applied(to doc: LeakReportDocument) throws -> LeakReportDocument {
        try load().map { $0.apply(to: doc, on: today) } ?? doc
    }
}

/// `--source DIR`: the service's module checkout, for the culprit's source lines.
struct SourceOption: ParsableArguments {
    @Option(name: .customLong("source"), help: ArgumentHelp(
        "The service's Go module checkout (where its go.mod is): show each culprit's source lines.", valueName: "dir"))
    var directory: String?

    func tree() throws -> SourceTree? {
        guard let directory else { return nil }
        do {
            return try SourceTree(directory: directory)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    func snippet(for frame: Frame?) throws -> SourceSnippet? {
        guard let frame, let tree = try tree() else { return nil }
        return tree.snippet(for: frame)
    }

    func attached(to doc: LeakReportDocument) throws -> LeakReportDocument {
        try tree()?.attach(to: doc) ?? doc
    }
}
