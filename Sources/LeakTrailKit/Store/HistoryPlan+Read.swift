import Foundation
import GRDB
import GRDBSQLite

extension HistoryPlan {
    /// What one reader found over its snapshots: the rows the grid did not take, grouped by
    /// slot, and per slot the row whose state stands for the signature.
    struct Partial: Sendable {
        /// Rows by slot: those of slot `s` are `cells[starts[s]..<starts[s + 1]]`, in the
        /// order they were read.
        var cells: [Cell] = []
        var starts: [Int] = []
        /// Per slot: the signature had a row (in the grid or the list).
        var seen: [Bool] = []
        var best: [Best?] = []
        /// Slots past the store's stacks, for rows whose stack is missing from `stacks`.
        var extras: [UInt64: Int32] = [:]
        /// Per signature and instance: the stated row whose state stands for it there (the
        /// same stack may wait on a nil channel on one instance and a real one on another).
        var instanceBest: [InstanceKey: Best] = [:]

        func cells(of slot: Int32?) -> ArraySlice<Cell> {
            guard let s = slot.map(Int.init), s + 1 < starts.count else { return [] }
            return cells[starts[s]..<starts[s + 1]]
        }
    }

    /// Reads every selected snapshot's rows. A file store is read by one connection per core
    /// over disjoint snapshot ranges: decoding two million rows is the query's main cost,
    /// and WAL lets readers run side by side.
    mutating func readCounts(_ db: Database, path: String) throws {
        let snapshots = place.keys.sorted()
        let parts = path == ":memory:" || snapshots.count < 64 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        grid = CountGrid(slots: slotKeys.count, columns: columnInstance.count)
        let results: [Result<Partial, Error>]
        if parts == 1 {
            results = [Result { try self.read(db, snapshots) }]
        } else {
            let plan = self
            let chunks = (0..<parts).map { Array(snapshots[($0 * snapshots.count / parts)..<(($0 + 1) * snapshots.count / parts)]) }
            results = ParallelMap.map(chunks, minimum: 1) { chunk in
                Result {
                    var configuration = Configuration()
                    configuration.readonly = true
                    return try DatabaseQueue(path: path, configuration: configuration).read { try plan.read($0, chunk) }
                }
            }
        }
        self.parts = try results.map { try $0.get() }
        signatures = found()
    }

    /// The rows of `snapshots`, placed. A row costs a compare or two to find its slot (one
    /// snapshot's rows come in signature order, as the slots do) and a store into the grid,
    /// or an append and later a move when it goes to the list. SQLite's cost grows with every
    /// column a row returns, so count profiles are read without the columns only tracebacks
    /// fill.
    func read(_ db: Database, _ snapshots: [Int64]) throws -> Partial {
        let statements = try (db.makeStatement(sql: """
            SELECT signature, count, leaked, ifnull(wait_min, -1), ifnull(wait_max, -1), state
            FROM snapshot_stacks WHERE snapshot_id = ? ORDER BY signature
            """), db.makeStatement(sql: """
            SELECT signature, count, leaked FROM snapshot_stacks WHERE snapshot_id = ? ORDER BY signature
            """))
        // The raw handles live as long as their statements.
        return withExtendedLifetime(statements) {
            read(snapshots, full: statements.0.sqliteStatement, narrow: statements.1.sqliteStatement)
        }
    }

