/// Everything one analysis says: every signature's verdict, and how much each instance's
/// snapshots covered — so that no command prints a clean result on too little data.
public struct LeakAnalysis: Hashable, Sendable {
    /// Most serious first (``LeakAnalyzer/analyze(histories:options:)``).
    public var verdicts: [SignatureVerdict]
    /// One per instance, sorted by service and instance.
    public var coverage: [InstanceCoverage]

    public init(verdicts: [SignatureVerdict], coverage: [InstanceCoverage]) {
        self.verdicts = verdicts
        self.coverage = coverage
    }

    /// The instances whose snapshots are too few or too short for a verdict.
    public var lacking: [InstanceCoverage] { coverage.filter { !$0.enough } }

    /// No instance had enough data: nothing at all could be judged.
    public var judgedNothing: Bool { !coverage.contains(where: \.enough) }

    public var flagged: [SignatureVerdict] { verdicts.filter { $0.verdict != .ok } }
}
