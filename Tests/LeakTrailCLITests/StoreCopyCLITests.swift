import Foundation
import LeakTrailTestSupport
import Testing

/// `copy` and `prune` as an operator runs them (issue 15). A store copied from SQLite to
/// PostgreSQL and back must read exactly as the original — the listing, `trends` and `leaks`
/// byte for byte, every snapshot's rows alike — and copying again must add nothing. `prune
/// --older-than` must keep exactly the snapshots at or after the cutoff (this test runs in
/// both passes, so on both backends).
@Suite struct StoreCopyCLITests {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-a").path)

    /// The listing's rows without their ids (each store numbers its own).
    static func listing(_ store: String) throws -> [String] {
        let r = try CLIRunner.run(["snapshots", "--db", store, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").dropFirst().map { String($0.drop { $0 != "," }.dropFirst()) }
    }

    /// What a user reads of a store.
    static func views(_ store: String) throws -> [String] {
        let outputs = try [["trends", "--format", "json"], ["leaks", "--format", "json"]].map { command in
            let r = try CLIRunner.run(command + ["--db", store])
            #expect(r.status == 0, "\(command[0]) \(store): \(r.stderr)")
            return r.stdout
        }
        return [try listing(store).joined(separator: "\n")] + outputs
    }

    @Test(.enabled(if: present && !TestBackend.postgres, "runs once, in the default pass: it names both backends itself"))
    func copyBetweenBackendsIsWholeAndIdempotent() throws {
        let server = try PostgresTestServer.forTest()
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("a.sqlite").path
        let back = dir.appendingPathComponent("b.sqlite").path
        let postgres = try server.makeDatabase("copy")
        let imported = try CLIRunner.run(["import", "--db", original, "--service", "orders-api", Self.series.path])
        try #require(imported.status == 0, "\(imported.stderr)")
        let expected = try Self.views(original)
        let files = try Self.listing(original).count  // one snapshot per file in this series
        try #require(files > 100)

        let first = try CLIRunner.run(["copy", "--from", original, "--to", postgres])
        #expect(first.status == 0 && first.stdout.contains("copied \(files) snapshots in \(files) files") && first.stdout.contains("; 0 already there"),
                "\(first.stdout)\(first.stderr)")
        let again = try CLIRunner.run(["copy", "--from", original, "--to", postgres])
        #expect(again.status == 0 && again.stdout.contains("copied 0 snapshots in 0 files") && again.stdout.contains("; \(files) already there"),
                "\(again.stdout)\(again.stderr)")
        #expect(try Self.views(postgres) == expected)

        let home = try CLIRunner.run(["copy", "--from", postgres, "--to", back])
        #expect(home.status == 0 && home.stdout.contains("copied \(files) snapshots"), "\(home.stdout)\(home.stderr)")
        #expect(try Self.views(back) == expected)
        let rows = try StoreAudit.read(original).snapshots
        #expect(try StoreAudit.read(back).snapshots == rows)
        #expect(try StoreAudit.readPostgres(url: postgres, server: server).snapshots == rows)
    }

    @Test(.enabled(if: present))
    func pruneKeepsExactlyWhatIsNewer() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let imported = try CLIRunner.run(["import", "--db", store, "--service", "orders-api", Self.series.path])
        try #require(imported.status == 0, "\(imported.stderr)")
        let before = try Self.listing(store)
        // Captures run 16:25:34–16:31:34; three minutes before 16:31:00 keeps those from 16:28:00.
        let cutoff = "2026-11-27T16:28:00Z"
        let kept = before.filter { String($0.prefix { $0 != "," }) >= cutoff }
        try #require(!kept.isEmpty && kept.count < before.count)

        let pruned = try CLIRunner.run(["prune", "--db", store, "--older-than", "3m", "--now", "2026-11-27T16:31:00Z"])
        #expect(pruned.status == 0 && pruned.stdout.contains("pruned \(before.count - kept.count) snapshots captured before \(cutoff)"),
                "\(pruned.stdout)\(pruned.stderr)")
        #expect(try Self.listing(store) == kept)
        let audit = try StoreAudit.read(store)
        #expect(audit.orphans == 0 && audit.unbalanced.isEmpty && audit.snapshots.count == kept.count)
        let again = try CLIRunner.run(["prune", "--db", store, "--older-than", "3m", "--now", "2026-11-27T16:31:00Z"])
        #expect(again.status == 0 && again.stdout.contains("pruned 0 snapshots"), "\(again.stdout)\(again.stderr)")
        let bad = try CLIRunner.run(["prune", "--db", store, "--older-than", "3 days"])
        #expect(bad.status != 0 && bad.stderr.contains("--older-than"), "\(bad.stderr)")
    }
}
