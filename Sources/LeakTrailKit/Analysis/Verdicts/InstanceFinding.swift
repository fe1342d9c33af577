import Foundation

/// The verdict for one signature on one instance, with the evidence behind it.
public struct InstanceFinding: Hashable, Sendable {
    public var service: String
    public var instance: String
    public var verdict: Verdict
    /// Nil for a plain `ok`; `turnover` for an `ok` whose count rose without keeping its
    /// goroutines.
    public var reason: VerdictReason?
    /// What the verdict rests on.
    public var basis: EvidenceBasis
    /// The wait reason on this instance (its largest row's), which may differ from another
    /// instance's for the same stack (`chan receive (nil chan)` on one, `chan receive` on
    /// another); empty when only count profiles carried it.
    public var state: String
    /// What this instance's goroutines of the signature block on, from its own state.
    public var blocking: BlockingOperation
    /// 0…1: how sure the verdict is (see README "How verdicts are decided").
    public var confidence: Double
    /// The shape of the latest epoch with enough points to have one.
    public var shape: GrowthShape
    /// One-sided Mann–Kendall p-value of the evidence that decided (all epochs combined).
    public var pValue: Double
    /// First and last snapshot in which the signature was present.
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// Count at ``firstSeen``, and at the instance's latest snapshot.
    public var firstCount: Int
    public var lastCount: Int
    /// Theil–Sen slope of the latest epoch, goroutines per hour.
    public var growthPerHour: Double
    /// ``lastCount`` plus 24 hours of ``growthPerHour`` when growing.
    public var projectedIn24Hours: Int
    /// Snapshots looked at, over all epochs, and how many epochs (restarts + 1).
    public var snapshots: Int
    public var epochs: Int
    /// Epochs in which the signature grew (shape `growing` or `tooShort`).
    public var growingEpochs: Int
    /// Goroutines present in both of the last two id-bearing snapshots; nil without ids.
    public var survivors: Int?
    /// Since when the oldest survivor has been seen without a gap.
    public var oldestSurvivorSince: Date?
    /// The longest `, N minutes` in the latest snapshot that printed waits; nil without.
    public var oldestWaitMinutes: Int?
    /// Most `(leaked)` members seen in one snapshot.
    public var leakedMarks: Int
    /// Ids: the lag after which a goroutine counts as kept, and of the goroutines present a lag
    /// before the end, how many are still present. Nil on counts alone.
    public var lag: TimeInterval?
    public var persisted: Int?
    public var persistedOf: Int?
    /// Ids: goroutines gained during the latest epoch and kept for at least the lag.
    public var keptGains: Int?
    /// The instance had enough snapshots over enough time for a verdict
    /// (``AnalysisOptions/minSnapshots``, ``AnalysisOptions/minSpan``).
    public var enoughData: Bool

    public var isFlagged: Bool { verdict != .ok }
}
