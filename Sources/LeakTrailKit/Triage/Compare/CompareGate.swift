/// What a canary gate fails on when comparing two windows.
public enum CompareFailOn: String, Hashable, Sendable, CaseIterable {
    /// A signature that leaks after and did not before.
    case newLeak = "new-leak"
    /// A set stuck on a lock after that was not before.
    case newStuck = "new-stuck"
    /// A leak of both windows growing faster after.
    case faster

    func matches(_ e: Comparison.Entry) -> Bool {
        guard let after = e.after, after.accepted == nil else { return false }
        switch self {
        case .newLeak: return e.change == .new && after.verdict == .leak
        case .newStuck: return e.change == .new && after.verdict == .stuck
        case .faster: return e.change == .faster
        }
    }
}

extension Comparison {
    /// The gate over comparisons (one per service). Accepted signatures never match. It cannot
    /// pass when the after window left instances unjudged, the before window judged nothing,
    /// or a change is `unknown`: a canary that could not be seen is not green.
    public static func gate(_ comparisons: [Comparison], _ failOn: Set<CompareFailOn>) -> GateOutcome {
        let matched = comparisons.flatMap(\.entries).filter { e in failOn.contains { $0.matches(e) } }
        if !matched.isEmpty { return .matched(matched.map(\.signature)) }
        guard !failOn.isEmpty else { return .pass }
        var lacking: [InstanceCoverage] = []
        var blind = comparisons.isEmpty
        for c in comparisons {
            lacking += c.after.lacking
            if c.after.coverage.isEmpty { blind = true }
            if !c.before.judgedAnything || c.entries.contains(where: { $0.change == .unknown }) {
                blind = true
                lacking += c.before.lacking
            }
        }
        return blind || !lacking.isEmpty ? .notEnoughData(lacking) : .pass
    }
}
