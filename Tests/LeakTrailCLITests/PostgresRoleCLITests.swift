import Foundation
import LeakTrailTestSupport
import Testing

/// The least-privilege roles of docs/postgres.md, run as the page gives them (issue 15): the
/// owner creates the schema and the day partitions ahead (the page's cron block); an importer
/// with only the page's grants stores dumps but cannot prune; a reader reads but cannot
/// import. The SQL comes from the page itself, so the page cannot drift from what works.
@Suite struct PostgresRoleCLITests {
    static let root = CLIRunner.packageRoot
    static let series = root.appendingPathComponent("SampleTraces/series/orders-api/inst-a")
    static let present = FileManager.default.fileExists(atPath: series.path)

    /// The first ```sql block after the heading `heading` of docs/postgres.md.
    static func sqlBlock(after heading: String) throws -> String {
        let page = try String(contentsOf: root.appendingPathComponent("docs/postgres.md"), encoding: .utf8)
        let section = try #require(page.range(of: "\n## \(heading)\n")).upperBound
        let start = try #require(page.range(of: "```sql\n", range: section..<page.endIndex)).upperBound
        let end = try #require(page.range(of: "\n```", range: start..<page.endIndex)).lowerBound
        return String(page[start..<end])
    }

    @Test(.enabled(if: present && !TestBackend.postgres, "runs once, in the default pass: it makes its own roles"))
    func importerInsertsAndReaderReads() throws {
        let server = try PostgresTestServer.forTest()
        let owner = try server.makeDatabase("roles")
        let database = String(owner.split(separator: "/").last!)
        func address(_ role: String) -> String { server.base.replacingOccurrences(of: "//leaktrail@", with: "//\(role)@") + "/\(database)" }

        // The owner's first command creates the schema.
        _ = try CLIRunner.run(["snapshots", "--db", owner])
        try server.psql(owner, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leaktrail_owner') THEN CREATE ROLE leaktrail_owner; END IF; END $$")
        try server.psql(owner, try Self.sqlBlock(after: "Roles and least privilege").replacingOccurrences(of: "DATABASE fleet", with: "DATABASE \(database)"))
        // The partitions of the series' day, made ahead as the page's cron job makes them.
        try server.psql(owner, try Self.sqlBlock(after: "Partition maintenance and retention")
            .replacingOccurrences(of: "now()", with: "'2026-11-27T12:00:00Z'::timestamptz"))

        let importer = address("leaktrail_importer")
        let imported = try CLIRunner.run(["import", "--db", importer, "--service", "orders-api", Self.series.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.series.path).filter { $0.hasPrefix("goroutine-") }.count
        #expect(try server.psql(owner, "SELECT count(*) FROM snapshots") == "\(files)")
        let again = try CLIRunner.run(["import", "--db", importer, "--service", "orders-api", Self.series.path])
        #expect(again.status == 0 && again.stdout.contains("\(files) skipped"), "\(again.stdout)\(again.stderr)")
        let prune = try CLIRunner.run(["prune", "--db", importer, "--older-than", "1d"])
        #expect(prune.status == 3 && (prune.stderr.contains("permission denied") || prune.stderr.contains("must be owner")), "\(prune.stderr)")
        #expect(try server.psql(owner, "SELECT count(*) FROM snapshots") == "\(files)")

        let reader = address("leaktrail_reader")
        let leaks = try CLIRunner.run(["leaks", "--db", reader, "--format", "json"])
        let ownLeaks = try CLIRunner.run(["leaks", "--db", owner, "--format", "json"])
        #expect(leaks.stdout == ownLeaks.stdout && !leaks.stdout.isEmpty, "\(leaks.stderr)")
        let written = try CLIRunner.run(["import", "--db", reader, "--service", "other", Self.series.path])
        #expect(written.status != 0 && written.stderr.contains("permission denied"), "\(written.stderr)")
        #expect(try server.psql(owner, "SELECT count(*) FROM snapshots") == "\(files)")
    }
}
