import Foundation
import PostgresNIO

/// The store on a PostgreSQL server: many importers on many hosts write into it at once,
/// each file in its own transaction, serialized per instance by an advisory lock (epochs are
/// placed against the instance's neighbouring snapshots, so two writers of one instance must
/// take turns; writers of different instances never wait for each other).
///
/// Reads answer exactly what ``LeakStore`` answers for the same snapshots, so every command
/// prints the same bytes on either backend.
public final class PostgresStore: SnapshotStore, @unchecked Sendable {
    public let address: PostgresAddress
    /// One connection, one caller at a time: a transaction must not interleave with another.
    private let session: Locked<PostgresSession>
    /// Days whose partitions exist, so a commit checks the catalogue only on a new day.
    let knownDays = Locked<Set<Int64>>([])
    /// What this process already knows and that never changes once stored: service and
    /// instance ids by name, and the goroutine ids of the snapshot last written per instance
    /// (an import in time order then never reads its predecessor back).
    let cache = Locked(PostgresWriter.Cache())

    public var location: String { address.redacted }

    /// Connects and brings the schema up to date.
    public convenience init(_ text: String) throws {
        try self.init(address: PostgresAddress(text))
    }

    public init(address: PostgresAddress) throws {
        self.address = address
        let session = try PostgresSession(address)
        do {
            try Self.migrate(session, address: address)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: address.redacted, reason: "\(error)")
        }
        self.session = Locked(session)
    }

    /// Runs `body` with the connection, reconnecting first when the server dropped it.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try session.withLock { s in
            if s.isClosed {
                do {
                    s = try PostgresSession(address)
                } catch {
                    // Still down (restarting, or gone): the caller decides whether to wait.
                    throw PostgresFailure(lost: error)
                }
            }
            return try body(s)
        }
    }

    /// Applies the migrations this store lacks, one writer at a time (a session advisory lock:
    /// eight importers starting on an empty database must not all create the tables).
    private static func migrate(_ s: PostgresSession, address: PostgresAddress) throws {
        // A store already up to date is only read: an importer or reader role without the
        // right to create tables (docs/postgres.md, least privilege) opens it.
        if let applied = try appliedMigrations(s) {
            if let newest = applied.max(), newest > PostgresSchema.latest { throw StoreError.newerSchema(path: address.redacted) }
            if PostgresSchema.migrations.allSatisfy({ applied.contains($0.version) }) { return }
        }
        try s.execute("SELECT pg_advisory_lock(\(PostgresLocks.migrations))")
        defer { try? s.execute("SELECT pg_advisory_unlock(\(PostgresLocks.migrations))") }
        try s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        let applied = Set(try s.all("SELECT version FROM schema_migrations") { try $0.decode(Int.self) })
        if let newest = applied.max(), newest > PostgresSchema.latest { throw StoreError.newerSchema(path: address.redacted) }
        for m in PostgresSchema.migrations where !applied.contains(m.version) {
            try s.transaction {
                for statement in m.statements { try s.execute(statement) }
                var binds = PostgresBindings()
                binds.append(m.version)
                binds.append(m.name)
                try s.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", binds)
            }
        }
    }

    /// The migrations recorded, or nil when the store has no tables yet.
    private static func appliedMigrations(_ s: PostgresSession) throws -> Set<Int>? {
        let present = try s.all("SELECT to_regclass('schema_migrations') IS NOT NULL") { try $0.decode(Bool.self) }
        guard present.first == true else { return nil }
        return Set(try s.all("SELECT version FROM schema_migrations") { try $0.decode(Int.self) })
    }

    public func knownSignatures() throws -> Set<UInt64> {
        let rows = try withSession { s in
            try s.all("SELECT signature FROM stacks WHERE created_by IS NOT NULL") { UInt64(bitPattern: try $0.decode(Int64.self)) }
        }
        return Set(rows)
    }
}

/// Advisory lock keys. Instances lock their own id (ids are positive); these are negative.
enum PostgresLocks {
    static let migrations: Int64 = -7_146_001
    static let partitions: Int64 = -7_146_002
}
