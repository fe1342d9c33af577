import Foundation

/// Where a streaming parser hands what it reads, one goroutine at a time, so that a file of
/// any size is read in bounded memory. Collect into values with ``SnapshotCollector``, group
/// on the fly with ``SnapshotGrouper``, or write to the store.
public protocol DumpSink {
    /// A new dump starts; every goroutine, record and issue until ``endSnapshot(declaredTotal:)`` belongs to it.
    mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?)
    /// One goroutine and its signatures at both levels (parsers compute them with a per-frame
    /// cache; they always equal ``StackSignatures/of(_:)``). Consuming, so that a sink that
    /// keeps the goroutine (a chunk's log) takes it without retaining its strings and arrays
    /// again; a sink that only reads it may still take it borrowed.
    mutating func goroutine(_ goroutine: consuming Goroutine, signatures: StackSignatures)
    mutating func record(_ record: ProfileRecord, signatures: StackSignatures)
    /// A problem inside the current snapshot, or outside any snapshot when none is open.
    mutating func issue(_ issue: ParseIssue)
    mutating func endSnapshot(declaredTotal: Int?)
}

/// Collects whole ``Snapshot`` values: for tests, golden files and small inputs.
public struct SnapshotCollector: DumpSink {
    public private(set) var snapshots: [Snapshot] = []
    /// Issues met outside any snapshot (e.g. text that is not a dump at all).
    public private(set) var looseIssues: [ParseIssue] = []
    private var open = false

    public init() {}

    public mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        snapshots.append(Snapshot(format: format, profile: profile, time: time, startLine: startLine))
        open = true
    }

    public mutating func goroutine(_ goroutine: Goroutine, signatures: StackSignatures) {
        snapshots[snapshots.count - 1].goroutines.append(goroutine)
    }

    public mutating func record(_ record: ProfileRecord, signatures: StackSignatures) {
        snapshots[snapshots.count - 1].records.append(record)
    }

    public mutating func issue(_ issue: ParseIssue) {
        if open { snapshots[snapshots.count - 1].issues.append(issue) } else { looseIssues.append(issue) }
    }

    public mutating func endSnapshot(declaredTotal: Int?) {
        if declaredTotal != nil { snapshots[snapshots.count - 1].declaredTotal = declaredTotal }
        open = false
    }
}
