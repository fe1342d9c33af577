import Foundation
import Testing

/// What a user sees, compared with text checked in under `Tests/Fixtures/cli/`: the help of
/// every command (a new command without its file fails) and the tables on the committed
/// series at 80 columns. When a change is meant, re-record and review the diff:
///
///     LEAKTRAIL_RECORD_GOLDENS=1 swift test --filter CLISnapshot
@Suite("CLI snapshots", .serialized, .enabled(if: SeriesStore.present, "SampleTraces/series is absent"))
struct CLISnapshotTests {
    static let directory = CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/cli")
    static var recording: Bool { ProcessInfo.processInfo.environment["LEAKTRAIL_RECORD_GOLDENS"] == "1" }

    /// The subcommands `leaktrail --help` lists.
    static func subcommands() throws -> [String] {
        let help = try CLIRunner.run(["--help"], environment: ["COLUMNS": "80"]).stdout
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").last ?? ""
        return section.split(separator: "\n").compactMap { line in
            line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
        }.filter { $0 != "See" }
    }

    @Test func everyCommandHasItsHelpRecorded() throws {
        let commands = try Self.subcommands()
        #expect(commands.count >= 11 && commands.contains("completions"), "\(commands)")
        try Self.check("help", ["--help"], columns: 80, store: false)
        for command in commands {
            try Self.check("help-\(command)", [command, "--help"], columns: 80, store: false)
        }
    }

    /// The tables on the sample series. Verdicts change when the method does: re-record then.
    @Test(arguments: [
        ("leaks", ["leaks"]), ("leaks-wide", ["leaks", "--wide"]), ("trends", ["trends"]),
        ("top", ["top", "--limit", "8"]), ("top-function", ["top", "--instance", "inst-a", "--by", "function", "--limit", "8"]),
        ("snapshots", ["snapshots", "--instance", "inst-b"]), ("diff", ["diff", "3", "111"]), ("show", ["show", "758a9c"]),
        ("show-healthy", ["show", "6e449577"]), ("leaks-github", ["leaks", "--format", "github"]),
        ("compare", ["compare", "--before", "instance:inst-b", "--after", "instance:inst-a"]),
        ("compare-nothing", ["compare", "--before", "instance:inst-b", "--after", "instance:inst-b"]),
    ])
    func tablesOnTheSampleSeries(_ name: String, _ args: [String]) throws {
        try Self.check(name, args, columns: 80, store: true)
    }

    @Test func analyzeOnTheSampleSeries() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["analyze", SeriesStore.series.path, "--now", "2026-11-27T17:00:00Z"], environment: ["COLUMNS": "80"], in: dir)
        try Self.compare("analyze", Self.transcript(["analyze", "SampleTraces/series/orders-api"], r))
    }

    @Test func parseOfOneSample() throws {
        let r = try CLIRunner.run(["parse", "SampleTraces/go1.27.3/goroutine_debug2.txt"], environment: ["COLUMNS": "80"], in: CLIRunner.packageRoot)
        try Self.compare("parse", Self.transcript(["parse", "SampleTraces/go1.27.3/goroutine_debug2.txt"], r))
    }

    static func check(_ name: String, _ args: [String], columns: Int, store: Bool) throws {
        let r = store ? try SeriesStore.run(args, columns: columns, in: CLIRunner.packageRoot)
                      : try CLIRunner.run(args, environment: ["COLUMNS": String(columns)])
        try compare(name, transcript(args, r))
    }

    /// `$ leaktrail ARGS`, standard output, standard error when there is any, and the status.
    static func transcript(_ args: [String], _ r: CLIRunner.Result) -> String {
        "$ leaktrail \(args.joined(separator: " "))\n" + r.stdout + (r.stderr.isEmpty ? "" : "--- stderr\n" + r.stderr) + "--- exit \(r.status)\n"
    }

    static func compare(_ name: String, _ actual: String) throws {
        let file = directory.appendingPathComponent("\(name).txt")
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if recording {
            if actual != expected {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded Tests/Fixtures/cli/\(name).txt; review the diff and run again without LEAKTRAIL_RECORD_GOLDENS")
            }
            return
        }
        guard let expected else {
            Issue.record("no Tests/Fixtures/cli/\(name).txt: record it with LEAKTRAIL_RECORD_GOLDENS=1 swift test --filter CLISnapshot")
            return
        }
        #expect(actual == expected, "\(name) differs from Tests/Fixtures/cli/\(name).txt; LEAKTRAIL_RECORD_GOLDENS=1 swift test --filter CLISnapshot re-records it")
    }
}
