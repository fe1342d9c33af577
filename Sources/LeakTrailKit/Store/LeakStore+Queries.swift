import GRDB

extension LeakStore {
    /// Which snapshot `top` reads.
    public enum SnapshotSelector: Sendable, Equatable {
        case id(Int64)
        /// The newest by capture time (then by id), optionally of one instance.
        case latest
    }

    /// Every snapshot in capture order, optionally of one service or instance.
    public func snapshots(service: String? = nil, instance: String? = nil) throws -> [StoredSnapshot] {
        try queue.read { db in
            var sql = StoredSnapshot.selectSQL + " WHERE 1"
            var arguments: StatementArguments = []
            if let service { sql += " AND sv.name = ?"; arguments += [service] }
            if let instance { sql += " AND i.name = ?"; arguments += [instance] }
            return try StoredSnapshot.fetchAll(db, sql: sql + " ORDER BY s.time_ms, s.id", arguments: arguments)
        }
    }

    /// The largest signatures of one snapshot, largest first (ties by signature).
    public func top(_ selector: SnapshotSelector, instance: String? = nil, by level: SignatureLevel = .line, limit: Int = 20) throws -> TopReport {
        try queue.read { db in
            let snapshot = try resolve(db, selector, instance: instance)
            let sql = TopQueries.sql(level, where: "c.snapshot_id = ?")
            let rows = try Row.fetchAll(db, sql: sql, arguments: [snapshot.id, limit])
            let entries = rows.map { r in
                TopEntry(signature: StackSignature(value: UInt64(bitPattern: r[0])), count: r[1], state: r[2],
                         waitMin: r[3], waitMax: r[4], leaked: r[5], topFrame: r[6], stacks: r[7])
            }
            return TopReport(snapshot: snapshot, level: level, entries: entries)
        }
    }

    private func resolve(_ db: Database, _ selector: SnapshotSelector, instance: String?) throws -> StoredSnapshot {
        switch selector {
        case .id(let id):
            guard let s = try StoredSnapshot.fetchOne(db, sql: StoredSnapshot.selectSQL + " WHERE s.id = ?", arguments: [id]) else {
                throw StoreError.noSnapshot("no snapshot \(id) in \(path): see `leaktrail snapshots`")
            }
            return s
        case .latest:
            let filter = instance == nil ? "" : " WHERE i.name = ?"
            let arguments: StatementArguments = instance.map { [$0] } ?? []
            guard let s = try StoredSnapshot.fetchOne(db, sql: StoredSnapshot.selectSQL + filter + " ORDER BY s.time_ms DESC, s.id DESC LIMIT 1", arguments: arguments) else {
                throw StoreError.noSnapshot(instance.map { "no snapshot of instance \($0) in \(path)" } ?? "the store \(path) holds no snapshots: run `leaktrail import` first")
            }
            return s
        }
    }
}

/// One instance the store knows, for telling a user what a selection could have named.
public struct StoredInstance: Sendable, Equatable {
    public var service: String
    public var instance: String
    public var snapshots: Int

    /// Both backends' query (the dialects agree on it).
    static let selectSQL = """
        SELECT sv.name, i.name, COUNT(*) FROM snapshots s JOIN instances i ON i.id = s.instance_id
        JOIN services sv ON sv.id = i.service_id GROUP BY sv.name, i.name ORDER BY sv.name, i.name
        """
}

extension LeakStore {
    /// Every instance with snapshots, by service then instance.
    public func instances() throws -> [StoredInstance] {
        try queue.read { db in
            try Row.fetchAll(db, sql: StoredInstance.selectSQL).map { StoredInstance(service: $0[0], instance: $0[1], snapshots: $0[2]) }
        }
    }

    /// The snapshot with this id, or nil.
    public func snapshot(id: Int64) throws -> StoredSnapshot? {
        try queue.read { db in try StoredSnapshot.fetchOne(db, sql: StoredSnapshot.selectSQL + " WHERE s.id = ?", arguments: [id]) }
    }
}
