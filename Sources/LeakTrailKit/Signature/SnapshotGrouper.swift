import Foundation

/// Groups goroutines by signature as they stream by, one snapshot at a time: linear time
/// (one hash lookup per goroutine, never pairwise), memory proportional to distinct stacks
/// plus one id per goroutine.
public struct SnapshotGrouper: DumpSink {
    /// A finished snapshot: its groups largest first, and what was said about it.
    public struct Result: Sendable {
        public var format: DumpFormat
        public var profile: String
        public var startLine: Int
        public var time: Date?
        public var goroutineCount: Int
        public var declaredTotal: Int?
        public var issues: [ParseIssue]
        public var groups: [GoroutineGroup]
    }

    public let level: SignatureLevel
    public private(set) var results: [Result] = []
    public private(set) var looseIssues: [ParseIssue] = []
    private var current: Result?
    private var index = SignatureIndex()
    private var groups: [GoroutineGroup] = []
    /// Each group's states and how many members had each, as a short list (most groups have
    /// one state), turned into ``GoroutineGroup/stateCounts`` when the snapshot ends: a list
    /// is cheaper to scan per goroutine than a dictionary is to hash.
    private var states: [[(String, Int)]] = []

    public init(level: SignatureLevel = .line) { self.level = level }

    public mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        current = Result(format: format, profile: profile, startLine: startLine, time: time,
                         goroutineCount: 0, declaredTotal: nil, issues: [], groups: [])
    }

    public mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) {
        let i = groupIndex(signatures[level], frames: g.frames, createdBy: g.createdBy)
        groups[i].count += 1
        count(state: g.state, group: i)
        if let w = g.waitMinutes {
            let r = groups[i].waitMinutes
            groups[i].waitMinutes = min(r?.lowerBound ?? w, w)...max(r?.upperBound ?? w, w)
        }
        if g.leaked { groups[i].leaked += 1 }
        if groups[i].goroutineIDs.count < GoroutineGroup.keptIDs { groups[i].goroutineIDs.append(g.id) }
        addLabels(g.labels, to: i)
        current?.goroutineCount += 1
    }

    public mutating func record(_ r: ProfileRecord, signatures: StackSignatures) {
        let i = groupIndex(signatures[level], frames: r.frames, createdBy: nil)
        groups[i].count += r.count
        if r.leaked { groups[i].leaked += r.count }
        addLabels(r.labels, to: i)
        current?.goroutineCount += r.count
    }

    public mutating func issue(_ issue: ParseIssue) {
        if current != nil { current?.issues.append(issue) } else { looseIssues.append(issue) }
    }

    public mutating func endSnapshot(declaredTotal: Int?) {
        guard var result = current else { return }
        result.declaredTotal = declaredTotal
        for (i, counts) in states.enumerated() where !counts.isEmpty {
            groups[i].stateCounts = Dictionary(counts, uniquingKeysWith: +)
        }
        result.groups = groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0.signature < $1.signature }
        results.append(result)
        current = nil
        groups.removeAll(keepingCapacity: true)
        states.removeAll(keepingCapacity: true)
        index.removeAll()
    }

    private mutating func groupIndex(_ signature: StackSignature, frames: [Frame], createdBy: CreatedBy?) -> Int {
        if let i = index[signature.value] {
            if groups[i].createdBy == nil, let c = createdBy { groups[i].createdBy = c }
            return i
        }
        index.insert(signature.value, groups.count)
        groups.append(GoroutineGroup(signature: signature, level: level, frames: frames, createdBy: createdBy))
        states.append([])
        return groups.count - 1
    }

    private mutating func count(state: String, group i: Int) {
        for k in states[i].indices where states[i][k].0 == state {
            states[i][k].1 += 1
            return
        }
        states[i].append((state, 1))
    }

    private mutating func addLabels(_ labels: [Label], to i: Int) {
        guard !labels.isEmpty, groups[i].labelSets.count < 16, !groups[i].labelSets.contains(labels) else { return }
        groups[i].labelSets.append(labels)
    }
}

