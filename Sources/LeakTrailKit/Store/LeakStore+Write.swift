import Foundation
import GRDB
import GRDBSQLite

extension LeakStore {
    /// What writing one file did.
    public enum CommitOutcome: Sendable, Equatable {
        /// New snapshots (ids in file order) and how many stacks the store had not seen.
        case imported(snapshotIDs: [Int64], newStacks: Int)
        /// The same content was already stored (as snapshot `existing`): nothing was added.
        case skipped(existing: Int64)
    }

    /// Writes one file's snapshots in one immediate transaction: all of it or, on any error,
    /// none of it. Epochs of the file's instance are recomputed inside the same transaction.
    public func commit(_ batch: FileBatch) throws -> CommitOutcome {
        var outcome = CommitOutcome.skipped(existing: 0)
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    outcome = try write(batch, db)
                    return .commit
                }
            }
        } catch {
            epochCache.withLock { $0 = [:] }  // ids of rolled-back rows will be reused
            throw error
        }
        return outcome
    }

    private func write(_ batch: FileBatch, _ db: Database) throws -> CommitOutcome {
        let hash = Data(batch.contentHash.bytes)
        let instance = try instanceID(db, service: batch.service, instance: batch.instance)
        if let existing = try duplicate(of: batch, hash: hash, instance: instance, db) {
            return .skipped(existing: existing)
        }
        let newStacks = try insertStacks(db, batch.stacks)
        var ids: [Int64] = []
        var cache = epochCache.withLock { $0 }
        for (part, snapshot) in batch.snapshots.enumerated() {
            let id = try insertSnapshot(db, snapshot, instance: instance, batch: batch, hash: hash, part: part)
            try insertCounts(db, snapshot.counts, snapshot: id)
            try insertGoroutines(db, snapshot.goroutines, snapshot: id)
            let evidence = ProcessEpochs.Evidence(ids: snapshot.goroutines.ids, total: snapshot.goroutineTotal, truncated: snapshot.truncated)
            try ProcessEpochs.place(db, snapshot: id, evidence: evidence, cache: &cache)
            ids.append(id)
        }
        let earliest = batch.snapshots.map(\.time.unixMilliseconds).min()
        try ProcessEpochs.renumber(db, instance: instance, from: earliest)
        epochCache.withLock { $0 = cache }
        return .imported(snapshotIDs: ids, newStacks: newStacks)
    }

    /// The snapshot that already holds this file: the same instance, capture time and content
    /// (its first part decides; a file is written whole or not at all). The same bytes captured
    /// at another time or on another instance are a new observation, not a duplicate.
    private func duplicate(of batch: FileBatch, hash: Data, instance: Int64, _ db: Database) throws -> Int64? {
        guard let first = batch.snapshots.first else {
            return try Int64.fetchOne(db, sql: "SELECT id FROM snapshots WHERE instance_id = ? AND content_hash = ? AND part = 0",
                                      arguments: [instance, hash])
        }
        return try Int64.fetchOne(db, sql: "SELECT id FROM snapshots WHERE instance_id = ? AND time_ms = ? AND content_hash = ? AND part = 0",
                                  arguments: [instance, first.time.unixMilliseconds, hash])
    }

    private func instanceID(_ db: Database, service: String, instance: String) throws -> Int64 {
        try db.execute(sql: "INSERT OR IGNORE INTO services (name) VALUES (?)", arguments: [service])
        let serviceID = try Int64.fetchOne(db, sql: "SELECT id FROM services WHERE name = ?", arguments: [service])!
        try db.execute(sql: "INSERT OR IGNORE INTO instances (service_id, name) VALUES (?, ?)", arguments: [serviceID, instance])
        return try Int64.fetchOne(db, sql: "SELECT id FROM instances WHERE service_id = ? AND name = ?", arguments: [serviceID, instance])!
    }

    private func insertStacks(_ db: Database, _ stacks: [StackRow]) throws -> Int {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO stacks VALUES (?, ?, ?, ?, ?)")
        // A stack first stored from a count profile has no `created by`; a later traceback
        // capture of the same stack supplies it.
        let creator = try db.cachedStatement(sql: "UPDATE stacks SET created_by = ? WHERE signature = ? AND created_by IS NULL")
        var added = 0
        for s in stacks {
            try statement.execute(arguments: [
                Int64(bitPattern: s.signature.value), Int64(bitPattern: s.functionSignature.value),
                s.topFrame, s.frames, s.createdBy,
            ])
            if db.changesCount > 0 {
                added += 1
            } else if let createdBy = s.createdBy {
                try creator.execute(arguments: [createdBy, Int64(bitPattern: s.signature.value)])
            }
        }
        return added
    }

    private func insertSnapshot(_ db: Database, _ s: SnapshotBatch, instance: Int64, batch: FileBatch, hash: Data, part: Int) throws -> Int64 {
        let ids = s.goroutines.ids
        try db.execute(sql: """
            INSERT INTO snapshots (instance_id, time_ms, time_source, epoch, starts_epoch, source, content_hash,
                part, start_line, format, profile, goroutines, declared_total, issues, truncated,
                min_goroutine_id, max_goroutine_id)
            VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                instance, s.time.unixMilliseconds, s.timeSource.rawValue,
                batch.path, hash, part, s.startLine, s.format.rawValue, s.profile, s.goroutineTotal,
                s.declaredTotal, s.issues.count, s.truncated, ids.minID, ids.maxID,
            ])
        return db.lastInsertedRowID
    }

    /// The hot path: GRDB's argument boxing would halve the rate, so bind through the raw handle.
    private func insertCounts(_ db: Database, _ rows: [CountRow], snapshot: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO snapshot_stacks VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let h = statement.sqliteStatement
        for r in rows {
            sqlite3_bind_int64(h, 1, snapshot)
            sqlite3_bind_int64(h, 2, Int64(bitPattern: r.signature.value))
            sqlite3_bind_int64(h, 3, Int64(r.count))
            bindText(h, 4, r.state)
            bindOptional(h, 5, r.waitMin.map(Int64.init))
            bindOptional(h, 6, r.waitMax.map(Int64.init))
            sqlite3_bind_int64(h, 7, Int64(r.leaked))
            if let labels = r.labels { bindText(h, 8, labels) } else { sqlite3_bind_null(h, 8) }
            try step(h, db)
        }
    }

    /// Rows per multi-row `INSERT` of goroutines: one statement step per block instead of per
    /// row roughly halves SQLite's per-row overhead.
    static let goroutineBlock = 64
    static let goroutineBlockSQL = "INSERT OR IGNORE INTO goroutines VALUES "
        + Array(repeating: "(?, ?, ?)", count: goroutineBlock).joined(separator: ", ")

    /// Streams the rows from their spool a chunk at a time, so a file of any size is written
    /// in bounded memory (and still in its one transaction).
    private func insertGoroutines(_ db: Database, _ rows: GoroutineRows, snapshot: Int64) throws {
        let block = try db.cachedStatement(sql: Self.goroutineBlockSQL).sqliteStatement
        let single = try db.cachedStatement(sql: "INSERT OR IGNORE INTO goroutines VALUES (?, ?, ?)").sqliteStatement
        let base = snapshot << StoreSchema.goroutineIDBits
        try rows.forEachChunk { chunk in
            // OR IGNORE: crash dumps print `goroutine 0` once per M; the first one is kept.
            // Ids beyond the key's 40 bits (never seen in practice) are not kept per goroutine.
            if chunk.allSatisfy({ $0.id >= 0 && $0.id <= StoreSchema.goroutineIDMask }) {
                try insertGoroutineChunk(chunk, block: block, single: single, base: base, db)
            } else {
                let kept = chunk.filter { $0.id >= 0 && $0.id <= StoreSchema.goroutineIDMask }
                try kept.withUnsafeBufferPointer { try insertGoroutineChunk($0, block: block, single: single, base: base, db) }
            }
        }
    }

    private func insertGoroutineChunk(_ rows: UnsafeBufferPointer<GoroutineRow>, block: OpaquePointer, single: OpaquePointer,
                                      base: Int64, _ db: Database) throws {
        let n = Self.goroutineBlock
        var i = 0
        while i + n <= rows.count {
            for k in 0..<n { bind(block, Int32(3 * k + 1), rows[i + k], base) }
            try step(block, db)
            i += n
        }
        while i < rows.count {
            bind(single, 1, rows[i], base)
            try step(single, db)
            i += 1
        }
    }

    @inline(__always)
    private func bind(_ h: OpaquePointer, _ first: Int32, _ r: GoroutineRow, _ base: Int64) {
        sqlite3_bind_int64(h, first, base | r.id)
        sqlite3_bind_int64(h, first + 1, Int64(bitPattern: r.signature.value))
        bindOptional(h, first + 2, r.waitMinutes.map(Int64.init))
    }

    @inline(__always)
    private func bindOptional(_ h: OpaquePointer, _ i: Int32, _ v: Int64?) {
        if let v { sqlite3_bind_int64(h, i, v) } else { sqlite3_bind_null(h, i) }
    }

    private func bindText(_ h: OpaquePointer, _ i: Int32, _ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            // SQLITE_TRANSIENT: SQLite copies the bytes before this closure returns.
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            if let base = utf8.baseAddress, utf8.count > 0 {
                _ = sqlite3_bind_text(h, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(utf8.count), transient)
            } else {
                _ = sqlite3_bind_text(h, i, "", 0, transient)
            }
        }
    }

    @inline(__always)
    private func step(_ h: OpaquePointer, _ db: Database) throws {
        let code = sqlite3_step(h)
        sqlite3_reset(h)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
