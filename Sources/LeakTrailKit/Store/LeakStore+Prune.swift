import Foundation
import GRDB

extension LeakStore: SnapshotStore {
    public var location: String { path }

    /// Deletes the snapshots captured before `cutoff` with their counts and goroutines, in one
    /// transaction. SQLite has no partitions: rows go one snapshot range at a time (a
    /// snapshot's goroutines are one key range). Stacks stay: they are shared and small.
    public func prune(before cutoff: Date) throws -> PruneSummary {
        try queue.writeWithoutTransaction { db in
            var removed = 0
            try db.inTransaction(.immediate) {
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM snapshots WHERE time_ms < ?", arguments: [cutoff.unixMilliseconds])
                for id in ids {
                    let keys = StoreSchema.goroutineKeys(of: id)
                    try db.execute(sql: "DELETE FROM goroutines WHERE key BETWEEN ? AND ?", arguments: [keys.lowerBound, keys.upperBound])
                    try db.execute(sql: "DELETE FROM snapshot_stacks WHERE snapshot_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM snapshots WHERE id = ?", arguments: [id])
                }
                removed = ids.count
                return .commit
            }
            epochCache.withLock { $0 = [:] }
            return PruneSummary(snapshots: removed, partitionsDropped: 0)
        }
    }
}
