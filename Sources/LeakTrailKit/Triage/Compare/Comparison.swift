/// Before and after a deploy, for one service across its instances: which signatures are
/// newly flagged, which leak faster, which stopped — and where the data was too thin to say.
public struct Comparison: Hashable, Sendable {
    public var service: String
    public var before: Side
    public var after: Side
    /// Every signature flagged in either window, most serious change first.
    public var entries: [Entry]

    public struct Side: Hashable, Sendable {
        /// The window as written (`2026-11-27T16:25:34Z..2026-11-27T16:28:30Z`, `epoch:1`).
        public var window: String
        public var coverage: [InstanceCoverage]

        /// At least one instance had enough data for a verdict.
        public var judgedAnything: Bool { coverage.contains(where: \.enough) }
        public var lacking: [InstanceCoverage] { coverage.filter { !$0.enough } }
    }

    public struct Entry: Hashable, Sendable {
        public var signature: StackSignature
        public var change: Change
        /// The signature in each window; nil where it was never captured.
        public var before: SignatureVerdict?
        public var after: SignatureVerdict?
        /// Why the change was called so, in a sentence.
        public var why: String

        /// The verdict that describes the signature now (after, else before).
        public var current: SignatureVerdict? { after ?? before }
    }

    /// What happened to a flagged signature between the windows.
    public enum Change: String, Hashable, Sendable, CaseIterable {
        /// Flagged after; absent before, or judged `ok` there.
        case new
        /// A leak in both, growing faster per leaking instance after.
        case faster
        /// Flagged in both, not faster.
        case still
        /// Flagged before; captured in no snapshot after.
        case stopped
        /// Flagged before; still captured after but not flagged there (too slow to show in the
        /// window, or fixed and now transient): worth a look, not a success yet.
        case notFlagged = "not-flagged"
        /// One window had too little data to say (its instances were not judged).
        case unknown

        var rank: Int {
            switch self {
            case .new: return 0
            case .faster: return 1
            case .unknown: return 2
            case .still: return 3
            case .notFlagged: return 4
            case .stopped: return 5
            }
        }
    }
}
