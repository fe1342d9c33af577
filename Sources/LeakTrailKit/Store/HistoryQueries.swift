/// The history reader's SQL, written once for both backends (`?` placeholders; PostgreSQL
/// numbers them, see ``PostgresSQL/numbered(_:)``).
enum HistoryQueries {
    /// The selected snapshots with their instance and service, and the conditions that select.
    ///
    /// An instance with more snapshots than the filter's ``LeakStore/HistoryFilter/buckets``
    /// is thinned in the query itself, so only the kept snapshots' rows are ever read and the
    /// analysis holds at most about that many points per instance and signature, however long
    /// the window: its span is cut into that many equal time buckets, and each epoch keeps in
    /// each bucket its last capture (a traceback before another format of the same moment,
    /// for its ids and waits), its first moment (so an epoch keeps its start) and every
    /// goroutineleak profile (the proof of a leak). What is kept is a series of real captures
    /// at a longer interval — not averages — so every rule reads it as it reads any slower
    /// capture schedule. An instance within the budget is read whole. Both windows share one
    /// sort (the epoch's is a prefix of the bucket's): on a fleet-week, sorting two million
    /// snapshot rows is most of the query.
    static func snapshots(_ filter: LeakStore.HistoryFilter) -> (sql: String, arguments: [HistoryArgument]) {
        let (conditions, arguments) = self.conditions(filter)
        guard let budget = filter.buckets else {
            return ("""
                SELECT s.id, s.time_ms, s.epoch, sv.name, i.name, s.format, s.profile, i.id
                FROM \(selection) WHERE 1 = 1\(conditions) ORDER BY i.id, s.time_ms, s.id
                """, arguments)
        }
        let sql = """
            SELECT id, time_ms, epoch, service, instance, format, profile, instance_id FROM (
              SELECT selected.*,
                row_number() OVER (PARTITION BY instance_id, epoch, profile, (time_ms - t0) * ? / (t1 - t0 + 1)
                                   ORDER BY time_ms DESC, later, id DESC) AS last_in_bucket,
                min(time_ms) OVER (PARTITION BY instance_id, epoch, profile) AS epoch_start
              FROM (
                SELECT s.id, s.time_ms, s.epoch, sv.name AS service, i.name AS instance, s.format, s.profile, i.id AS instance_id,
                  CASE WHEN s.format = 'traceback' THEN 0 ELSE 1 END AS later,
                  count(*) OVER w AS n, min(s.time_ms) OVER w AS t0, max(s.time_ms) OVER w AS t1
                FROM \(selection) WHERE 1 = 1\(conditions) WINDOW w AS (PARTITION BY i.id)
              ) selected
            ) kept WHERE n <= ? OR last_in_bucket = 1 OR time_ms = epoch_start OR profile = 'goroutineleak'
            ORDER BY instance_id, time_ms, id
            """
        return (sql, [.integer(Int64(budget))] + arguments + [.integer(Int64(budget))])
    }

    private static let selection = "snapshots s JOIN instances i ON i.id = s.instance_id JOIN services sv ON sv.id = i.service_id"

    private static func conditions(_ filter: LeakStore.HistoryFilter) -> (String, [HistoryArgument]) {
        var sql = ""
        var arguments: [HistoryArgument] = []
        if let s = filter.service { sql += " AND sv.name = ?"; arguments.append(.text(s)) }
        if let i = filter.instance { sql += " AND i.name = ?"; arguments.append(.text(i)) }
        if let t = filter.since { sql += " AND s.time_ms >= ?"; arguments.append(.integer(t.unixMilliseconds)) }
        if let t = filter.until { sql += " AND s.time_ms <= ?"; arguments.append(.integer(t.unixMilliseconds)) }
        return (sql, arguments)
    }

    static let stackKeys = "SELECT signature, function_signature FROM stacks ORDER BY signature"

    /// A traceback's rows with their wait columns; other formats' rows without them.
    static let wideCounts = """
        SELECT signature, count, leaked, coalesce(wait_min, -1), coalesce(wait_max, -1), state
        FROM snapshot_stacks WHERE snapshot_id = ? ORDER BY signature
        """
    static let narrowCounts = "SELECT signature, count, leaked FROM snapshot_stacks WHERE snapshot_id = ? ORDER BY signature"

    /// Stacks in signature order: at the function level the last stack of a function wins,
    /// the same one on both backends.
    static let topFrames = "SELECT signature, function_signature, top_frame FROM stacks ORDER BY signature"

    static let stackText = "SELECT frames, created_by FROM stacks WHERE signature = ?"
}

/// A bound value of a shared query.
enum HistoryArgument: Sendable {
    case text(String)
    case integer(Int64)
}
