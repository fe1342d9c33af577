/// The history reader's SQL, written once for both backends (`?` placeholders; PostgreSQL
/// numbers them, see ``PostgresSQL/numbered(_:)``).
enum HistoryQueries {
    /// The selected snapshots with their instance and service, and the conditions that select.
    static func snapshots(_ filter: LeakStore.HistoryFilter) -> (sql: String, arguments: [HistoryArgument]) {
        var sql = """
            SELECT s.id, s.time_ms, s.epoch, sv.name, i.name, s.format, s.profile, i.id
            FROM snapshots s JOIN instances i ON i.id = s.instance_id JOIN services sv ON sv.id = i.service_id WHERE 1 = 1
            """
        var arguments: [HistoryArgument] = []
        if let s = filter.service { sql += " AND sv.name = ?"; arguments.append(.text(s)) }
        if let i = filter.instance { sql += " AND i.name = ?"; arguments.append(.text(i)) }
        if let t = filter.since { sql += " AND s.time_ms >= ?"; arguments.append(.integer(t.unixMilliseconds)) }
        if let t = filter.until { sql += " AND s.time_ms <= ?"; arguments.append(.integer(t.unixMilliseconds)) }
        return (sql + " ORDER BY i.id, s.time_ms, s.id", arguments)
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
