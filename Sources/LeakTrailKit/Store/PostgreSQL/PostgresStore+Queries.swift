import Foundation
import PostgresNIO

/// The read side: the same SQL as ``LeakStore``'s where the dialects agree (numbered by
/// ``PostgresSQL/numbered(_:)``), and every per-snapshot table reached through its
/// distribution and partition keys, so one snapshot's rows are one partition's index range.
extension PostgresStore {
    public func snapshots(service: String?, instance: String?) throws -> [StoredSnapshot] {
        var sql = StoredSnapshot.selectSQL + " WHERE 1 = 1"
        var arguments: [HistoryArgument] = []
        if let service { sql += " AND sv.name = ?"; arguments.append(.text(service)) }
        if let instance { sql += " AND i.name = ?"; arguments.append(.text(instance)) }
        return try withSession { s in
            try s.all(PostgresSQL.numbered(sql + " ORDER BY s.time_ms, s.id"), PostgresSQL.bindings(arguments), StoredSnapshot.init(postgres:))
        }
    }

    public func instances() throws -> [StoredInstance] {
        try withSession { s in
            try s.all(StoredInstance.selectSQL) { r in
                let (service, instance, count) = try r.decode((String, String, Int64).self)
                return StoredInstance(service: service, instance: instance, snapshots: Int(count))
            }
        }
    }

    public func snapshot(id: Int64) throws -> StoredSnapshot? {
        try withSession { s in
            try s.all(PostgresSQL.numbered(StoredSnapshot.selectSQL + " WHERE s.id = ?"), binds(id), StoredSnapshot.init(postgres:)).first
        }
    }

    public func top(_ selector: LeakStore.SnapshotSelector, instance: String?, by level: SignatureLevel, limit: Int) throws -> TopReport {
        try withSession { s in
            let (snapshot, keys) = try resolve(s, selector, instance: instance)
            var b = binds(keys.service, snapshot.id, keys.time)
            b.append(Int64(limit))
            let sql = PostgresSQL.numbered(TopQueries.sql(level, where: "c.service_id = ? AND c.snapshot_id = ? AND c.time_ms = ?"))
            let entries = try s.all(sql, b) { r in
                let (signature, count, state, waitMin, waitMax, leaked, topFrame, stacks) =
                    try r.decode((Int64, Int, String, Int?, Int?, Int, String, Int).self)
                return TopEntry(signature: StackSignature(value: UInt64(bitPattern: signature)), count: count, state: state,
                                waitMin: waitMin, waitMax: waitMax, leaked: leaked, topFrame: topFrame, stacks: stacks)
            }
            return TopReport(snapshot: snapshot, level: level, entries: entries)
        }
    }

    /// The snapshot `top` reads, with the keys that find its rows.
    private func resolve(_ s: PostgresSession, _ selector: LeakStore.SnapshotSelector, instance: String?) throws
        -> (StoredSnapshot, (service: Int64, time: Int64)) {
        let found: StoredSnapshot?
        switch selector {
        case .id(let id):
            found = try s.all(PostgresSQL.numbered(StoredSnapshot.selectSQL + " WHERE s.id = ?"), binds(id), StoredSnapshot.init(postgres:)).first
            guard found != nil else { throw StoreError.noSnapshot("no snapshot \(id) in \(location): see `leaktrail snapshots`") }
        case .latest:
            var arguments: [HistoryArgument] = []
            if let instance { arguments.append(.text(instance)) }
            let sql = StoredSnapshot.selectSQL + (instance == nil ? "" : " WHERE i.name = ?") + " ORDER BY s.time_ms DESC, s.id DESC LIMIT 1"
            found = try s.all(PostgresSQL.numbered(sql), PostgresSQL.bindings(arguments), StoredSnapshot.init(postgres:)).first
            guard found != nil else {
                throw StoreError.noSnapshot(instance.map { "no snapshot of instance \($0) in \(location)" }
                    ?? "the store \(location) holds no snapshots: run `leaktrail import` first")
            }
        }
        let snapshot = found!
        return (snapshot, try keys(s, snapshot.id))
    }

