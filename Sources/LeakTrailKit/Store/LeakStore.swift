import Foundation
import GRDB

/// The SQLite store of snapshots over time: one file, WAL mode, changed only in transactions.
///
/// Two processes may import into one store at once: each waits its turn for the write lock
/// (a busy timeout) and commits whole files, so neither loses anything.
public final class LeakStore: @unchecked Sendable {
    /// Where the store lives; `:memory:` for an in-memory store.
    public let path: String
    let queue: DatabaseQueue
    /// The last snapshot written, so a series imported in time order never reads back its
    /// predecessor's goroutines to place epochs.
    let epochCache = Locked<[Int64: ProcessEpochs.Evidence]>([:])

    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 120

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "leaktrail"
        // Refused before SQLite tries: a failed open still leaves `-wal` and `-shm` files behind.
        if let problem = StoreAccess.problem(at: path) { throw StoreError.cannotOpen(path: path, reason: problem) }
        queue = try Self.retrying(path: path) {
            try Self.refuseNewerSchema(path: path)
            let queue = try DatabaseQueue(path: path, configuration: config)
            try Self.migrate(queue, path: path)
            return queue
        }
    }

    /// Opens the store at `path` only when one is there. Reading never creates a store: a
    /// mistyped path must say so, not leave an empty store behind and answer "nothing".
    /// (An older schema is still migrated, as ``init(path:)`` does.)
    public convenience init(existingAt path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        guard let size, size.intValue > 0 else { throw StoreError.noStore(path: path) }
        try self.init(path: path)
    }

    /// A private in-memory store, for tests.
    public init() throws {
        path = ":memory:"
        queue = try DatabaseQueue()
        try Self.migrate(queue, path: path)
    }

    private static func migrate(_ queue: DatabaseQueue, path: String) throws {
        let migrator = StoreSchema.migrator
        if try queue.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
        try migrator.migrate(queue)
    }

    /// A store from a newer leaktrail is refused before it is opened for writing: GRDB's WAL
    /// set-up writes to the file on every open, so checking afterwards would change the bytes
    /// of a store this leaktrail must not touch. This connection leaves the journal mode alone
    /// and only reads.
    private static func refuseNewerSchema(path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 else { return }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        let superseded = try DatabaseQueue(path: path, configuration: config).read { try StoreSchema.migrator.hasBeenSuperseded($0) }
        if superseded { throw StoreError.newerSchema(path: path) }
    }

    /// Opening and migrating race when two processes create one store at the same moment:
    /// the loser sees a half-made schema or a busy snapshot. Trying again settles it. A path
    /// the file system refuses (no such directory, read-only) fails at once with the cause.
    private static func retrying<T>(path: String, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as StoreError {
                throw error
            } catch {
                if let problem = StoreAccess.problem(at: path) { throw StoreError.cannotOpen(path: path, reason: problem) }
                attempt += 1
                if attempt >= 8 { throw StoreError.cannotOpen(path: path, reason: "\(error)") }
                usleep(useconds_t(50_000 * attempt + Int.random(in: 0..<50_000)))
            }
        }
    }

    /// Signatures already stored whole, so parsers need not send their frames again. A stack
    /// stored without its `created by` (first seen in a count profile) is not counted, so that
    /// a traceback capture can still fill it in.
    public func knownSignatures() throws -> Set<UInt64> {
        try queue.read { db in
            var known = Set<UInt64>()
            let rows = try Int64.fetchCursor(db, sql: "SELECT signature FROM stacks WHERE created_by IS NOT NULL")
            while let s = try rows.next() { known.insert(UInt64(bitPattern: s)) }
            return known
        }
    }

    /// The store file's size with its WAL, in bytes (0 in memory).
    public func fileBytes() -> Int64 {
        guard path != ":memory:" else { return 0 }
        return [path, path + "-wal"].reduce(0) { sum, p in
            let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? NSNumber)?.int64Value
            return sum + (size ?? 0)
        }
    }

    /// Writes the WAL back into the main file, so the file's size is the store's size.
    public func checkpoint() throws {
        guard path != ":memory:" else { return }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Runs a read-only closure on the database: for tests and tools that need raw SQL.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }
}

/// A value behind a lock (the `Synchronization` module's `Mutex` needs newer macOS).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
