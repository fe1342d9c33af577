import Foundation

/// The working state of one `histories` query.
///
/// Two million `snapshot_stacks` rows are the query's whole cost, so every row is placed by
/// array index rather than by lookup: each selected snapshot is a *column* (points are
/// numbered densely, instance after instance, epoch after epoch) and each signature a dense
/// *slot* (its position among the store's stacks, the order a snapshot's rows arrive in).
/// A row that is only a count goes into a slot × column grid (``CountGrid``) when the query
/// is small enough for one; other rows go to one flat list per reader, grouped by slot with
/// a counting sort. Series are then built slot by slot on every core
/// (`HistoryPlan+Read.swift`, `HistoryPlan+Series.swift`).
struct HistoryPlan {
    struct Instance: Sendable {
        var service: String
        var name: String
        /// Snapshot ids and times per epoch (goroutine profiles only), oldest first.
        var epochs: [[(id: Int64, time: Date, traceback: Bool)]] = []
        /// The column of the first point of the first epoch; the instance's points follow.
        var firstColumn = 0

        var columns: Range<Int> { firstColumn..<(firstColumn + epochs.reduce(0) { $0 + $1.count }) }
    }

    /// Where a snapshot's rows go. A goroutineleak snapshot goes to the column of the nearest
    /// goroutine snapshot and only lends its counts as leaked marks.
    struct Placement: Sendable {
        var column: Int32
        var marks: Bool
        /// A traceback capture: the only format whose rows carry a wait reason and minutes
        /// (`debug=1` and protobuf profiles print neither, and their rows store `''` and NULL).
        var waits: Bool
    }

    /// One `snapshot_stacks` row, placed, when the grid cannot take it. 24 bytes: a query of
    /// 1,000 snapshots × 2,000 signatures may hold two million of them.
    struct Cell: Sendable {
        var slot: Int32
        var column: Int32
        var count: Int32
        /// -1 when the row printed no wait.
        var waitMin: Int32
        var waitMax: Int32
        var leaked: Int32

        /// Nothing but a count: no wait range, no leaked goroutines.
        var onlyCounts: Bool { leaked <= 0 && !(waitMin >= 0 && waitMax >= waitMin) }
    }

    let filter: LeakStore.HistoryFilter
    var instances: [Instance] = []
    /// Snapshot id → column, for every selected snapshot.
    var place: [Int64: Placement] = [:]
    /// Per column: the instance, the snapshot, and whether it is a traceback capture.
    var columnInstance: [Int32] = []
    var columnSnapshot: [Int64] = []
    var columnTraceback: [Bool] = []
    /// Per column: goroutine ids were read for its snapshot (see ``readIDs(_:)``).
    var columnSampled: [Bool] = []

    /// Every stack's line signature, ascending as SQLite orders integers (signed): the order
    /// in which one snapshot's rows arrive, so finding a row's slot is mostly one compare.
    var lineSignatures: [Int64] = []
    /// Function level: the slot of each of ``lineSignatures``. Line level: empty (slot = index).
    var slotOfLine: [Int32] = []
    /// Function level: slot by key, for rows whose stack is missing from `stacks`.
    var slotOfKey: [UInt64: Int32] = [:]
    /// Per known slot: its key (line or function signature) and whether the filter wants it.
    var slotKeys: [UInt64] = []
    var slotWanted: [Bool] = []

    /// What the readers found: counts in the grid when the query is small enough for one,
    /// the other rows in one list per reader (over disjoint snapshot ranges).
    var grid: CountGrid?
    var parts: [Partial] = []
    /// The signatures with rows, ascending by key.
    var signatures: [Found] = []
    /// Signature → snapshot → goroutine ids, for the sampled snapshots.
    var ids: [UInt64: [Int64: [Int]]] = [:]

    /// A signature on one instance.
    struct InstanceKey: Hashable, Sendable {
        var signature: UInt64
        var instance: Int32
    }

    struct Best: Sendable {
        var count: Int
        var line: UInt64
        var state: String

