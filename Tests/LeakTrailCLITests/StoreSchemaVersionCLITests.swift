import Foundation
import GRDB
import Testing

/// Stores written by other versions of leaktrail (issue 7, store integrity). A store made by
/// an older leaktrail (`Tests/Fixtures/store-v1.sqlite`, made at commit 94c38bb: see the
/// README beside it) must migrate to this schema and then answer every query as a fresh
/// import of the same files does. A store from a newer leaktrail — one whose migrations table
/// names a migration this one does not know — must be refused with a clear message, without
/// a byte of it changed.
@Suite(.enabled(if: !TestBackend.postgres, "\(TestBackend.sqliteOnly)")) struct StoreSchemaVersionCLITests {
    static let root = CLIRunner.packageRoot
    static let fixture = root.appendingPathComponent("Tests/Fixtures/store-v1.sqlite")
    static let present = FileManager.default.fileExists(atPath: fixture.path)
        && FileManager.default.fileExists(atPath: root.appendingPathComponent("SampleTraces/series/orders-api/inst-c").path)

    /// The fixture's inputs, relative to the package root as it stored them.
    static var fixtureInputs: [String] {
        let a = "SampleTraces/series/orders-api/inst-a"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(a).path)) ?? []
        let ends = names.filter { $0.hasPrefix("goroutine-20261127T162534Z.") || $0.hasPrefix("goroutine-20261127T163134Z.") }
        return ["SampleTraces/series/orders-api/inst-c"] + ends.sorted().map { a + "/" + $0 }
    }

    /// A copy of the fixture: every open rewrites a few bytes of a store, and the fixture must stay as made.
    static func copyOfFixture(in dir: URL) throws -> String {
        let copy = dir.appendingPathComponent("v1.sqlite")
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy.path
    }

    /// What `leaktrail` answers about a store; snapshot ids left out (commit order decides them).
    static func answers(_ db: String) throws -> [String] {
        let queries = [
            ["snapshots", "--format", "csv"], ["top", "--instance", "inst-c", "--format", "csv"],
            ["top", "--instance", "inst-a", "--by", "function", "--format", "csv"],
            ["trends", "--format", "csv"], ["leaks", "--format", "json"], ["show", "758a9c606b6c2653"],
        ]
        return try queries.map { q in
            let r = try CLIRunner.run(q + ["--db", db])
            #expect(r.status == 0, "\(q): \(r.stderr)")
            return q[0] == "snapshots" ? r.stdout.split(separator: "\n").map { String($0.drop { $0 != "," }) }.sorted().joined(separator: "\n") : r.stdout
        }
    }

    static func schema(_ db: String) throws -> [String] {
        try DatabaseQueue(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                + String.fetchAll(db, sql: "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        }
    }

    @Test(.enabled(if: present)) func aStoreFromAnOlderLeaktrailMigratesAndAnswersAsAFreshImport() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Self.copyOfFixture(in: dir)
        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        let imported = try CLIRunner.run(["import", "--db", fresh, "--service", "orders-api"] + Self.fixtureInputs, in: Self.root)
        try #require(imported.status == 0 && imported.stdout.contains("43 snapshots, 4346 goroutines"), "\(imported.stdout) \(imported.stderr)")
        let oldAnswers = try Self.answers(old)
        #expect(oldAnswers == (try Self.answers(fresh)))
        #expect(oldAnswers[0].split(separator: "\n").count == 1 + 43 && oldAnswers[4].contains("leakySend"))
        #expect(try Self.schema(old) == (try Self.schema(fresh)), "every migration applied, to the same schema")
        let audit = try StoreAudit.read(old)
        #expect(audit.integrity == "ok" && audit.orphans == 0 && audit.unbalanced.isEmpty)
        // The migrated store keeps taking imports: the rest of inst-a, and skips what it has.
        let more = try CLIRunner.run(["import", "--db", old, "--service", "orders-api", "--format", "json",
                                      "SampleTraces/series/orders-api/inst-a"], in: Self.root)
        #expect(more.status == 0 && more.stdout.contains(#""snapshots":105,"#) && more.stdout.contains(#""skipped":6,"#), "\(more.stdout)")
    }

    @Test(.enabled(if: present)) func aStoreFromANewerLeaktrailIsRefusedAndLeftAsItWas() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.copyOfFixture(in: dir)
        do {  // the queue closes at the end of this scope, folding its WAL back into the file
            let queue = try DatabaseQueue(path: db)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999: a table from the future')") }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        let sample = Self.root.appendingPathComponent("SampleTraces/series/orders-api/inst-b").path
        let report = dir.appendingPathComponent("report.html").path
        for command in [["import", sample], ["snapshots"], ["leaks"], ["report", "-o", report]] {
            let r = try CLIRunner.run(command + ["--db", db])
            #expect(r.status == 3 && r.stdout.isEmpty, "\(command)")
            #expect(r.stderr == "leaktrail: error: store \(db) was written by a newer leaktrail; upgrade to read it\n", "\(command)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == files, "no -wal, -shm or report left")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes, "not a byte changed")
    }
}
