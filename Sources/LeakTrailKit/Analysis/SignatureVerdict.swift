/// Everything said about one signature: the verdict over all instances, where to look in the
/// code, what to change, and the findings per instance.
public struct SignatureVerdict: Hashable, Sendable {
    public var signature: StackSignature
    /// The most serious instance verdict.
    public var verdict: Verdict
    public var reason: VerdictReason?
    /// The confidence of the most serious instance finding.
    public var confidence: Double
    /// The wait reason as captured, or the blocking operation read from the frames.
    public var state: String
    public var blocking: BlockingOperation
    public var culprit: Frame?
    public var createdBy: CreatedBy?
    /// The user-visible stack (the frames that make the signature), innermost first.
    public var frames: [Frame]
    public var advice: String
    /// One finding per instance that captured the signature, most serious first.
    public var instances: [InstanceFinding]
    public var fleet: [FleetAgreement]
    /// Summed over flagged instances.
    public var growthPerHour: Double
    /// Latest count summed over all instances.
    public var lastCount: Int
    /// Summed over all instances: flagged ones projected, others as they are.
    public var projectedIn24Hours: Int
    /// ``StackMemory`` estimate for one goroutine of this stack.
    public var stackBytesEach: Int

    /// Estimated memory held now by the goroutines of this signature, over all instances.
    public var memoryBytes: Int { lastCount * stackBytesEach }
    public var flaggedInstances: [InstanceFinding] { instances.filter(\.isFlagged) }
}
