import Foundation
import Testing

/// Every exit status of the README's table, from the commands a user runs, with the one-line
/// `leaktrail: error: …` that names the input and says what to do.
@Suite("exit statuses", .enabled(if: SeriesStore.present, "SampleTraces/series is absent"))
struct ExitStatusCLITests {
    static let dump = SeriesStore.series.appendingPathComponent("inst-b/goroutine-20261127T162534Z.txt").path

    @Test func zeroForSuccessHelpAndVersion() throws {
        #expect(try SeriesStore.run(["snapshots", "--format", "csv"]).status == 0)
        for args in [["--help"], ["import", "--help"], ["help", "leaks"], []] {
            let r = try CLIRunner.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE:") && r.stderr.isEmpty, "\(args)")
        }
        for flag in ["-V", "--version"] {
            let r = try CLIRunner.run([flag])
            #expect(r.status == 0 && r.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(flag): \(r.stdout)")
        }
    }

    @Test func oneWhenFindingsMatchFailOn() throws {
        let r = try SeriesStore.run(["leaks", "--fail-on", "leak", "--format", "json"])
        #expect(r.status == 1 && r.stderr.isEmpty && r.stdout.contains(#""leaks":[{"#))
    }

    /// Usage errors exit 2 (not ArgumentParser's 64), and a bad value lists the valid ones.
    @Test func twoForUsageErrorsWithTheValidValues() throws {
        let cases: [([String], String)] = [
            (["parse", "--format", "csv", Self.dump], "Please provide one of 'table' and 'json'."),
            (["import", "--format", "yaml", Self.dump], "Please provide one of 'text' and 'json'."),
            (["leaks", "--fail-on", "maybe"], "--fail-on maybe: use leak, stuck or suspect"),
            (["snapshots", "--format", "xml"], "Please provide one of 'table', 'json' or 'csv'."),
            (["completions", "tcsh"], "Please provide one of 'bash', 'zsh' or 'fish'."),
            (["top", "--limit", "-3"], "--limit -3: give how many signatures to show, 1 or more."),
            (["leaks", "--min-growth", "-1"], "--min-growth -1: give the goroutines a leak must keep, 1 or more."),
            (["report", "-o", "r.yaml"], "-o r.yaml: .yaml is not a report format; name the file .html, .md or .json"),
            (["report", "-o", "r.json", "--format", "html"], "-o r.json names a json file but --format is html"),
            (["analyze", SeriesStore.series.path, "-o", "r.txt"], "-o r.txt: .txt is not a report format"),
            (["import", "--verbose", "--quiet", Self.dump], "--verbose and --quiet ask for opposite things"),
            (["bogus"], "Unexpected argument 'bogus'"),
            (["leaks", "--format", "yaml"], "Please provide one of 'table', 'json', 'csv', 'sarif' or 'github'."),
            (["compare", "--before", "yesterday", "--after", "epoch:2"], "--before: the window \"yesterday\" cannot be used"),
            (["compare", "--before", "epoch:1", "--after", "epoch:2", "--fail-on", "worse"], "--fail-on worse: use new-leak, new-stuck or faster"),
            (["compare", "--before", "epoch:1", "--after", "epoch:2", "--format", "csv"], "Please provide one of 'table', 'json' or 'markdown'."),
            (["accept", "xyz", "--reason", "known"], "xyz is not a signature"),
            (["collect", "--format", "yaml", "http://127.0.0.1:9/"], "--format yaml is not one of: text, json"),
        ]
        // Files and directories named by options are checked once the store is open.
        let onTheStore: [([String], String)] = [
            (["leaks", "--format", "sarif", "--source-root", "/nonexistent-dir"], "--source-root /nonexistent-dir is not a directory"),
            (["leaks", "--config", "/nonexistent-dir/.leaktrail.toml"], "/nonexistent-dir/.leaktrail.toml: no such file"),
            (["show", "758a9c", "--source", "/nonexistent-dir"], "--source /nonexistent-dir is not a directory"),
        ]
        for (args, message) in cases + onTheStore {
            let r = onTheStore.contains(where: { $0.0 == args }) ? try SeriesStore.run(args) : try CLIRunner.run(args)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(args): \(r.status)")
            #expect(r.stderr.hasPrefix("leaktrail: error: ") && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    @Test func threeWhenTheStoreCannotBeUsed() throws {
        let r = try CLIRunner.run(["import", "--db", "/nonexistent-dir/s.sqlite", Self.dump])
        // In the PostgreSQL pass an unreachable server stands for the missing directory: the
        // same status and store named, the server's own cause.
        let cause = TestBackend.postgres ? "cannot connect: " : "the directory /nonexistent-dir does not exist\n"
        #expect(r.status == 3 && r.stderr.hasPrefix("leaktrail: error: cannot open store /nonexistent-dir/s.sqlite: \(cause)"), "\(r.stderr)")
        if !TestBackend.postgres { #expect(r.stderr.hasSuffix(cause)) }
    }

    /// No store, an empty store, and selections that match nothing: a clear message, status 4,
    /// nothing on stdout, and no store left behind.
    @Test func fourWhenThereIsNothingToShow() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let none = dir.appendingPathComponent("none.sqlite").path
        for command in ["snapshots", "top", "trends", "leaks", "report"] {
            let r = try CLIRunner.run([command, "--db", none])
            #expect(r.status == 4 && r.stdout.isEmpty, "\(command)")
            #expect(r.stderr == "leaktrail: error: no store at \(none); import dumps first: leaktrail import --db \(none) DIRECTORY-OF-DUMPS\n", "\(command)")
        }
        for args in [["show", "758a9c"], ["diff", "1", "2"], ["compare", "--before", "epoch:1", "--after", "epoch:2"]] {
            #expect(try CLIRunner.run(args + ["--db", none]).status == 4, "\(args)")
        }
        let inHere = try CLIRunner.run(["leaks"], in: dir)
        #expect(inHere.status == 4 && inHere.stderr.contains("no store at ./leaktrail.sqlite; import dumps first"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "reading never creates a store")

        // A store that exists but holds nothing: the import of a file that is not a dump made it.
        let empty = dir.appendingPathComponent("empty.sqlite").path
        let notADump = dir.appendingPathComponent("notes.txt")
        try Data("notes\n".utf8).write(to: notADump)
        #expect(try CLIRunner.run(["import", "--db", empty, notADump.path]).status == 6)
        let r = try CLIRunner.run(["leaks", "--db", empty])
        #expect(r.status == 4 && r.stderr == "leaktrail: error: the store \(empty) holds no snapshots; import dumps first: leaktrail import --db \(empty) DIRECTORY-OF-DUMPS\n")

        let unknown: [([String], String)] = [
            (["top", "--snapshot", "99999"], "no snapshot 99999 in "),
            (["diff", "99999", "100000"], "no snapshot 99999 in "),
            (["trends", "--instance", "nosuch"], "no instance nosuch in \(SeriesStore.path); it holds inst-a, inst-b, inst-c"),
            (["snapshots", "--service", "nosuch"], "no service nosuch in \(SeriesStore.path); it holds orders-api"),
            (["leaks", "--service", "orders-api", "--instance", "nosuch"], "no instance nosuch of service orders-api in "),
            (["show", "ffffff"], "no signature starts with ffffff in "),
            (["leaks", "--since", "2020-01-01T00:00:00Z", "--until", "2020-01-02T00:00:00Z"],
             "no snapshot in \(SeriesStore.path) between 2020-01-01T00:00:00Z and 2020-01-02T00:00:00Z; see `leaktrail snapshots`"),
            (["report", "--until", "2020-01-02T00:00:00Z"], "no snapshot in \(SeriesStore.path) until 2020-01-02T00:00:00Z"),
            (["diff", "--instance", "inst-a", "2020-01-01T00:00:00Z", "2026-11-27T16:30:00Z"], "no snapshot of instance inst-a at or before 2020-01-01T00:00:00Z"),
            (["compare", "--before", "epoch:9", "--after", "epoch:1"], "--before epoch:9 matched no snapshot in \(SeriesStore.path); see `leaktrail snapshots`"),
            (["compare", "--before", "instance:inst-b", "--after", "instance:nosuch"], "--after instance:nosuch matched no snapshot in "),
            (["compare", "--service", "nosuch", "--before", "epoch:1", "--after", "epoch:2"], "no service nosuch in "),
            (["accept", "ffffff", "--reason", "known", "--config", "/nonexistent-dir/.leaktrail.toml"], "no signature starts with ffffff in "),
        ]
        for (args, message) in unknown {
            let r = try SeriesStore.run(args)
            #expect(r.status == 4 && r.stdout.isEmpty, "\(args): \(r.status) \(r.stdout.prefix(200))")
            #expect(r.stderr.hasPrefix("leaktrail: error: " + message), "\(args): \(r.stderr)")
        }
    }

    /// `--fail-on` on too little data does not pass: each instance is named with what it lacked.
    @Test func fiveWhenFailOnMeetsTooLittleData() throws {
        let r = try SeriesStore.run(["leaks", "--fail-on", "leak", "--until", "2026-11-27T16:26:30Z"])
        #expect(r.status == 5 && r.stdout == "Nothing judged: every instance had too little data (below).\n", "\(r.status) \(r.stdout)")
        #expect(r.stderr.contains("leaktrail: error: --fail-on cannot pass on too little data: orders-api/inst-a: 6 snapshots over 50 s"), "\(r.stderr)")
    }

    @Test func sevenWhenCollectCapturedNothing() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["collect", "--db", dir.appendingPathComponent("c.sqlite").path, "--once", "--timeout", "2s", "http://127.0.0.1:9/"])
        #expect(r.status == 7 && r.stdout.contains("0 captures from 1 targets"), "\(r.status) \(r.stdout)")
        #expect(r.stderr.hasPrefix("leaktrail: error: capture of default/127.0.0.1:9 (http://127.0.0.1:9/): cannot connect"), "\(r.stderr)")
    }

    @Test func sixWhenSomeInputsFailedAndTheOthersWereDone() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("gone.txt").path
        let imported = try CLIRunner.run(["import", "--db", dir.appendingPathComponent("s.sqlite").path, missing, Self.dump])
        #expect(imported.status == 6 && imported.stdout.hasPrefix("2 files, 1 snapshot, "))
        #expect(imported.stderr == "leaktrail: error: \(missing): no such file or directory\n")
        let parsed = try CLIRunner.run(["parse", missing, Self.dump])
        #expect(parsed.status == 6 && parsed.stdout.contains("goroutines in"))
        #expect(parsed.stderr == "leaktrail: error: cannot read \(missing): No such file or directory\n", "the path once: \(parsed.stderr)")
    }
}