    private func read(_ snapshots: [Int64], full: OpaquePointer, narrow: OpaquePointer) -> Partial {
        var out = Partial()
        var keys = slotKeys
        var wanted = slotWanted
        out.best = Array(repeating: nil, count: keys.count)
        // Per slot: the rank of the best row so far.
        var bestRank = [Rank?](repeating: nil, count: keys.count)
        var rowsPerSlot = [Int](repeating: 0, count: keys.count)
        out.seen = Array(repeating: false, count: keys.count)
        let known = keys.count
        // Rows go to chunks of fixed size: a growing array would copy them again and again.
        var chunks: [[Cell]] = []
        var cells: [Cell] = []
        cells.reserveCapacity(Self.chunkSize)
        for snapshot in snapshots {
            guard let at = place[snapshot] else { continue }
            let h = at.waits ? full : narrow
            sqlite3_bind_int64(h, 1, snapshot)
            defer { sqlite3_reset(h) }
            var next = 0
            while sqlite3_step(h) == SQLITE_ROW {
                let signature = sqlite3_column_int64(h, 0)
                let line = UInt64(bitPattern: signature)
                let slot: Int
                if let i = lineIndex(of: signature, from: &next) {
                    slot = slotOfLine.isEmpty ? i : Int(slotOfLine[i])
                } else if let s = slotOfKey[line] ?? out.extras[line] {
                    slot = Int(s)
                } else {
                    slot = keys.count
                    out.extras[line] = Int32(slot)
                    keys.append(line)
                    wanted.append(self.wanted(line))
                    out.best.append(nil)
                    bestRank.append(nil)
                    rowsPerSlot.append(0)
                    out.seen.append(false)
                }
                guard wanted[slot] else { continue }
                out.seen[slot] = true
                let count = Int(sqlite3_column_int64(h, 1))
                let cell = Cell(
                    slot: Int32(slot), column: at.column, count: at.marks ? 0 : Int32(clamping: count),
                    waitMin: at.waits ? Int32(clamping: sqlite3_column_int64(h, 3)) : -1,
                    waitMax: at.waits ? Int32(clamping: sqlite3_column_int64(h, 4)) : -1,
                    leaked: Int32(clamping: at.marks ? count : Int(sqlite3_column_int64(h, 2))))
                if let grid, slot < known, !at.marks, cell.onlyCounts, grid.add(cell.count, slot: slot, column: Int(cell.column)) {
                    // Placed.
                } else {
                    if cells.count == Self.chunkSize {
                        chunks.append(cells)
                        cells = []
                        cells.reserveCapacity(Self.chunkSize)
                    }
                    cells.append(cell)
                    rowsPerSlot[slot] += 1
                }
                // The state of the largest row that printed one (count profiles print none),
                // by the same ``Rank`` the readers' answers are merged with, so the stack shown
                // does not depend on how many readers split the snapshots.
                let rank = Rank(stated: at.waits && sqlite3_column_bytes(h, 5) > 0, count: count, line: line)
                if !at.marks, rank.beats(bestRank[slot]) {
                    let state = rank.stated ? String(cString: sqlite3_column_text(h, 5)) : ""
                    let best = Best(count: count, line: line, state: state)
                    out.best[slot] = best
                    bestRank[slot] = best.rank
                }
                if !at.marks, rank.stated {
                    let key = InstanceKey(signature: keys[slot], instance: columnInstance[Int(at.column)])
                    if rank.beats(out.instanceBest[key]?.rank) {
                        out.instanceBest[key] = Best(count: count, line: line, state: String(cString: sqlite3_column_text(h, 5)))
                    }
                }
            }
        }
        chunks.append(cells)
        (out.cells, out.starts) = Self.grouped(chunks, rowsPerSlot: rowsPerSlot)
        return out
    }

    /// The index of `signature` in ``lineSignatures``, searching from `next` first: a
    /// snapshot's rows come in signature order, so the next row's stack is usually the next
    /// one or close to it.
    func lineIndex(of signature: Int64, from next: inout Int) -> Int? {
        if let i = lineIndex(of: signature, at: next) ?? (next > 0 ? lineIndex(of: signature, at: 0) : nil) {
            next = i + 1
            return i
        }
        return nil
    }

