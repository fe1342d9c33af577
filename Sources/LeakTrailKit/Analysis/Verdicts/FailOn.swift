/// What a CI gate fails on, and what it concludes from an analysis.
public enum FailOn: String, Hashable, Sendable, CaseIterable {
    /// Any `leak`.
    case leak
    /// Any `stuck` set (a deadlock).
    case stuck
    /// Any `leak` or `suspect`.
    case suspect

    func matches(_ v: Verdict) -> Bool {
        switch self {
        case .leak: return v == .leak
        case .stuck: return v == .stuck
        case .suspect: return v == .leak || v == .suspect
        }
    }
}

/// A gate's conclusion. Too little data never passes: a gate that cannot see is not green.
public enum GateOutcome: Hashable, Sendable {
    case pass
    /// Verdicts matched; the signatures that did.
    case matched([StackSignature])
    /// Nothing matched, but these instances had too little data to be judged.
    case notEnoughData([InstanceCoverage])
}

extension LeakAnalysis {
    /// The gate for `failOn` (nothing to fail on: always `pass`, but for no data at all).
    /// Accepted signatures (``SignatureVerdict/accepted``) never match.
    public func gate(_ failOn: Set<FailOn>) -> GateOutcome {
        let matched = verdicts.filter { v in v.accepted == nil && failOn.contains { $0.matches(v.verdict) } }
        if !matched.isEmpty { return .matched(matched.map(\.signature)) }
        guard !failOn.isEmpty else { return .pass }
        if coverage.isEmpty || !lacking.isEmpty { return .notEnoughData(lacking) }
        return .pass
    }
}
