/// Everything said about one signature: the verdict over all instances, where to look in the
/// code, what to change, and the findings per instance.
///
/// The signature's row summarizes its instances; it never lends one instance's evidence to
/// another. Its verdict, reason, state, blocking operation and advice are those of its most
/// serious instance.
public struct SignatureVerdict: Hashable, Sendable {
    public var signature: StackSignature
    /// The most serious instance verdict.
    public var verdict: Verdict
    public var reason: VerdictReason?
    /// What the most serious instance's verdict rests on.
    public var basis: EvidenceBasis
    /// The confidence of the most serious instance finding.
    public var confidence: Double
    /// The wait reason as captured on the most serious instance, or the blocking operation read
    /// from the frames.
    public var state: String
    public var blocking: BlockingOperation
    public var culprit: Frame?
    public var createdBy: CreatedBy?
    /// The user-visible stack (the frames that make the signature), innermost first.
    public var frames: [Frame]
    /// A well-known leak of the standard library or a common module this stack is, if any.
    public var knownLeak: KnownLeak?
    public var advice: String
    /// One finding per instance that captured the signature, most serious first.
    public var instances: [InstanceFinding]
    public var fleet: [FleetAgreement]
    /// The signature's figures, computed once (``LeakFigures``): every command and format prints
    /// these.
    public var figures: LeakFigures
    /// Set when a list of known goroutines accepts this signature (``Acceptance``); nil from
    /// the analyzer. Gates skip accepted signatures.
    public var accepted: Acceptance? = nil

    public var growthPerHour: Double { figures.growthPerHour }
    public var lastCount: Int { figures.goroutines }
    public var projectedIn24Hours: Int { figures.projectedIn24Hours }
    public var stackBytesEach: Int { figures.stackBytesEach }
    public var memoryBytes: Int { figures.memoryBytes }
    public var flaggedInstances: [InstanceFinding] { instances.filter(\.isFlagged) }
}
