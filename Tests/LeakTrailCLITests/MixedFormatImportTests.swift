import Foundation
import Testing

/// Issue 4's promise end to end: one moment of one process captured as `?debug=2`,
/// `runtime.Stack`, `?debug=1` and pprof protobuf, imported from one mixed directory, shows the
/// same signature ids with the same counts in `top`, whatever the format.
@Suite("mixed-format import")
struct MixedFormatImportTests {
    struct Top: Decodable {
        struct Row: Decodable { var signature: String; var count: Int }
        var signatures: [Row]
    }

    @Test(arguments: ["line", "function"])
    func topShowsTheSameSignaturesWhateverTheFormat(level: String) throws {
        let dir = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/formats/snapall/go1.27.3")
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-mixed-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: db) }
        let imported = try CLIRunner.run(["import", "--db", db.path, "--instance", "zoo", dir.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let listing = try CLIRunner.run(["snapshots", "--db", db.path, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
        let wanted = ["goroutine_debug2.txt", "runtime_stack.txt", "goroutine_debug1.txt", "goroutine_debug0.pb.gz"]
        var tables: [String: [String: Int]] = [:]
        for row in listing {
            let fields = row.split(separator: ",")
            guard let id = fields.first, let name = wanted.first(where: { row.hasSuffix("/" + $0) }) else { continue }
            let out = try CLIRunner.run(["top", "--db", db.path, "--snapshot", String(id), "--by", level, "--limit", "1000", "--format", "json"]).stdout
            let top = try JSONDecoder().decode(Top.self, from: Data(out.utf8))
            tables[name] = Dictionary(uniqueKeysWithValues: top.signatures.map { ($0.signature, $0.count) })
        }
        #expect(tables.count == 4, "all four formats imported: \(tables.keys.sorted())")
        let reference = try #require(tables["goroutine_debug2.txt"])
        for (name, table) in tables {
            // Every format sees the same stacks with the same counts; only the goroutine that
            // took the capture differs (its stack is the capturing code of that format).
            let shared = Set(reference.keys).intersection(table.keys)
            #expect(shared.allSatisfy { reference[$0] == table[$0] }, "\(name)")
            let onlyHere = table.filter { !shared.contains($0.key) }.values.reduce(0, +)
            let onlyThere = reference.filter { !shared.contains($0.key) }.values.reduce(0, +)
            #expect(onlyHere <= 1 && onlyThere <= 1, "\(name): \(onlyHere) vs \(onlyThere) goroutines outside the shared signatures")
            #expect(shared.count >= 15, "\(name) shares \(shared.count) signatures")
        }
    }
}