    /// The service and capture time of snapshot `id`: the keys of its rows' partition and shard.
    private func keys(_ s: PostgresSession, _ id: Int64) throws -> (service: Int64, time: Int64) {
        let found = try s.all("SELECT service_id, time_ms FROM snapshots WHERE id = $1", binds(id)) { try $0.decode((Int64, Int64).self) }
        guard let k = found.first else { throw StoreError.noSnapshot("no snapshot \(id) in \(location): see `leaktrail snapshots`") }
        return (k.0, k.1)
    }

    public func histories(_ filter: LeakStore.HistoryFilter) throws -> [SignatureHistory] {
        try withSession { s in try HistoryPlan.histories(PostgresHistorySource(s: s), filter) }
    }

    public func analysis(_ filter: LeakStore.HistoryFilter, options: AnalysisOptions) throws -> LeakAnalysis {
        try withSession { s in try HistoryPlan.analysis(PostgresHistorySource(s: s), filter, options: options) }
    }

    public func groupCounts(snapshot id: Int64, level: SignatureLevel) throws -> [StackSignature: Int] {
        try withSession { s in
            var counts: [StackSignature: Int] = [:]
            guard let k = try? keys(s, id) else { return counts }
            let sql = level == .line
                ? "SELECT c.signature, c.count FROM snapshot_stacks c WHERE c.service_id = $1 AND c.snapshot_id = $2 AND c.time_ms = $3"
                : """
                  SELECT st.function_signature, SUM(c.count) FROM snapshot_stacks c JOIN stacks st ON st.signature = c.signature
                  WHERE c.service_id = $1 AND c.snapshot_id = $2 AND c.time_ms = $3 GROUP BY 1
                  """
            for (signature, count) in try s.all(sql, binds(k.service, id, k.time), { try $0.decode((Int64, Int).self) }) {
                counts[StackSignature(value: UInt64(bitPattern: signature)), default: 0] += count
            }
            return counts
        }
    }

    public func topFrames(level: SignatureLevel) throws -> [StackSignature: String] {
        try withSession { s in
            var frames: [StackSignature: String] = [:]
            for (line, function, frame) in try s.all(HistoryQueries.topFrames, PostgresBindings(), { try $0.decode((Int64, Int64, String).self) }) {
                frames[StackSignature(value: UInt64(bitPattern: level == .line ? line : function))] = frame
            }
            return frames
        }
    }

    public func snapshotID(atOrBefore time: Date, instance: String?) throws -> Int64? {
        var sql = "SELECT s.id FROM snapshots s JOIN instances i ON i.id = s.instance_id WHERE s.time_ms <= ?"
        var arguments: [HistoryArgument] = [.integer(time.unixMilliseconds)]
        if let instance { sql += " AND i.name = ?"; arguments.append(.text(instance)) }
        return try withSession { s in
            try s.all(PostgresSQL.numbered(sql + " ORDER BY s.time_ms DESC, s.id DESC LIMIT 1"), PostgresSQL.bindings(arguments)) {
                try $0.decode(Int64.self)
            }.first
        }
    }

    public func prune(before cutoff: Date) throws -> PruneSummary {
        let summary = try withSession { s in try PostgresPartitions.prune(before: cutoff.unixMilliseconds, s) }
        knownDays.withLock { $0 = [] }
        return summary
    }
}

extension StoredSnapshot {
    /// A row of ``selectSQL`` from PostgreSQL.
    init(postgres r: PostgresRow) throws {
        let (id, timeMs, timeSource, service, instance, epoch, epochReason, format, profile, goroutines, issues, source) =
            try r.decode((Int64, Int64, String, String, String, Int, String?, String, String, Int, Int, String).self)
        self.init(id: id, timeMs: timeMs, timeSource: TimeSource(rawValue: timeSource) ?? .clock, service: service, instance: instance,
                  epoch: epoch, epochReason: epochReason, format: format, profile: profile, goroutines: goroutines, issues: issues, source: source)
    }
}
