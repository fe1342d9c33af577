import Foundation

/// What one input file became, ready to be written in one transaction: compact rows only,
/// never the parsed goroutines themselves. Goroutine rows (24 bytes each) live in a
/// ``GoroutineSpool`` that moves to a temporary file past a few MiB, so a batch's memory is
/// bounded by its distinct stacks and counts, not by its goroutines.
public struct FileBatch: Sendable {
    /// The path as given (`-` for standard input).
    public var path: String
    public var service: String
    public var instance: String
    public var contentHash: ContentHash
    public var bytes: Int
    public var snapshots: [SnapshotBatch]
    /// Stacks first seen in this file and not already known to the store when the import
    /// started; the writer inserts them with `INSERT OR IGNORE`, so a stale guess is harmless.
    public var stacks: [StackRow]
    /// Issues met outside any snapshot.
    public var looseIssues: [ParseIssue]

    public init(path: String, service: String, instance: String, contentHash: ContentHash, bytes: Int,
                snapshots: [SnapshotBatch], stacks: [StackRow], looseIssues: [ParseIssue]) {
        self.path = path
        self.service = service
        self.instance = instance
        self.contentHash = contentHash
        self.bytes = bytes
        self.snapshots = snapshots
        self.stacks = stacks
        self.looseIssues = looseIssues
    }
}

/// One snapshot of a file, in rows.
public struct SnapshotBatch: Sendable {
    public var format: DumpFormat
    public var profile: String
    public var startLine: Int
    /// The resolved capture time and where it came from.
    public var time: Date
    public var timeSource: TimeSource
    public var declaredTotal: Int?
    public var issues: [ParseIssue]
    public var goroutineTotal: Int
    /// Whether the dump ended inside a goroutine (it may lack some goroutines).
    public var truncated: Bool
    /// One row per signature, sorted by signature (the table's key order).
    public var counts: [CountRow]
    /// One row per goroutine of a traceback dump (in a spool: possibly on disk), sorted by
    /// goroutine id when the snapshot fitted in memory.
    public var goroutines: GoroutineRows

    public init(format: DumpFormat, profile: String, startLine: Int, time: Date, timeSource: TimeSource,
                declaredTotal: Int?, issues: [ParseIssue], goroutineTotal: Int, truncated: Bool,
                counts: [CountRow], goroutines: GoroutineRows) {
        self.format = format
        self.profile = profile
        self.startLine = startLine
        self.time = time
        self.timeSource = timeSource
        self.declaredTotal = declaredTotal
        self.issues = issues
        self.goroutineTotal = goroutineTotal
        self.truncated = truncated
        self.counts = counts
        self.goroutines = goroutines
    }
}

extension SnapshotBatch {
    /// A snapshot whose goroutine rows are already in memory (tests, synthetic batches).
    public init(format: DumpFormat, profile: String, startLine: Int, time: Date, timeSource: TimeSource,
                declaredTotal: Int?, issues: [ParseIssue], goroutineTotal: Int, truncated: Bool,
                counts: [CountRow], goroutines: [GoroutineRow]) {
        self.init(format: format, profile: profile, startLine: startLine, time: time, timeSource: timeSource,
                  declaredTotal: declaredTotal, issues: issues, goroutineTotal: goroutineTotal, truncated: truncated,
                  counts: counts, goroutines: GoroutineRows(goroutines))
    }
}

/// A distinct stack, stored once for the whole store.
public struct StackRow: Sendable, Equatable {
    public var signature: StackSignature
    public var functionSignature: StackSignature
    /// `function file:line` of the first visible frame outside the standard library (else the
    /// first visible frame): usually the culprit, and what `top` prints.
    public var topFrame: String
    /// Every frame as printed, one `function\tfile:line` per line, innermost first.
    public var frames: String
    /// `function file:line` of the `created by` pair.
    public var createdBy: String?
}

/// How many goroutines of one snapshot share one signature, and what they had in common.
public struct CountRow: Sendable, Equatable {
    public var signature: StackSignature
    public var count: Int
    /// The most common wait reason (ties: alphabetically first); empty for count profiles.
    public var state: String
    public var waitMin: Int?
    public var waitMax: Int?
    public var leaked: Int
    /// Distinct label sets as a JSON array of objects; nil when no member had labels.
    public var labels: String?
}

/// One goroutine: which snapshot it was in comes from the batch.
public struct GoroutineRow: Sendable, Equatable {
    public var id: Int64
    public var signature: StackSignature
    public var waitMinutes: Int32?

    public init(id: Int64, signature: StackSignature, waitMinutes: Int32?) {
        self.id = id
        self.signature = signature
        self.waitMinutes = waitMinutes
    }
}
