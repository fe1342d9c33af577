import Foundation
import GRDB
import LeakTrailTestSupport

/// A store file read with plain SQL instead of leaktrail's own queries, to show that every
/// write was all or nothing: whatever a killed, racing or failed import left behind, each
/// snapshot in it is whole and no row belongs to nothing.
///
/// The connection is read-only, so it never checkpoints or removes a `-wal` file: the next
/// `leaktrail` meets the store exactly as the killed process left it and must recover it.
struct StoreAudit {
    /// One snapshot as its rows describe it.
    struct Snapshot: Hashable {
        var source: String
        var part: Int
        var format: String
        /// `snapshots.goroutines`, the total the importer recorded.
        var goroutines: Int
        /// The sum of its per-signature counts, and how many such rows.
        var countSum: Int
        var countRows: Int
        /// Its per-goroutine rows (traceback snapshots only; `goroutine 0` kept once).
        var goroutineRows: Int
    }

    var integrity: String
    var snapshots: [Snapshot]
    /// Count or goroutine rows of no snapshot, count rows of no stack, snapshots of no instance.
    var orphans: Int

    var goroutines: Int { snapshots.reduce(0) { $0 + $1.goroutines } }

    /// Snapshots whose recorded total is not the sum of their count rows.
    var unbalanced: [Snapshot] { snapshots.filter { $0.goroutines != $0.countSum } }

    /// Snapshots by source file, each file's in part order.
    var bySource: [String: [Snapshot]] {
        Dictionary(grouping: snapshots, by: \.source).mapValues { $0.sorted { $0.part < $1.part } }
    }

    /// Reads the store at `path`; a missing file or one without tables yet is an empty store.
    static func read(_ path: String) throws -> StoreAudit {
        if TestBackend.postgres { return try readPostgres(path) }
        guard FileManager.default.fileExists(atPath: path) else { return StoreAudit(integrity: "ok", snapshots: [], orphans: 0) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        return try DatabaseQueue(path: path, configuration: config).read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            guard try db.tableExists("snapshots") else { return StoreAudit(integrity: integrity, snapshots: [], orphans: 0) }
            let snapshots = try Row.fetchAll(db, sql: snapshotSQL).map { r in
                Snapshot(source: r[0], part: r[1], format: r[2], goroutines: r[3], countSum: r[4], countRows: r[5], goroutineRows: r[6])
            }
            return StoreAudit(integrity: integrity, snapshots: snapshots, orphans: try Int.fetchOne(db, sql: orphanSQL) ?? -1)
        }
    }

    /// Goroutine keys are `snapshot_id << 40 | goroutine_id` (schema v1).
    static let snapshotSQL = """
        SELECT s.source, s.part, s.format, s.goroutines,
          (SELECT COALESCE(SUM(count), 0) FROM snapshot_stacks c WHERE c.snapshot_id = s.id),
          (SELECT COUNT(*) FROM snapshot_stacks c WHERE c.snapshot_id = s.id),
          (SELECT COUNT(*) FROM goroutines g WHERE g.key BETWEEN (s.id << 40) AND ((s.id << 40) | 1099511627775))
        FROM snapshots s ORDER BY s.source, s.part
        """

    static let orphanSQL = """
        SELECT (SELECT COUNT(*) FROM snapshot_stacks WHERE snapshot_id NOT IN (SELECT id FROM snapshots))
             + (SELECT COUNT(*) FROM goroutines WHERE (key >> 40) NOT IN (SELECT id FROM snapshots))
             + (SELECT COUNT(*) FROM snapshot_stacks WHERE signature NOT IN (SELECT signature FROM stacks))
             + (SELECT COUNT(*) FROM snapshots WHERE instance_id NOT IN (SELECT id FROM instances))
        """

    /// The same audit of the database that stands for `path` in the PostgreSQL pass
    /// (``TestBackend``), read with `psql`. PostgreSQL checks its own pages; there is no
    /// integrity pragma to run.
    static func readPostgres(_ path: String) throws -> StoreAudit {
        guard let url = TestBackend.existingDatabase(for: path) else { return StoreAudit(integrity: "ok", snapshots: [], orphans: 0) }
        return try readPostgres(url: url, server: try PostgresTestServer.forTest())
    }

    /// The audit of the database at `url` on `server`.
    static func readPostgres(url: String, server: PostgresTestServer) throws -> StoreAudit {
        let tables = try server.psql(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'snapshots'")
        guard tables == "1" else { return StoreAudit(integrity: "ok", snapshots: [], orphans: 0) }
        let rows = try server.psql(url, """
            SELECT concat_ws(chr(31), s.source, s.part, s.format, s.goroutines,
              (SELECT COALESCE(SUM(count), 0) FROM snapshot_stacks c WHERE c.snapshot_id = s.id),
              (SELECT COUNT(*) FROM snapshot_stacks c WHERE c.snapshot_id = s.id),
              (SELECT COUNT(*) FROM goroutines g WHERE g.snapshot_id = s.id))
            FROM snapshots s ORDER BY s.source, s.part
            """)
        let snapshots = rows.split(separator: "\n").map { line -> Snapshot in
            let f = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return Snapshot(source: f[0], part: Int(f[1]) ?? -1, format: f[2], goroutines: Int(f[3]) ?? -1,
                            countSum: Int(f[4]) ?? -1, countRows: Int(f[5]) ?? -1, goroutineRows: Int(f[6]) ?? -1)
        }
        let orphans = try server.psql(url, """
            SELECT (SELECT COUNT(*) FROM snapshot_stacks WHERE snapshot_id NOT IN (SELECT id FROM snapshots))
                 + (SELECT COUNT(*) FROM goroutines WHERE snapshot_id NOT IN (SELECT id FROM snapshots))
                 + (SELECT COUNT(*) FROM snapshot_stacks WHERE signature NOT IN (SELECT signature FROM stacks))
                 + (SELECT COUNT(*) FROM snapshots WHERE instance_id NOT IN (SELECT id FROM instances))
            """)
        return StoreAudit(integrity: "ok", snapshots: snapshots, orphans: Int(orphans) ?? -1)
    }
}