        var rank: Rank { Rank(stated: !state.isEmpty, count: count, line: line) }
    }

    /// What decides which row's stack and state stand for a signature, without the state's
    /// text: readers compare ranks row by row and build the text only for a row that wins.
    struct Rank: Sendable {
        var stated: Bool
        var count: Int
        var line: UInt64

        /// A stated row beats an unstated one; then the larger count; then the smaller signature.
        func beats(_ other: Rank?) -> Bool {
            guard let b = other else { return true }
            if stated != b.stated { return stated }
            return count != b.count ? count > b.count : line < b.line
        }
    }

    init(_ source: HistorySource, _ filter: LeakStore.HistoryFilter) throws {
        self.filter = filter
        try selectSnapshots(source)
        try numberSignatures(source)
    }

    /// The whole query: snapshots, counts, goroutine ids, then one history per signature.
    static func histories(_ source: HistorySource, _ filter: LeakStore.HistoryFilter) throws -> [SignatureHistory] {
        try read(source, filter).build(source) { $0 }
    }

    /// The whole analysis, streamed: each signature's history is judged as soon as it is
    /// built and its points dropped, so memory holds the counts read (4 bytes a point in the
    /// grid) and one signature's series per core, never every series at once. The same
    /// verdicts and coverage as ``LeakAnalyzer/run(histories:options:)`` over ``histories(_:_:)``.
    static func analysis(_ source: HistorySource, _ filter: LeakStore.HistoryFilter, options: AnalysisOptions) throws -> LeakAnalysis {
        let judged = try read(source, filter).build(source) { history in
            (verdict: LeakAnalyzer.analyze(history, options: options),
             coverage: history.instances.map { InstanceCoverage($0, options: options) })
        }
        return LeakAnalysis(verdicts: judged.map(\.verdict).sorted(by: LeakAnalyzer.moreSerious),
                            coverage: InstanceCoverage.merged(judged.map(\.coverage)))
    }

    /// The plan with every count and goroutine id of the selection read: what both the
    /// histories and the streamed analysis build from.
    private static func read(_ source: HistorySource, _ filter: LeakStore.HistoryFilter) throws -> HistoryPlan {
        var plan = try HistoryPlan(source, filter)
        try plan.readCounts(source)
        try plan.readIDs(source)
        return plan
    }

    /// Reads the selected snapshots into instances and epochs and gives each a column.
    private mutating func selectSnapshots(_ source: HistorySource) throws {
        var byInstance: [Int64: Int32] = [:]
        var lastEpoch: [Int32: Int] = [:]
        var leakProfiles: [(Int64, Int32, Date, Bool)] = []
        var points: [Int64: (Int32, Int32, Int32)] = [:]
        var tracebacks: Set<Int64> = []
        for r in try source.snapshotRows(filter) {
            if byInstance[r.instanceID] == nil {
                instances.append(Instance(service: r.service, name: r.instance))
                byInstance[r.instanceID] = Int32(instances.count - 1)
            }
            let k = byInstance[r.instanceID] ?? 0
            let time = Date(timeIntervalSince1970: Double(r.timeMs) / 1000)
            let traceback = r.format == "traceback"
            if traceback { tracebacks.insert(r.id) }
            if r.profile == "goroutineleak" { leakProfiles.append((r.id, k, time, traceback)); continue }
            let epoch = r.epoch
            if lastEpoch[k] != epoch || instances[Int(k)].epochs.isEmpty {
                instances[Int(k)].epochs.append([])
                lastEpoch[k] = epoch
            }
            let e = instances[Int(k)].epochs.count - 1
            let snapshot = (id: r.id, time: time, traceback: traceback)
            // Captures of one moment in several formats are one observation, not three: three
            // equal points would triple the evidence and hide the series' real jitter. The
            // traceback is kept, for its ids and wait minutes.
            if let previous = instances[Int(k)].epochs[e].last, abs(previous.time.timeIntervalSince(time)) < 1 {
                guard snapshot.traceback && !previous.traceback else { continue }
                points[previous.id] = nil
                instances[Int(k)].epochs[e][instances[Int(k)].epochs[e].count - 1] = snapshot
            } else {
                instances[Int(k)].epochs[e].append(snapshot)
            }
            points[snapshot.id] = (k, Int32(e), Int32(instances[Int(k)].epochs[e].count - 1))
        }
        // Columns: instance after instance, epoch after epoch.
        var epochColumn: [[Int]] = []
        for k in instances.indices {
            instances[k].firstColumn = columnInstance.count
            epochColumn.append([])
            for epoch in instances[k].epochs {
                epochColumn[k].append(columnInstance.count)
                for s in epoch {
                    columnInstance.append(Int32(k))
                    columnSnapshot.append(s.id)
                    columnTraceback.append(s.traceback)
                }
            }
        }
        columnSampled = Array(repeating: false, count: columnInstance.count)
        func column(_ at: (Int32, Int32, Int32)) -> Int32 { Int32(epochColumn[Int(at.0)][Int(at.1)]) + at.2 }
        for (id, at) in points { place[id] = Placement(column: column(at), marks: false, waits: tracebacks.contains(id)) }
        for (id, k, time, traceback) in leakProfiles {
            if let at = nearest(time, in: k) { place[id] = Placement(column: column(at), marks: true, waits: traceback) }
        }
    }

