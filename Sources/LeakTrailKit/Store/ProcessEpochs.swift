import GRDB

/// Numbers the process lifetimes of one instance, so that no series mixes two processes.
///
/// Goroutine ids come from one counter per process that only grows (handed to each P in
/// batches of 16), so within one process:
/// - a goroutine alive in a later snapshot with an id below the earlier snapshot's largest
///   id was already alive then; a later snapshot whose low ids are mostly *absent* from the
///   earlier one belongs to another process ("ids restarted");
/// - ids never go back: a largest id at most half the previous one together with a total
///   at most half the previous total means a new process ("ids restarted low and the total
///   collapsed").
/// Count profiles carry no ids, so they never start an epoch after the first. A truncated
/// dump lacks goroutines at random, so absence is not evidence next to one.
public enum ProcessEpochs {
    /// What a snapshot says about its process: its goroutine ids (every one, or a coordinated
    /// sample of a snapshot too large to hold), its total and whether it was cut.
    public struct Evidence: Sendable {
        public var ids: GoroutineIDSample
        public var total: Int
        public var truncated: Bool

        public init(ids: GoroutineIDSample, total: Int, truncated: Bool) {
            self.ids = ids.finished()
            self.total = total
            self.truncated = truncated
        }

        public init(rows: [GoroutineRow], total: Int, truncated: Bool) {
            self.init(ids: GoroutineIDSample(rows.lazy.map(\.id)), total: total, truncated: truncated)
        }
    }

    /// Why `next` belongs to a new process after `previous`, or nil when nothing says so.
    public static func restartReason(previous p: Evidence, next s: Evidence) -> String? {
        guard let pMax = p.ids.maxID, let sMax = s.ids.maxID else { return nil }
        if !p.truncated && !s.truncated {
            // Below both thresholds both samples are complete, so absence is exact there.
            let threshold = min(p.ids.threshold, s.ids.threshold)
            let previous = p.ids.ids
            var (i, absent, considered) = (0, 0, 0)
            for id in s.ids.ids where id <= pMax && GoroutineIDSample.rank(id) <= threshold {
                considered += 1
                while i < previous.count && previous[i] < id { i += 1 }
                if i == previous.count || previous[i] != id { absent += 1 }
            }
            if absent >= 4 && absent * 2 >= considered {
                let sampled = threshold == .max ? "" : " (a sample of the ids)"
                return "ids restarted: \(absent) of \(considered) goroutines with ids up to \(pMax) were not in the previous snapshot\(sampled)"
            }
        }
        if sMax * 2 <= pMax && s.total * 2 <= p.total {
            return "ids restarted low (largest \(sMax) after \(pMax)) and the total collapsed (\(s.total) after \(p.total))"
        }
        return nil
    }

    /// The evidence of a stored snapshot.
    static func storedEvidence(_ db: Database, snapshot id: Int64) throws -> Evidence {
        let row = try Row.fetchOne(db, sql: "SELECT goroutines, truncated FROM snapshots WHERE id = ?", arguments: [id])
        var ids = GoroutineIDSample()
        let keys = StoreSchema.goroutineKeys(of: id)
        let cursor = try Int64.fetchCursor(db, sql: "SELECT key FROM goroutines WHERE key BETWEEN ? AND ? ORDER BY key",
                                           arguments: [keys.lowerBound, keys.upperBound])
        while let key = try cursor.next() { ids.add(key & StoreSchema.goroutineIDMask) }
        return Evidence(ids: ids, total: row?[0] ?? 0, truncated: row?[1] ?? false)
    }

    /// Sets `starts_epoch` of a newly stored snapshot and of the next one with ids (its
    /// predecessor changed). Each is compared with the nearest earlier snapshot that has
    /// goroutine ids: count profiles in between carry no evidence either way.
    static func place(_ db: Database, snapshot id: Int64, evidence: Evidence, cache: inout [Int64: Evidence]) throws {
        guard evidence.ids.maxID != nil else { return try mark(db, id, nil) }
        let me = try Row.fetchOne(db, sql: "SELECT instance_id, time_ms FROM snapshots WHERE id = ?", arguments: [id])!
        let (instance, time): (Int64, Int64) = (me[0], me[1])
        // Row values, not `time_ms > ? OR (time_ms = ? AND id > ?)`: with bound parameters
        // SQLite plans the OR form as a scan of the whole instance, which made importing many
        // files into one instance quadratic (20,000 files: 55 s).
        let previous = try Int64.fetchOne(db, sql: """
            SELECT id FROM snapshots WHERE instance_id = ? AND max_goroutine_id IS NOT NULL
              AND (time_ms, id) < (?, ?)
            ORDER BY time_ms DESC, id DESC LIMIT 1
            """, arguments: [instance, time, id])
        let next = try Int64.fetchOne(db, sql: """
            SELECT id FROM snapshots WHERE instance_id = ? AND max_goroutine_id IS NOT NULL
              AND (time_ms, id) > (?, ?)
            ORDER BY time_ms, id LIMIT 1
            """, arguments: [instance, time, id])
        var reason: String?
        if let previous {
            let p = try cache[previous] ?? storedEvidence(db, snapshot: previous)
            reason = restartReason(previous: p, next: evidence)
        }
        try mark(db, id, reason)
        if let next {
            try mark(db, next, restartReason(previous: evidence, next: try storedEvidence(db, snapshot: next)))
        }
        cache = [id: evidence]
    }

    private static func mark(_ db: Database, _ id: Int64, _ reason: String?) throws {
        try db.execute(sql: "UPDATE snapshots SET starts_epoch = ?, epoch_reason = ? WHERE id = ?",
                       arguments: [reason != nil, reason, id])
    }

    /// Recomputes `epoch` (1, 2, …) for one instance from the `starts_epoch` marks, for the
    /// snapshots taken at or after `from` (Unix ms; nil: all of them). Earlier snapshots keep
    /// their epochs, so an import in time order touches only what it added instead of
    /// re-reading the whole instance on every commit.
    /// Snapshots taken at the same moment (one capture in several formats) share an epoch:
    /// if any of them starts a new one, all of them are in it.
    static func renumber(_ db: Database, instance: Int64, from: Int64? = nil) throws {
        let floor = from ?? Int64.min
        let base = try Int.fetchOne(db, sql: """
            SELECT epoch FROM snapshots WHERE instance_id = ? AND time_ms < ? ORDER BY time_ms DESC, id DESC LIMIT 1
            """, arguments: [instance, floor]) ?? 0
        // One row per moment, summed up inside SQLite: many snapshots at one moment (`--at`
        // on a directory) would otherwise be read back row by row on every commit.
        let moments = try Row.fetchAll(db, sql: """
            SELECT time_ms, MAX(starts_epoch), MIN(epoch), MAX(epoch) FROM snapshots
            WHERE instance_id = ? AND time_ms >= ? GROUP BY time_ms ORDER BY time_ms
            """, arguments: [instance, floor])
        var epoch = base
        for (i, moment) in moments.enumerated() {
            if moment[1] as Bool || (i == 0 && base == 0) { epoch += 1 }
            guard (moment[2] as Int, moment[3] as Int) != (epoch, epoch) else { continue }
            try db.execute(sql: "UPDATE snapshots SET epoch = ? WHERE instance_id = ? AND time_ms = ? AND epoch != ?",
                           arguments: [epoch, instance, moment[0] as Int64, epoch])
        }
    }
}
