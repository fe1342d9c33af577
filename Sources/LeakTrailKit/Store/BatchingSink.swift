import Foundation

/// A ``DumpSink`` that turns one input into a ``FileBatch``: counts per signature, one compact
/// row per goroutine, and the frames of stacks the store has not seen. Runs on a parser
/// thread; the writer only copies rows.
public struct BatchingSink: DumpSink {
    /// One snapshot as the parser described it, before its time is resolved.
    public struct Parsed: Sendable {
        public var format: DumpFormat
        public var profile: String
        public var startLine: Int
        public var contentTime: Date?
        public var declaredTotal: Int?
        public var issues: [ParseIssue] = []
        public var goroutineTotal = 0
        public var truncated = false
        public var counts: [CountRow] = []
        public var goroutines = GoroutineRows([])
    }

    private struct Group {
        var row: CountRow
        /// Wait reasons and how many members had each: a short list (most groups have one),
        /// which is cheaper to scan than hashing a string per goroutine.
        var states: [(String, Int)] = []
        var labelSets: [[Label]] = []

        mutating func count(state: String) {
            for k in states.indices where states[k].0 == state {
                states[k].1 += 1
                return
            }
            states.append((state, 1))
        }
    }

    /// Signatures already in the store: their frames need not travel to the writer.
    private let knownStacks: Set<UInt64>
    private var sentStacks: Set<UInt64> = []
    public private(set) var stacks: [StackRow] = []
    public private(set) var snapshots: [Parsed] = []
    public private(set) var looseIssues: [ParseIssue] = []
    /// The header line of the last goroutine read, to place a fatal error in the input.
    public private(set) var lastLine = 0
    private var current: Parsed?
    /// Every goroutine row of the input; each snapshot owns a range of it.
    private let spool: GoroutineSpool
    /// Where the current snapshot's rows start in the spool, and its ids so far.
    private var firstRow = 0
    private var ids = GoroutineIDSample()
    private var index = SignatureIndex()
    private var groups: [Group] = []

    /// `spillRows`: goroutine rows held in memory before they move to a temporary file.
    public init(knownStacks: Set<UInt64> = [], spillRows: Int = 1 << 18) {
        self.knownStacks = knownStacks
        spool = GoroutineSpool(spillRows: spillRows)
    }

    /// Why goroutine rows could not move to a temporary file (they stayed in memory).
    public var spillError: String? { spool.spillError }

    public mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        if current != nil { endSnapshot(declaredTotal: nil) }
        current = Parsed(format: format, profile: profile, startLine: startLine, contentTime: time)
        firstRow = spool.count
        ids = GoroutineIDSample()
        lastLine = startLine
    }

    public mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) {
        let i = group(signatures, frames: g.frames, createdBy: g.createdBy)
        groups[i].row.count += 1
        groups[i].count(state: g.state)
        if let w = g.waitMinutes {
            groups[i].row.waitMin = min(groups[i].row.waitMin ?? w, w)
            groups[i].row.waitMax = max(groups[i].row.waitMax ?? w, w)
        }
        if g.leaked { groups[i].row.leaked += 1 }
        if !g.labels.isEmpty { addLabels(g.labels, to: i) }
        spool.append(GoroutineRow(id: Int64(g.id), signature: signatures.line, waitMinutes: g.waitMinutes.map { Int32(clamping: $0) }))
        ids.add(Int64(g.id))
        if g.truncated { current?.truncated = true }
        lastLine = g.sourceLine
    }

    public mutating func record(_ r: ProfileRecord, signatures: StackSignatures) {
        let i = group(signatures, frames: r.frames, createdBy: nil)
        groups[i].row.count += r.count
        if r.leaked { groups[i].row.leaked += r.count }
        addLabels(r.labels, to: i)
        current?.goroutineTotal += r.count
        lastLine = r.sourceLine
    }

    public mutating func issue(_ issue: ParseIssue) {
        if current != nil { current?.issues.append(issue) } else { looseIssues.append(issue) }
    }

    public mutating func endSnapshot(declaredTotal: Int?) {
        guard var snapshot = current else { return }
        snapshot.declaredTotal = declaredTotal
        snapshot.counts = groups.map { finished($0) }.sorted { $0.signature < $1.signature }
        snapshot.goroutineTotal += spool.count - firstRow
        spool.sortTail(from: firstRow)
        snapshot.goroutines = GoroutineRows(spool: spool, range: firstRow..<spool.count, ids: ids.finished())
        snapshots.append(snapshot)
        current = nil
        ids = GoroutineIDSample()
        groups.removeAll(keepingCapacity: true)
        index.removeAll()
    }

    private mutating func group(_ signatures: StackSignatures, frames: [Frame], createdBy: CreatedBy?) -> Int {
        let key = signatures.line.value
        if let i = index[key] { return i }
        if current == nil {
            // A parser that forgot beginSnapshot still loses nothing.
            beginSnapshot(format: .traceback, profile: "goroutine", startLine: 1, time: nil)
        }
        if !knownStacks.contains(key), sentStacks.insert(key).inserted {
            stacks.append(Self.stackRow(signatures, frames: frames, createdBy: createdBy))
        }
        index.insert(key, groups.count)
        groups.append(Group(row: CountRow(signature: signatures.line, count: 0, state: "", waitMin: nil,
                                          waitMax: nil, leaked: 0, labels: nil)))
        return groups.count - 1
    }

    private mutating func addLabels(_ labels: [Label], to i: Int) {
        guard !labels.isEmpty, groups[i].labelSets.count < 16, !groups[i].labelSets.contains(labels) else { return }
        groups[i].labelSets.append(labels)
    }

    private func finished(_ g: Group) -> CountRow {
        var row = g.row
        row.state = g.states.max { a, b in a.1 != b.1 ? a.1 < b.1 : a.0 > b.0 }?.0 ?? ""
        if !g.labelSets.isEmpty { row.labels = JSONText.labelSets(g.labelSets) }
        return row
    }

    static func stackRow(_ signatures: StackSignatures, frames: [Frame], createdBy: CreatedBy?) -> StackRow {
        var text = ""
        for f in frames { text += "\(f.function)\t\(f.file):\(f.line)\n" }
        let visible = frames.filter { !SignatureFrames.isHiddenAtLevelOne($0.function) }
        let top = visible.first(where: isUserFrame) ?? visible.first ?? frames.first
        return StackRow(
            signature: signatures.line, functionSignature: signatures.function,
            topFrame: top.map { "\($0.function) \($0.file):\($0.line)" } ?? "(no frames)",
            frames: text, createdBy: createdBy.map { "\($0.function) \($0.file):\($0.line)" })
    }

    /// Outside the standard library: package `main`, or a path whose first element has a dot
    /// (`example.com/…`, `github.com/…`). The culprit of a leak is usually the first such frame.
    static func isUserFrame(_ frame: Frame) -> Bool {
        let f = frame.function
        if f.hasPrefix("main.") { return true }
        let firstElement = f.prefix { $0 != "/" && $0 != "(" }
        return f.contains("/") && firstElement.contains(".")
    }
}
