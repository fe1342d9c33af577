import Foundation

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

    /// Reads every selected snapshot's rows through the source (which may split them over
    /// several readers).
    mutating func readCounts(_ source: HistorySource) throws {
        grid = CountGrid(slots: slotKeys.count, columns: columnInstance.count)
        parts = try source.readCounts(place.keys.sorted(), plan: self)
        signatures = found()
    }

    /// Takes one reader's rows, snapshot after snapshot. A row costs a compare or two to find
    /// its slot (one snapshot's rows come in signature order, as the slots do) and a store
    /// into the grid, or an append and later a move when it goes to the list.
    struct CountReader {
        let plan: HistoryPlan
        private var out = Partial()
        private var keys: [UInt64]
        private var wanted: [Bool]
        /// Per slot: the rank of the best row so far.
        private var bestRank: [Rank?]
        private var rowsPerSlot: [Int]
        private let known: Int
        // Rows go to chunks of fixed size: a growing array would copy them again and again.
        private var chunks: [[Cell]] = []
        private var cells: [Cell] = []
        /// The snapshot being read, its placement and the slot search's position.
        private var at: Placement?
        private var next = 0

        init(_ plan: HistoryPlan) {
            self.plan = plan
            keys = plan.slotKeys
            wanted = plan.slotWanted
            known = keys.count
            out.best = Array(repeating: nil, count: keys.count)
            bestRank = Array(repeating: nil, count: keys.count)
            rowsPerSlot = Array(repeating: 0, count: keys.count)
            out.seen = Array(repeating: false, count: keys.count)
            cells.reserveCapacity(HistoryPlan.chunkSize)
        }

        /// Starts a snapshot's rows; false when the snapshot is not selected. A traceback's
        /// rows are read with their wait columns (`waits`), others without: SQLite's cost
        /// grows with every column a row returns.
        mutating func begin(snapshot: Int64) -> Placement? {
            at = plan.place[snapshot]
            next = 0
            return at
        }

        /// One row of the current snapshot.
        @inline(__always)
        mutating func add(_ r: CountRowValues, state: () -> String) {
            guard let at else { return }
            let line = UInt64(bitPattern: r.signature)
            let slot: Int
            if let i = plan.lineIndex(of: r.signature, from: &next) {
                slot = plan.slotOfLine.isEmpty ? i : Int(plan.slotOfLine[i])
            } else if let s = plan.slotOfKey[line] ?? out.extras[line] {
                slot = Int(s)
            } else {
                slot = keys.count
                out.extras[line] = Int32(slot)
                keys.append(line)
                wanted.append(plan.wanted(line))
                out.best.append(nil)
                bestRank.append(nil)
                rowsPerSlot.append(0)
                out.seen.append(false)
            }
            guard wanted[slot] else { return }
            out.seen[slot] = true
            let count = Int(r.count)
            let cell = Cell(
                slot: Int32(slot), column: at.column, count: at.marks ? 0 : Int32(clamping: count),
                waitMin: at.waits ? Int32(clamping: r.waitMin) : -1,
                waitMax: at.waits ? Int32(clamping: r.waitMax) : -1,
                leaked: Int32(clamping: at.marks ? count : Int(r.leaked)))
            if let grid = plan.grid, slot < known, !at.marks, cell.onlyCounts, grid.add(cell.count, slot: slot, column: Int(cell.column)) {
                // Placed.
            } else {
                if cells.count == HistoryPlan.chunkSize {
                    chunks.append(cells)
                    cells = []
                    cells.reserveCapacity(HistoryPlan.chunkSize)
                }
                cells.append(cell)
                rowsPerSlot[slot] += 1
            }
            // The state of the largest row that printed one (count profiles print none),
            // by the same ``Rank`` the readers' answers are merged with, so the stack shown
            // does not depend on how many readers split the snapshots.
            let rank = Rank(stated: at.waits && r.stated, count: count, line: line)
            guard !at.marks else { return }
            var text: String?
            if rank.beats(bestRank[slot]) {
                text = rank.stated ? state() : ""
                let best = Best(count: count, line: line, state: text ?? "")
                out.best[slot] = best
                bestRank[slot] = best.rank
            }
            if rank.stated {
                let key = InstanceKey(signature: keys[slot], instance: plan.columnInstance[Int(at.column)])
                if rank.beats(out.instanceBest[key]?.rank) {
                    out.instanceBest[key] = Best(count: count, line: line, state: text ?? state())
                }
            }
        }

        /// What this reader found.
        mutating func finish() -> Partial {
            chunks.append(cells)
            cells = []
            (out.cells, out.starts) = HistoryPlan.grouped(chunks, rowsPerSlot: rowsPerSlot)
            chunks = []
            return out
        }
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
    mutating func readIDs(_ source: HistorySource) throws {
        let present = Set(signatures.map(\.key))
        var sampled: [Int64] = []
        for instance in instances {
            sampled += Self.sample(epochs: instance.epochs.map { $0.filter(\.traceback).map(\.id) }, filter.idSnapshots)
        }
        var found: [UInt64: [Int64: [Int]]] = [:]
        try source.goroutines(of: sampled) { snapshot, id, signature in
            let k = key(UInt64(bitPattern: signature))
            guard present.contains(k) else { return }
            found[k, default: [:]][snapshot, default: []].append(Int(id))
        }
        ids = found
        let sampledSet = Set(sampled)
        for (c, s) in columnSnapshot.enumerated() where sampledSet.contains(s) { columnSampled[c] = true }
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
