import Foundation

/// What every store backend offers the commands and the import pipeline: write one file's
/// snapshots atomically, list them, and read them back for `top`, `diff` and the analysis.
///
/// Two backends conform: ``LeakStore`` (one SQLite file, the embedded default) and
/// ``PostgresStore`` (a PostgreSQL server shared by many importers). Both answer every
/// question with the same values, so every command prints the same bytes on either; the
/// analysis itself (``HistoryPlan``) is shared and reads rows through ``HistorySource``.
public protocol SnapshotStore: AnyObject, Sendable {
    /// How messages name the store: a path, or a URL without its password.
    var location: String { get }

    /// Signatures stored whole, so that parsers need not send their frames again.
    func knownSignatures() throws -> Set<UInt64>

    /// Writes one file's snapshots: all of them or, on any error, none.
    func commit(_ batch: FileBatch) throws -> LeakStore.CommitOutcome

    /// Every instance with snapshots, by service then instance.
    func instances() throws -> [StoredInstance]

    /// The snapshot with this id, or nil.
    func snapshot(id: Int64) throws -> StoredSnapshot?

    /// Every snapshot in capture order, optionally of one service or instance.
    func snapshots(service: String?, instance: String?) throws -> [StoredSnapshot]

    /// The largest signatures of one snapshot, largest first (ties by signature).
    func top(_ selector: LeakStore.SnapshotSelector, instance: String?, by level: SignatureLevel, limit: Int) throws -> TopReport

    /// One history per signature, each with a zero-filled series per instance and epoch.
    func histories(_ filter: LeakStore.HistoryFilter) throws -> [SignatureHistory]

    /// The analysis of the histories `filter` selects, each signature judged as soon as its
    /// series is built and then dropped: what `leaks` needs, in memory bounded by the counts
    /// read rather than by every series at once.
    func analysis(_ filter: LeakStore.HistoryFilter, options: AnalysisOptions) throws -> LeakAnalysis

    /// Goroutines per signature in one snapshot, for `diff`.
    func groupCounts(snapshot id: Int64, level: SignatureLevel) throws -> [StackSignature: Int]

    /// Each stack's first user frame as `function file:line`, by signature at `level`.
    func topFrames(level: SignatureLevel) throws -> [StackSignature: String]

    /// The id of the last snapshot taken at or before `time` (optionally of one instance).
    func snapshotID(atOrBefore time: Date, instance: String?) throws -> Int64?

    /// Removes every snapshot captured before `cutoff`, with its rows.
    func prune(before cutoff: Date) throws -> PruneSummary
}

/// What `prune` removed.
public struct PruneSummary: Sendable, Equatable {
    public var snapshots: Int
    /// Whole time partitions dropped (PostgreSQL); rows deleted one by one are the rest.
    public var partitionsDropped: Int

    public init(snapshots: Int, partitionsDropped: Int) {
        self.snapshots = snapshots
        self.partitionsDropped = partitionsDropped
    }
}
