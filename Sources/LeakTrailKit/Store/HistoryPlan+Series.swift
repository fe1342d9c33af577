import Foundation

extension HistoryPlan {
    /// A signature the readers found rows of: its key and its slot, or nil for a stack missing
    /// from `stacks` (each reader then numbered it on its own).
    struct Found: Sendable {
        var key: UInt64
        var slot: Int32?

        func cells(in part: Partial) -> ArraySlice<Cell> {
            part.cells(of: slot ?? part.extras[key])
        }
    }

    /// The signatures with rows, ascending by key.
    func found() -> [Found] {
        var found: [Found] = []
        for s in slotKeys.indices where parts.contains(where: { $0.seen[s] }) {
            found.append(Found(key: slotKeys[s], slot: Int32(s)))
        }
        let extras = Set(parts.flatMap { part in part.extras.filter { part.seen[Int($0.value)] }.keys })
        found += extras.map { Found(key: $0, slot: nil) }
        return found.sorted { $0.key < $1.key }
    }

    /// Every signature's history, each passed through `transform` as soon as it is built, on
    /// every core: a caller that keeps only what it derives (a verdict) never holds more than
    /// one signature's points per core.
    func build<T: Sendable>(_ source: HistorySource, _ transform: @Sendable (SignatureHistory) -> T) throws -> [T] {
        let found = signatures
        let bests = found.map { f -> Best? in
            var best: Best?
            for part in parts {
                let slot = f.slot ?? part.extras[f.key]
                if let slot, let b = part.best[Int(slot)], b.rank.beats(best?.rank) { best = b }
            }
            return best
        }
        let shown = zip(found, bests).map { f, best in Int64(bitPattern: best?.line ?? f.key) }
        let texts = try source.stackTexts(Array(Set(shown)))
        let identities = zip(found, zip(bests, shown)).map { f, chosen -> SignatureHistory in
            let text = texts[chosen.1]
            return SignatureHistory(signature: StackSignature(value: f.key), state: chosen.0?.state ?? "",
                                    frames: text.map { StoredStackText.frames($0.frames) } ?? [],
                                    createdBy: StoredStackText.createdBy(text?.createdBy), instances: [])
        }
        // Series are built per signature on every core, each worker with its own scratch.
        let workers = min(found.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let ranges = (0..<workers).map { ($0 * found.count / workers)..<(($0 + 1) * found.count / workers) }
        let plan = self
        return ParallelMap.map(ranges, minimum: 1) { range in
            var scratch = Scratch(columns: plan.columnInstance.count, instances: plan.instances.count)
            return range.map { i in
                var history = identities[i]
                history.instances = plan.series(found[i], &scratch)
                return transform(history)
            }
        }.flatMap { $0 }
    }

    /// Per-column sums of one signature's rows, reset as the series are written out.
    struct Scratch {
        var count: [Int]
        var leaked: [Int]
        /// Int32.max and -1 when no row at the column printed a wait.
        var waitMin: [Int32]
        var waitMax: [Int32]
        var seen: [Bool]

        init(columns: Int, instances: Int) {
            count = Array(repeating: 0, count: columns)
            leaked = Array(repeating: 0, count: columns)
            waitMin = Array(repeating: .max, count: columns)
            waitMax = Array(repeating: -1, count: columns)
            seen = Array(repeating: false, count: instances)
        }
    }

    /// Zero-filled series of one signature on every instance where it appeared.
    func series(_ f: Found, _ scratch: inout Scratch) -> [InstanceSeries] {
        var present: [Int32] = []
        for part in parts {
            for c in f.cells(in: part) {
                let column = Int(c.column)
                scratch.count[column] += Int(c.count)
                scratch.leaked[column] = max(scratch.leaked[column], Int(c.leaked))
                if c.waitMin >= 0, c.waitMax >= c.waitMin {
                    scratch.waitMin[column] = min(scratch.waitMin[column], c.waitMin)
                    scratch.waitMax[column] = max(scratch.waitMax[column], c.waitMax)
                }
                let i = Int(columnInstance[column])
                if !scratch.seen[i] {
                    scratch.seen[i] = true
                    present.append(Int32(i))
                }
            }
        }
        // The grid's counts, for a known stack; an instance with one is present too.
        let grid = f.slot == nil ? nil : self.grid
        let slot = Int(f.slot ?? 0)
        if let grid {
            for (i, instance) in instances.enumerated() where !scratch.seen[i] && instance.columns.contains(where: { grid[slot, $0] >= 0 }) {
                scratch.seen[i] = true
                present.append(Int32(i))
            }
        }
        let known = ids[f.key] ?? [:]
        return present.sorted().map { i in
            scratch.seen[Int(i)] = false
            let instance = instances[Int(i)]
            var column = instance.firstColumn
            let epochs = instance.epochs.map { epoch in
                var points: [SeriesPoint] = []
                points.reserveCapacity(epoch.count)
                for s in epoch {
                    let count = scratch.count[column] + (grid.map { Int(max(0, $0[slot, column])) } ?? 0)
                    let waits = scratch.waitMax[column] >= 0 ? Int(scratch.waitMin[column])...Int(scratch.waitMax[column]) : nil
                    // Ids: those read when the snapshot was sampled; none when the signature was
                    // absent; unknown for a traceback not sampled, or a count profile.
                    let sampled = columnSampled[column]
                    let ids: [Int]? = sampled ? (known[s.id] ?? []).sorted() : nil
                    points.append(SeriesPoint(time: s.time, count: count, waitMinutes: waits, leaked: scratch.leaked[column], goroutineIDs: ids))
                    scratch.count[column] = 0
                    scratch.leaked[column] = 0
                    scratch.waitMin[column] = .max
                    scratch.waitMax[column] = -1
                    column += 1
                }
                return points
            }
            var state: Best?
            for part in parts {
                if let b = part.instanceBest[InstanceKey(signature: f.key, instance: i)], b.rank.beats(state?.rank) { state = b }
            }
            return InstanceSeries(service: instance.service, instance: instance.name, state: state?.state ?? "", epochs: epochs)
        }
    }
}