    /// A few absent stacks are stepped over one by one, then the rest is bisected.
    private func lineIndex(of signature: Int64, at start: Int) -> Int? {
        let n = lineSignatures.count
        var i = start
        while i < n, i < start + 4, lineSignatures[i] < signature { i += 1 }
        if i < n, lineSignatures[i] < signature {
            var hi = n
            while i < hi {
                let mid = (i + hi) / 2
                if lineSignatures[mid] < signature { i = mid + 1 } else { hi = mid }
            }
        }
        return i < n && lineSignatures[i] == signature ? i : nil
    }

    static let chunkSize = 1 << 16

    /// A counting sort of the rows by slot, keeping read order within a slot.
    static func grouped(_ chunks: [[Cell]], rowsPerSlot: [Int]) -> ([Cell], [Int]) {
        var starts = [Int](repeating: 0, count: rowsPerSlot.count + 1)
        for (s, n) in rowsPerSlot.enumerated() { starts[s + 1] = starts[s] + n }
        var position = starts
        let total = starts[rowsPerSlot.count]
        let sorted = [Cell](unsafeUninitializedCapacity: total) { buffer, initialized in
            for chunk in chunks {
                for c in chunk {
                    let s = Int(c.slot)
                    buffer[position[s]] = c
                    position[s] += 1
                }
            }
            initialized = total
        }
        return (sorted, starts)
    }

    /// Goroutine ids of a sample of traceback snapshots of every epoch of every instance:
    /// persistence needs ids spread over each epoch (``Persistence``), not a few at the end.
    mutating func readIDs(_ db: Database) throws {
        let present = Set(signatures.map(\.key))
        let statement = try db.makeStatement(sql: "SELECT key, signature FROM goroutines WHERE key BETWEEN ? AND ?")
        defer { withExtendedLifetime(statement) {} }
        let h = statement.sqliteStatement
        var sampled: Set<Int64> = []
        for instance in instances {
            for snapshot in Self.sample(epochs: instance.epochs.map { $0.filter(\.traceback).map(\.id) }, filter.idSnapshots) {
                let keys = StoreSchema.goroutineKeys(of: snapshot)
                sqlite3_bind_int64(h, 1, keys.lowerBound)
                sqlite3_bind_int64(h, 2, keys.upperBound)
                defer { sqlite3_reset(h) }
                sampled.insert(snapshot)
                while sqlite3_step(h) == SQLITE_ROW {
                    let id = Int(sqlite3_column_int64(h, 0) & StoreSchema.goroutineIDMask)
                    let k = key(UInt64(bitPattern: sqlite3_column_int64(h, 1)))
                    guard present.contains(k) else { continue }
                    ids[k, default: [:]][snapshot, default: []].append(id)
                }
            }
        }
        for (c, s) in columnSnapshot.enumerated() where sampled.contains(s) { columnSampled[c] = true }
    }

    /// Up to `n` snapshots over all epochs, shared in proportion to each epoch's snapshots
    /// (at least eight, or all, each), each epoch's picked by ``sample(_:_:)``.
    static func sample(epochs: [[Int64]], _ n: Int) -> [Int64] {
        let total = epochs.reduce(0) { $0 + $1.count }
        guard total > n else { return epochs.flatMap { $0 } }
        return epochs.flatMap { ids in sample(ids, max(min(8, ids.count), n * ids.count / max(1, total))) }
    }

    /// The signature a goroutine row counts under at the query's level.
    func key(_ line: UInt64) -> UInt64 {
        guard !slotOfLine.isEmpty else { return line }
        var next = 0
        guard let i = lineIndex(of: Int64(bitPattern: line), from: &next) else { return line }
        return slotKeys[Int(slotOfLine[i])]
    }

    /// Up to `n` ids: the first, the last two, and evenly spaced ones between.
    static func sample(_ ids: [Int64], _ n: Int) -> [Int64] {
        guard ids.count > n, n >= 3 else { return ids }
        var picked = Set([ids[0], ids[ids.count - 2], ids[ids.count - 1]])
        for j in 1..<(n - 2) { picked.insert(ids[j * (ids.count - 2) / (n - 2)]) }
        return picked.sorted()
    }
}
