import Foundation
import PostgresNIO

/// ``HistorySource`` on PostgreSQL: the same queries as on SQLite, but one statement for all
/// the selected snapshots' counts (a round trip per snapshot would cost more than its rows),
/// streamed in snapshot order into one reader as the rows arrive.
struct PostgresHistorySource: HistorySource {
    let s: PostgresSession

    func snapshotRows(_ filter: LeakStore.HistoryFilter) throws -> [HistorySnapshotRow] {
        let (sql, arguments) = HistoryQueries.snapshots(filter)
        return try s.all(PostgresSQL.numbered(sql), PostgresSQL.bindings(arguments)) { r in
            let (id, time, epoch, service, instance, format, profile, instanceID) =
                try r.decode((Int64, Int64, Int, String, String, String, String, Int64).self)
            return HistorySnapshotRow(id: id, timeMs: time, epoch: epoch, service: service, instance: instance,
                                      format: format, profile: profile, instanceID: instanceID)
        }
    }

    func stackKeys() throws -> [(line: Int64, function: Int64)] {
        try s.all(HistoryQueries.stackKeys) { r in
            let (line, function) = try r.decode((Int64, Int64).self)
            return (line: line, function: function)
        }
    }

    /// The selected snapshots' rows in two statements, each streamed into a reader of its
    /// own as the rows arrive: tracebacks' rows with their wait columns and state, other
    /// captures' rows without (a fleet's count captures are millions of rows, and every cell
    /// decoded costs), as SQLite reads them.
    func readCounts(_ snapshots: [Int64], plan: HistoryPlan) throws -> [HistoryPlan.Partial] {
        let wide = snapshots.filter { plan.place[$0]?.waits == true }
        let narrow = snapshots.filter { plan.place[$0]?.waits != true }
        var parts: [HistoryPlan.Partial] = []
        if !wide.isEmpty { parts.append(try read(wide, plan: plan, waits: true)) }
        if !narrow.isEmpty { parts.append(try read(narrow, plan: plan, waits: false)) }
        return parts
    }

    private func read(_ snapshots: [Int64], plan: HistoryPlan, waits: Bool) throws -> HistoryPlan.Partial {
        let reader = Locked(HistoryPlan.CountReader(plan))
        var b = PostgresBindings()
        b.append(snapshots)
        let current = Locked<Int64?>(nil)
        let columns = waits ? "c.count, c.leaked, coalesce(c.wait_min, -1), coalesce(c.wait_max, -1), c.state" : "c.count, c.leaked"
        try s.query("""
            SELECT c.snapshot_id, c.signature, \(columns)
            FROM snapshots s JOIN snapshot_stacks c ON c.service_id = s.service_id AND c.snapshot_id = s.id AND c.time_ms = s.time_ms
            WHERE s.id = ANY($1) ORDER BY c.snapshot_id, c.signature
            """, b) { row in
            var cells = row.makeIterator()
            let snapshot = try Self.int(cells.next())
            var values = CountRowValues(signature: try Self.int(cells.next()), count: try Self.int(cells.next()),
                                        leaked: try Self.int(cells.next()), waitMin: -1, waitMax: -1, stated: false)
            var stateCell: PostgresCell?
            if waits {
                values.waitMin = try Self.int(cells.next())
                values.waitMax = try Self.int(cells.next())
                stateCell = cells.next()
                values.stated = (stateCell?.bytes?.readableBytes ?? 0) > 0
            }
            let (v, state) = (values, stateCell)
            reader.withLock { r in
                if current.withLock({ $0 }) != snapshot {
                    current.withLock { $0 = snapshot }
                    _ = r.begin(snapshot: snapshot)
                }
                r.add(v) { (try? state?.decode(String.self)) ?? "" }
            }
        }
        return reader.withLock { $0.finish() }
    }

    func goroutines(of snapshots: [Int64], _ body: (Int64, Int64, Int64) -> Void) throws {
        var b = PostgresBindings()
        b.append(snapshots)
        let rows = try s.all("""
            SELECT g.snapshot_id, g.goroutine_id, g.signature
            FROM snapshots s JOIN goroutines g ON g.service_id = s.service_id AND g.snapshot_id = s.id AND g.time_ms = s.time_ms
            WHERE s.id = ANY($1)
            """, b) {
            try $0.decode((Int64, Int64, Int64).self)
        }
        for (snapshot, id, signature) in rows { body(snapshot, id, signature) }
    }

    func stackTexts(_ signatures: [Int64]) throws -> [Int64: (frames: String, createdBy: String?)] {
        var b = PostgresBindings()
        b.append(signatures)
        let rows = try s.all("SELECT signature, frames, created_by FROM stacks WHERE signature = ANY($1)", b) {
            try $0.decode((Int64, String, String?).self)
        }
        var out: [Int64: (frames: String, createdBy: String?)] = [:]
        for (signature, frames, createdBy) in rows { out[signature] = (frames, createdBy) }
        return out
    }

    /// An integer cell, whatever its width (counts are INTEGER, signatures BIGINT).
    @inline(__always)
    static func int(_ cell: PostgresCell?) throws -> Int64 {
        guard let cell else { throw PostgresFailure(StoreError.noSnapshot("a count row lacks a column")) }
        return try cell.decode(Int64.self)
    }
}
