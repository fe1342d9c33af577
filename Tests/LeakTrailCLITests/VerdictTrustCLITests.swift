import Foundation
import Testing

/// The promises a CI gate and an on-call engineer rely on, run as they run them: too little
/// data never passes, a deadlock is its own finding, no observation is dropped, and every
/// command prints the same figures for the same leak.
@Suite(.enabled(if: SampleSeries.present, "SampleTraces/series is absent"))
struct VerdictTrustCLITests {
    static let series = SampleSeries.root

    static func dir(_ path: String) -> String { series.appendingPathComponent(path).path }

    static func files(_ path: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir(path)).filter { $0.hasSuffix(suffix) }.sorted()
            .map { series.appendingPathComponent(path).appendingPathComponent($0).path }
    }

    static func importInto(_ db: String, service: String, _ inputs: [String]) throws {
        let r = try CLIRunner.run(["import", "--db", db, "--service", service, "--format", "json"] + inputs)
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test func tooLittleDataNeverPasses() throws {
        let tmp = try CLIRunner.temporaryDirectory()
        let db = tmp.appendingPathComponent("s.sqlite").path
        try Self.importInto(db, service: "orders-api", Array(try Self.files("orders-api/inst-a", suffix: "Z.txt").prefix(6)))
        let gate = try CLIRunner.run(["leaks", "--db", db, "--fail-on", "leak"])
        #expect(gate.status == 5, "six snapshots over 50 s cannot pass a gate: \(gate.stdout) \(gate.stderr)")
        #expect(gate.stderr.contains("not enough data") && gate.stderr.contains("6 snapshots") && gate.stderr.contains("needs 8"), "\(gate.stderr)")
        let json = try CLIRunner.run(["leaks", "--db", db, "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains(#""enough":false"#) && json.stdout.contains(#""leaks":[]"#), "\(json.stdout)")
        // analyze says so too, and on no dumps at all it is an error, not a clean report.
        let few = tmp.appendingPathComponent("few/inst-a")
        try FileManager.default.createDirectory(at: few, withIntermediateDirectories: true)
        for f in try Self.files("orders-api/inst-a", suffix: "Z.txt").prefix(3) {
            try FileManager.default.copyItem(atPath: f, toPath: few.appendingPathComponent(URL(fileURLWithPath: f).lastPathComponent).path)
        }
        let analyzed = try CLIRunner.run(["analyze", few.deletingLastPathComponent().path, "--fail-on", "leak", "-o", "r.md"], in: tmp)
        #expect(analyzed.status == 5 && analyzed.stdout.contains("not enough data"), "\(analyzed.stdout) \(analyzed.stderr)")
        let empty = tmp.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try CLIRunner.run(["analyze", empty.path, "--fail-on", "leak"], in: tmp)
        #expect(none.status == 4 && none.stderr.contains("no goroutine dumps"), "\(none.stderr)")
    }

    @Test func aDeadlockIsStuckWithItsOwnGate() throws {
        let tmp = try CLIRunner.temporaryDirectory()
        let db = tmp.appendingPathComponent("s.sqlite").path
        try Self.importInto(db, service: "ledger", [Self.dir("ledger/le-2")])
        #expect(try CLIRunner.run(["leaks", "--db", db, "--fail-on", "leak"]).status == 0, "le-2 leaks nothing")
        let stuck = try CLIRunner.run(["leaks", "--db", db, "--fail-on", "stuck", "--format", "json"])
        #expect(stuck.status == 1)
        #expect(stuck.stdout.contains(#""verdict":"stuck""#) && stuck.stdout.contains("zoo.readBalance") && !stuck.stdout.contains(#""verdict":"leak""#))
        #expect(try CLIRunner.run(["leaks", "--db", db, "--fail-on", "leak,stuck"]).status == 1)
        let bad = try CLIRunner.run(["leaks", "--db", db, "--fail-on", "maybe"])
        #expect(bad.status != 0 && bad.stderr.contains("leak, stuck or suspect"), "\(bad.stderr)")
    }

    @Test func identicalDumpsAtDifferentTimesAreAllObservations() throws {
        // co-4 is quiet and captured as ?debug=1: most consecutive captures are byte-identical.
        let files = try Self.files("checkout/co-4", suffix: ".debug1.txt")
        let distinct = Set(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }).count
        #expect(distinct < files.count - 10, "the sample has byte-identical captures")
        let tmp = try CLIRunner.temporaryDirectory()
        let db = tmp.appendingPathComponent("s.sqlite").path
        let r = try CLIRunner.run(["import", "--db", db, "--service", "checkout", "--format", "json", Self.dir("checkout/co-4")])
        #expect(CLIRunner.number("snapshots", in: r.stdout) == files.count && CLIRunner.number("skipped", in: r.stdout) == 0, "\(r.stdout)")
        let again = try CLIRunner.run(["import", "--db", db, "--service", "checkout", "--format", "json", Self.dir("checkout/co-4")])
        #expect(CLIRunner.number("snapshots", in: again.stdout) == 0 && CLIRunner.number("skipped", in: again.stdout) == files.count)
        // Judged on counts, and saying so.
        let leaks = try CLIRunner.run(["leaks", "--db", db, "--format", "json"])
        #expect(leaks.stdout.contains("zoo.watchConfig") && leaks.stdout.contains(#""basis":"counts""#), "\(leaks.stdout)")
    }

    /// One leak's goroutines, growth, memory and projection, as each command prints them.
    @Test func everyCommandPrintsTheSameFigures() throws {
        let tmp = try CLIRunner.temporaryDirectory()
        let db = tmp.appendingPathComponent("s.sqlite").path
        try Self.importInto(db, service: "checkout", [Self.dir("checkout/co-1"), Self.dir("checkout/co-3")])
        func entries(_ json: String, key: String = "leaks") throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?[key] as? [[String: Any]] ?? []
        }
        let leaks = try entries(try CLIRunner.run(["leaks", "--db", db, "--format", "json"]).stdout)
        let signature = try #require(Self.readLoop(leaks))
        func entry(_ list: [[String: Any]]) throws -> [String: Any] {
            try #require(list.first { ($0["signature"] as? String) == signature })
        }
        let fromLeaks = try entry(leaks)
        let fromReport = try entry(try entries(try CLIRunner.run(["report", "--db", db, "--format", "json", "--now", "2026-12-01T01:00:00Z"]).stdout))
        let fromTrends = try entry(try entries(try CLIRunner.run(["trends", "--db", db, "--format", "json"]).stdout, key: "trends"))
        for key in ["goroutines", "growth_per_hour", "memory_bytes"] {
            #expect("\(fromLeaks[key] ?? "-")" == "\(fromReport[key] ?? "?")", "\(key): leaks vs report")
            #expect("\(fromLeaks[key] ?? "-")" == "\(fromTrends[key] ?? "?")", "\(key): leaks vs trends")
        }
        #expect("\(fromLeaks["in_24h"] ?? "-")" == "\(fromReport["in_24h"] ?? "?")")
        let md = try CLIRunner.run(["report", "--db", db, "--format", "markdown", "--now", "2026-12-01T01:00:00Z"]).stdout
        let growth = try #require(fromLeaks["growth_per_hour"] as? Double)
        #expect(md.contains("+\(Int(growth))/h") || md.contains("+\(Int(growth).formatted())/h"), "the Markdown report shows the same growth")
    }

    /// The signature whose culprit is the client connection's read loop.
    static func readLoop(_ entries: [[String: Any]]) -> String? {
        entries.first { e in
            ((e["culprit"] as? [String: Any])?["function"] as? String) == "net/http.(*persistConn).readLoop"
                || (e["culprit"] as? String)?.hasPrefix("net/http.(*persistConn).readLoop") == true
        }?["signature"] as? String
    }
}

/// The committed series, for the CLI tests.
enum SampleSeries {
    static let root = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series")
    static let present = FileManager.default.fileExists(atPath: root.path)
}
