import Foundation

/// Where ``HistoryPlan`` reads its rows: the one part of the analysis's input that differs
/// between backends. The plan itself — columns, slots, the grid, series, states, the id
/// sample — is shared, so both backends hand the analysis the same histories.
protocol HistorySource {
    /// The selected snapshots, ordered by instance id, capture time and snapshot id.
    func snapshotRows(_ filter: LeakStore.HistoryFilter) throws -> [HistorySnapshotRow]

    /// Every stack's line and function signature, ascending by line signature as a signed
    /// integer (the order of one snapshot's rows).
    func stackKeys() throws -> [(line: Int64, function: Int64)]

    /// Feeds the counts of `snapshots` (ascending ids) to readers: rows of one snapshot
    /// together and ascending by signature, snapshots in ascending order. A source may split
    /// the snapshots over several readers (each a ``HistoryPlan/CountReader`` of its own) and
    /// return their results in snapshot order.
    func readCounts(_ snapshots: [Int64], plan: HistoryPlan) throws -> [HistoryPlan.Partial]

    /// Every goroutine (snapshot, goroutine id, line signature) of `snapshots`.
    func goroutines(of snapshots: [Int64], _ body: (Int64, Int64, Int64) -> Void) throws

    /// Frames and creator text of the stacks with these line signatures.
    func stackTexts(_ signatures: [Int64]) throws -> [Int64: (frames: String, createdBy: String?)]
}

/// One selected snapshot as ``HistoryPlan`` places it.
struct HistorySnapshotRow: Sendable {
    var id: Int64
    var timeMs: Int64
    var epoch: Int
    var service: String
    var instance: String
    var format: String
    var profile: String
    var instanceID: Int64
}

/// One `snapshot_stacks` row as a reader takes it. The state's text is made only for a row
/// that wins (``HistoryPlan/Rank``), so it comes as a closure.
struct CountRowValues {
    var signature: Int64
    var count: Int64
    var leaked: Int64
    /// -1 when the row printed none (or was read without the column).
    var waitMin: Int64
    var waitMax: Int64
    var stated: Bool
}