    /// The goroutine snapshot of instance `k` closest in time: where a leak profile's marks go.
    func nearest(_ time: Date, in k: Int32) -> (Int32, Int32, Int32)? {
        var best: (Int32, Int32, Int32)?
        var distance = Double.infinity
        for (e, epoch) in instances[Int(k)].epochs.enumerated() {
            for (p, s) in epoch.enumerated() where abs(s.time.timeIntervalSince(time)) < distance {
                distance = abs(s.time.timeIntervalSince(time))
                best = (k, Int32(e), Int32(p))
            }
        }
        return best
    }

    /// Gives every stack of the store a slot: its line signature's, or at the function level
    /// its function signature's (several stacks share one).
    private mutating func numberSignatures(_ source: HistorySource) throws {
        let function = filter.level == .function
        for (line, functionSignature) in try source.stackKeys() {
            lineSignatures.append(line)
            guard function else { continue }
            let key = UInt64(bitPattern: functionSignature)
            if let slot = slotOfKey[key] {
                slotOfLine.append(slot)
            } else {
                slotOfKey[key] = Int32(slotKeys.count)
                slotOfLine.append(Int32(slotKeys.count))
                slotKeys.append(key)
            }
        }
        if !function { slotKeys = lineSignatures.map { UInt64(bitPattern: $0) } }
        slotWanted = slotKeys.map(wanted)
    }

    func wanted(_ signature: UInt64) -> Bool {
        guard let prefix = filter.signaturePrefix else { return true }
        return StackSignature(value: signature).hex.hasPrefix(prefix)
    }
}

/// The text forms the store keeps stacks in: `function\tfile:line` per frame, and
/// `function file:line` for the creator.
enum StoredStackText {
    static func frames(_ text: String?) -> [Frame] {
        (text ?? "").split(separator: "\n").compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let (file, number) = location(line[line.index(after: tab)...])
            return Frame(function: String(line[..<tab]), file: file, line: number)
        }
    }

    static func createdBy(_ text: String?) -> CreatedBy? {
        guard let text, let space = text.lastIndex(of: " ") else { return nil }
        let (file, number) = location(text[text.index(after: space)...])
        return CreatedBy(function: String(text[..<space]), file: file, line: number)
    }

    /// `file:line`, split at the last colon (Windows paths hold one too).
    static func location(_ s: Substring) -> (String, Int) {
        guard let colon = s.lastIndex(of: ":"), let n = Int(s[s.index(after: colon)...]) else { return (String(s), 0) }
        return (String(s[..<colon]), n)
    }
}
