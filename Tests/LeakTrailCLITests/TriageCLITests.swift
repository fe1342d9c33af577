import Foundation
import LeakTrailTestSupport
import Testing

/// The triage commands as a CI job and an engineer run them, on the committed orders-api
/// series: the list of known goroutines (`--config`, found by walking up, `accept`), the
/// canary gate (`compare`), findings for code review (`--format sarif|github`) and source
/// context (`--source`).
@Suite("triage commands on the sample series", .serialized)
struct TriageCLITests {
    static let root = CLIRunner.packageRoot
    static let generator = root.appendingPathComponent("SampleTraces/generator")
    static let series = root.appendingPathComponent("SampleTraces/series/orders-api")

    static let store: URL = {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-triage-\(UUID().uuidString).sqlite")
        let r = try! CLIRunner.run(["import", "--db", db.path, "--service", "orders-api", series.path])
        precondition(r.status == 0, "\(r.stderr)")
        return db
    }()

    static func run(_ args: [String], in directory: URL? = nil) throws -> CLIRunner.Result {
        try CLIRunner.run(args + ["--db", store.path], environment: ["NO_COLOR": "1"], in: directory)
    }

    static func leaks(_ json: String) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["leaks"] as? [[String: Any]] ?? []
    }

    /// A repository with its list at the top, the job running two directories below.
    static func repository(_ list: String) throws -> (top: URL, deep: URL) {
        let top = try CLIRunner.temporaryDirectory()
        let deep = top.appendingPathComponent("services/orders")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try list.write(to: top.appendingPathComponent(".leaktrail.toml"), atomically: true, encoding: .utf8)
        return (top, deep)
    }

    @Test func acceptedLeaksNoLongerFailTheGateAndANewOneDoes() throws {
        let all = """
        # orders-api: goroutines we know
        [[accept]]
        file = "example.com/leakgen/zoo/leak_*.go"
        reason = "the zoo leaks on purpose"
        owner = "team-orders"
        """
        let (_, deep) = try Self.repository(all)
        #expect(try Self.run(["leaks", "--fail-on", "leak"]).status == 1, "without the list the gate fails")
        let accepted = try Self.run(["leaks", "--fail-on", "leak", "--format", "json"], in: deep)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let leaks = try Self.leaks(accepted.stdout)
        #expect(leaks.count == 5, "accepted leaks are still listed")
        #expect(leaks.allSatisfy { ($0["accepted"] as? [String: Any])?["source"] as? String == "../../.leaktrail.toml:2" })
        let table = try Self.run(["leaks"], in: deep)
        #expect(table.stdout.contains("the zoo leaks on purpose"))

        // Narrow the list so that leakySend is not accepted: it alone fails the gate.
        let (_, narrow) = try Self.repository(all.replacingOccurrences(of: "leak_*.go", with: "leak_[!s]*.go"))
        let gate = try Self.run(["leaks", "--fail-on", "leak", "--format", "json"], in: narrow)
        #expect(gate.status == 1)
        let open = try Self.leaks(gate.stdout).filter { $0["accepted"] is NSNull }
        #expect(open.compactMap { ($0["culprit"] as? [String: Any])?["function"] as? String }.sorted()
            == ["example.com/leakgen/zoo.leakySelectLoop", "example.com/leakgen/zoo.leakySend"])
    }

    @Test func acceptAppendsToTheListAndTheGatePasses() throws {
        let existing = "# reviewed in PR #7\n"
        let (top, deep) = try Self.repository(existing)
        let json = try Self.run(["leaks", "--format", "json"])
        let ids = try Self.leaks(json.stdout).compactMap { $0["signature"] as? String }
        #expect(ids.count == 5)
        for (i, id) in ids.enumerated() {
            let r = try Self.run(["accept", String(id.prefix(i == 0 ? 16 : 7)), "--reason", "known \(i)", "--owner", "team-orders", "--expires", "2999-12-31"], in: deep)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("accepted \(id) at ../../.leaktrail.toml:"), "\(r.stdout)")
        }
        let text = try String(contentsOf: top.appendingPathComponent(".leaktrail.toml"), encoding: .utf8)
        #expect(text.hasPrefix(existing))
        #expect(text.components(separatedBy: "[[accept]]").count - 1 == 5)
        #expect(text.contains("# leak · chan send · example.com/leakgen/zoo.leakySend example.com/leakgen/zoo/leak_send.go:46\n"))
        #expect(try Self.run(["leaks", "--fail-on", "leak"], in: deep).status == 0)
        // Once is enough.
        let again = try Self.run(["accept", ids[0], "--reason", "again"], in: deep)
        #expect(again.status == 0 && again.stdout.contains("already accepted"))
        #expect(try String(contentsOf: top.appendingPathComponent(".leaktrail.toml"), encoding: .utf8) == text)
        // Bad values are refused before anything is written.
        #expect(try Self.run(["accept", ids[0], "--reason", "x", "--expires", "soon"], in: deep).status != 0)
        #expect(try Self.run(["accept", "zzz", "--reason", "x"], in: deep).status != 0)
        #expect(try Self.run(["accept", "0000000", "--reason", "x"], in: deep).status == 4)
    }

    @Test func anExpiredEntryWarnsAndNoLongerAccepts() throws {
        let (_, deep) = try Self.repository("""
        [[accept]]
        file = "*/zoo/leak_*.go"
        reason = "until the fix ships"
        expires = 2020-01-31
        """)
        let r = try Self.run(["leaks", "--fail-on", "leak"], in: deep)
        #expect(r.status == 1)
        #expect(r.stderr.contains("leaktrail: warning: ../../.leaktrail.toml:1: the entry for file */zoo/leak_*.go expired on 2020-01-31; it no longer accepts anything\n"), "\(r.stderr)")
    }

    @Test func aBadListIsAUsageErrorNamingFileAndLine() throws {
        let (top, deep) = try Self.repository("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\nowner = 42\n")
        for command in [["leaks"], ["leaks", "--fail-on", "leak"], ["report", "--format", "json"], ["show", "758a9c"]] {
            let r = try Self.run(command, in: deep)
            #expect(r.status == 2, "\(command): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(".leaktrail.toml:4: owner must be a string"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let missing = try Self.run(["leaks", "--config", top.appendingPathComponent("nope.toml").path], in: deep)
        #expect(missing.status == 2 && missing.stderr.contains("nope.toml: no such file"), "\(missing.stderr)")
        #expect(try Self.run(["leaks", "--config", "/dev/null", "--fail-on", "leak"], in: deep).status == 1, "/dev/null is an empty list")
    }

    @Test func compareIsACanaryGate() throws {
        let canary = try Self.run(["compare", "--before", "instance:inst-b", "--after", "instance:inst-a", "--fail-on", "new-leak"])
        #expect(canary.status == 1, "\(canary.stderr)")
        #expect(canary.stdout.split(separator: "\n").filter { $0.contains(" new ") }.count == 4, "\(canary.stdout)")
        let (_, deep) = try Self.repository("[[accept]]\nfile = \"*/zoo/leak_*.go\"\nreason = \"known\"\n")
        let accepted = try Self.run(["compare", "--before", "instance:inst-b", "--after", "instance:inst-a", "--fail-on", "new-leak", "--format", "json"], in: deep)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains(#""change":"new""#) && accepted.stdout.contains(#""accepted":{"#))
        let markdown = try Self.run(["compare", "--before", "instance:inst-b", "--after", "instance:inst-a", "--format", "markdown"])
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# Goroutine leaks before and after\n\n## orders-api"))
        // Too little data before: the gate cannot pass.
        let early = try Self.run(["compare", "--before", "..2026-11-27T16:27:00Z", "--after", "2026-11-27T16:28:34Z..", "--fail-on", "new-leak"])
        #expect(early.status == 5, "\(early.stderr)")
        // A window that cannot be read is a usage error.
        let bad = try Self.run(["compare", "--before", "last week", "--after", "epoch:2"])
        #expect(bad.status != 0 && bad.status != 1 && bad.stderr.contains("last week"))
    }

    @Test func findingsForCodeReview() throws {
        let sarif = try Self.run(["leaks", "--format", "sarif", "--source-root", Self.generator.path])
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let results = ((object?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 5)
        let schema = JSONSchemaCheck.sarifSchema(packageRoot: CLIRunner.packageRoot)
        if FileManager.default.fileExists(atPath: schema.path), JSONSchemaCheck.validatorAvailable {
            #expect(try JSONSchemaCheck.errors(in: Data(sarif.stdout.utf8), schema: schema).isEmpty)
        } else {
            #expect(!JSONSchemaCheck.inCI, "CI must validate SARIF: python3 -m pip install jsonschema; ../shared/schemas")
        }
        let github = try Self.run(["leaks", "--format", "github"], in: Self.generator)
        let lines = github.stdout.split(separator: "\n")
        #expect(lines.count == 5 && lines.allSatisfy { $0.hasPrefix("::error file=zoo/leak_") })
        #expect(lines.contains { $0.hasPrefix("::error file=zoo/leak_send.go,line=46,title=leaktrail leak/chan-send::") })
    }

    @Test func showAndReportPrintTheCulpritsSource() throws {
        let fileLines = try String(contentsOf: Self.generator.appendingPathComponent("zoo/leak_send.go"), encoding: .utf8).components(separatedBy: "\n")
        let show = try Self.run(["show", "758a9c", "--source", Self.generator.path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("source: zoo/leak_send.go\n"))
        for n in 43...49 {
            let mark = n == 46 ? ">" : " "
            #expect(show.stdout.contains("  \(mark) \(n) | \(fileLines[n - 1])\n"), "line \(n)")
        }
        let plain = try Self.run(["show", "758a9c"])
        #expect(!plain.stdout.contains("source:"))
        let report = try Self.run(["report", "--format", "markdown", "--source", Self.generator.path, "--now", "2026-12-04T16:00:00Z"])
        #expect(report.status == 0 && report.stdout.contains("> 46 | \(fileLines[45])"))
        let notADirectory = try Self.run(["show", "758a9c", "--source", Self.series.appendingPathComponent("culprit_counts.tsv").path])
        #expect(notADirectory.status == 2 && notADirectory.stderr.contains("is not a directory"))
    }
}
