import Foundation
import PostgresNIO

/// ``ProcessEpochs`` on PostgreSQL: the same rules (``ProcessEpochs/restartReason(previous:next:)``)
/// and the same queries, run inside the committing transaction while it holds the instance's
/// advisory lock, so a concurrent writer of the same instance never sees half-placed epochs.
struct PostgresEpochs {
    let s: PostgresSession
    let service: Int64
    let instance: Int64

    /// The evidence of a stored snapshot: its ids from `goroutines` (one partition).
    func storedEvidence(_ id: Int64, time: Int64) throws -> ProcessEpochs.Evidence {
        let head = try s.all("SELECT goroutines, truncated FROM snapshots WHERE service_id = $1 AND id = $2 AND time_ms = $3",
                             binds(service, id, time)) { try $0.decode((Int, Bool).self) }.first
        let ids = Locked(GoroutineIDSample())
        try s.query("SELECT goroutine_id FROM goroutines WHERE service_id = $1 AND snapshot_id = $2 AND time_ms = $3 ORDER BY goroutine_id",
                    binds(service, id, time)) { row in
            let g = try row.decode(Int64.self)
            ids.withLock { $0.add(g) }
        }
        return ProcessEpochs.Evidence(ids: ids.withLock { $0 }, total: head?.0 ?? 0, truncated: head?.1 ?? false)
    }

    /// Sets `starts_epoch` of a new snapshot and of the next one with ids after it.
    func place(snapshot id: Int64, time: Int64, evidence: ProcessEpochs.Evidence, previous cached: (id: Int64, evidence: ProcessEpochs.Evidence)?) throws {
        guard evidence.ids.maxID != nil else { return try mark(id, time, nil) }
        let previous = try neighbour("(time_ms, id) < ($3, $4) ORDER BY time_ms DESC, id DESC", time, id)
        let next = try neighbour("(time_ms, id) > ($3, $4) ORDER BY time_ms, id", time, id)
        var reason: String?
        if let previous {
            let p = try cached.flatMap { $0.id == previous.id ? $0.evidence : nil } ?? storedEvidence(previous.id, time: previous.time)
            reason = ProcessEpochs.restartReason(previous: p, next: evidence)
        }
        try mark(id, time, reason)
        if let next {
            try mark(next.id, next.time, ProcessEpochs.restartReason(previous: evidence, next: try storedEvidence(next.id, time: next.time)))
        }
    }

    private func neighbour(_ condition: String, _ time: Int64, _ id: Int64) throws -> (id: Int64, time: Int64)? {
        try s.all("SELECT id, time_ms FROM snapshots WHERE service_id = $1 AND instance_id = $2 AND max_goroutine_id IS NOT NULL AND \(condition) LIMIT 1",
                  binds(service, instance, time, id)) { try $0.decode((Int64, Int64).self) }.first.map { (id: $0.0, time: $0.1) }
    }

    private func mark(_ id: Int64, _ time: Int64, _ reason: String?) throws {
        var b = binds(service, id, time)
        b.append(reason != nil)
        b.append(reason)
        try s.query("UPDATE snapshots SET starts_epoch = $4, epoch_reason = $5 WHERE service_id = $1 AND id = $2 AND time_ms = $3", b)
    }

    /// ``ProcessEpochs/renumber(_:instance:from:)``: epochs from `from` on, one row per moment.
    func renumber(from: Int64?) throws {
        let floor = from ?? Int64.min
        let base = try s.all("SELECT epoch FROM snapshots WHERE service_id = $1 AND instance_id = $2 AND time_ms < $3 ORDER BY time_ms DESC, id DESC LIMIT 1",
                             binds(service, instance, floor)) { try $0.decode(Int.self) }.first ?? 0
        let moments = try s.all("""
            SELECT time_ms, bool_or(starts_epoch), MIN(epoch), MAX(epoch) FROM snapshots
            WHERE service_id = $1 AND instance_id = $2 AND time_ms >= $3 GROUP BY time_ms ORDER BY time_ms
            """, binds(service, instance, floor)) { r in
            try r.decode((Int64, Bool, Int, Int).self)
        }
        var epoch = base
        for (i, moment) in moments.enumerated() {
            if moment.1 || (i == 0 && base == 0) { epoch += 1 }
            guard (moment.2, moment.3) != (epoch, epoch) else { continue }
            var b = binds(service, instance, moment.0)
            b.append(epoch)
            try s.query("UPDATE snapshots SET epoch = $4 WHERE service_id = $1 AND instance_id = $2 AND time_ms = $3 AND epoch != $4", b)
        }
    }
}

/// Bindings of leading integer parameters, the common case.
func binds(_ values: Int64...) -> PostgresBindings {
    var b = PostgresBindings(capacity: values.count)
    for v in values { b.append(v) }
    return b
}
