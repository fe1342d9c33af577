import Foundation
import Testing

/// `leaktrail parse` as a user runs it: exit codes, stdout for data, stderr for diagnostics.
@Suite("parse command")
struct ParseCLITests {
    static let samples = CLIRunner.packageRoot.appendingPathComponent("SampleTraces")
    static let debug2 = samples.appendingPathComponent("go1.27.3/goroutine_debug2.txt").path

    struct Document: Decodable {
        struct Snapshot: Decodable {
            var source: String
            var format: String
            var goroutine_count: Int
            var groups: [Group]
        }
        struct Group: Decodable {
            var signature: String
            var count: Int
            var state: String
            var leaked: Int
            var frames: [FrameRef]
            var created_by: FrameRef?
        }
        struct FrameRef: Decodable {
            var function: String
            var file: String
            var line: Int
        }
        var snapshots: [Snapshot]
    }

    @Test func jsonDocumentCountsEveryGoroutine() throws {
        let r = try CLIRunner.run(["parse", "--format", "json", Self.debug2])
        #expect(r.status == 0 && r.stderr.isEmpty)
        let doc = try JSONDecoder().decode(Document.self, from: Data(r.stdout.utf8))
        let snapshot = try #require(doc.snapshots.first)
        let headers = try String(contentsOfFile: Self.debug2, encoding: .utf8).components(separatedBy: "\n").filter { $0.hasPrefix("goroutine ") }.count
        #expect(snapshot.goroutine_count == headers)
        #expect(snapshot.groups.reduce(0) { $0 + $1.count } == headers)
        #expect(snapshot.groups.map(\.count) == snapshot.groups.map(\.count).sorted(by: >), "largest first")
        #expect(snapshot.groups.allSatisfy { $0.signature.count == 16 })
        // The leaking send of the generator's zoo is a group with its culprit frame.
        #expect(snapshot.groups.contains { $0.state == "chan send" && $0.frames.contains { $0.function.hasSuffix("zoo.leakySend") } })
    }

    @Test func functionLevelMergesAtLeastAsMuch() throws {
        let byLine = try JSONDecoder().decode(Document.self, from: Data(try CLIRunner.run(["parse", "--format", "json", Self.debug2]).stdout.utf8))
        let byFunction = try JSONDecoder().decode(Document.self, from: Data(try CLIRunner.run(["parse", "--by", "function", "--format", "json", Self.debug2]).stdout.utf8))
        #expect(byFunction.snapshots[0].groups.count <= byLine.snapshots[0].groups.count)
    }

    @Test func aFileThatIsNotADumpFailsButOthersStillPrint() throws {
        let junk = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-notadump-\(UUID().uuidString).txt")
        try "just a log line\nanother one\n".write(to: junk, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: junk) }
        let r = try CLIRunner.run(["parse", "--format", "json", junk.path, Self.debug2], environment: ["NO_COLOR": "1"])
        #expect(r.status == 6, "some inputs failed")
        #expect(r.stderr.hasPrefix("leaktrail: error: \(junk.path): not a goroutine dump: it looks like "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.components(separatedBy: junk.path).count == 2, "the path once")
        let doc = try JSONDecoder().decode(Document.self, from: Data(r.stdout.utf8))
        #expect(doc.snapshots.map(\.source) == [Self.debug2])
    }

    @Test func standardInputAndTable() throws {
        let r = try CLIRunner.run(["parse", "-"], environment: ["NO_COLOR": "1"], stdin: try Data(contentsOf: URL(fileURLWithPath: Self.debug2)))
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("- — traceback") || r.stdout.contains("traceback, "))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(r.stdout.contains("created by"))
    }

    @Test func helpTeachesWithAnExample() throws {
        let r = try CLIRunner.run(["parse", "--help"])
        #expect(r.status == 0 && r.stdout.contains("Examples:") && r.stdout.contains("--by"))
    }
}
