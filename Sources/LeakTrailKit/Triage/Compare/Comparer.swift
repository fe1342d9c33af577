/// Decides each signature's ``Comparison/Change`` from the analyses of two windows.
///
/// Pure: two ``LeakAnalysis`` values in, a ``Comparison`` out. It never calls something new
/// on data that could not have shown it old: a signature flagged after is `new` only where
/// the before window judged the instances that captured it (or judged some instance and
/// never captured it at all); otherwise it is `unknown`. Likewise `stopped` needs an after
/// window that judged something.
public enum Comparer {
    /// - Parameter fasterRatio: how many times the per-instance growth must rise to count as
    ///   `faster` (growth of the same leak wanders with load; 1.5 by default).
    public static func compare(service: String, before: (window: String, analysis: LeakAnalysis),
                               after: (window: String, analysis: LeakAnalysis), fasterRatio: Double = 1.5) -> Comparison {
        let b = Dictionary(before.analysis.verdicts.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        let a = Dictionary(after.analysis.verdicts.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        let beforeSide = Comparison.Side(window: before.window, coverage: before.analysis.coverage)
        let afterSide = Comparison.Side(window: after.window, coverage: after.analysis.coverage)
        let flagged = Set(b.values.filter(\.isFlaggedVerdict).map(\.signature)).union(a.values.filter(\.isFlaggedVerdict).map(\.signature))
        let entries = flagged.map { s in
            entry(s, before: b[s], after: a[s], beforeSide: beforeSide, afterSide: afterSide, fasterRatio: fasterRatio)
        }
        return Comparison(service: service, before: beforeSide, after: afterSide, entries: entries.sorted(by: earlier))
    }

    static func entry(_ s: StackSignature, before vb: SignatureVerdict?, after va: SignatureVerdict?,
                      beforeSide: Comparison.Side, afterSide: Comparison.Side, fasterRatio: Double) -> Comparison.Entry {
        func make(_ change: Comparison.Change, _ why: String) -> Comparison.Entry {
            Comparison.Entry(signature: s, change: change, before: vb, after: va, why: why)
        }
        if let va, va.isFlaggedVerdict {
            if let vb, vb.isFlaggedVerdict {
                let rb = perInstanceRate(vb), ra = perInstanceRate(va)
                if vb.verdict == .leak, va.verdict == .leak, rb > 0, ra >= fasterRatio * rb {
                    return make(.faster, "growth per leaking instance rose from \(rate(rb)) to \(rate(ra))")
                }
                return make(.still, "flagged before and after")
            }
            guard beforeSide.judgedAnything else { return make(.unknown, "no instance had enough data before") }
            let seen = (vb?.instances ?? []).filter { $0.firstSeen != nil }
            let unjudged = seen.filter { !$0.enoughData }.map(\.instance)
            if !unjudged.isEmpty {
                return make(.unknown, "captured before on \(unjudged.joined(separator: ", ")), which had too little data to judge")
            }
            // A rise the before window could not yet prove is no proof that it was not there.
            let rising = seen.filter { $0.growthPerHour > 0 || [.growing, .levelling, .tooShort].contains($0.shape) }.map(\.instance)
            if !rising.isEmpty {
                return make(.unknown, "rising before as well on \(rising.joined(separator: ", ")), though not proven a leak there")
            }
            return make(.new, vb == nil ? "never captured before" : "captured before, not rising")
        }
        guard afterSide.judgedAnything else { return make(.unknown, "no instance had enough data after") }
        if let unseen = unjudgedAfter(vb, beforeSide: beforeSide, afterSide: afterSide) {
            return make(.unknown, "flagged before on \(unseen.joined(separator: ", ")), which the after window does not judge")
        }
        if va?.instances.contains(where: { $0.firstSeen != nil }) != true {
            return make(.stopped, "captured in no snapshot after")
        }
        return make(.notFlagged, "still captured after, but not flagged there")
    }

    /// When both windows cover some of the same instances (one fleet over time), the ones that
    /// flagged the signature before and that the after window does not judge: there, nothing
    /// was seen to stop. Nil when there are none, or when the windows share no instance (a
    /// redeploy with new instance names, a canary beside its baseline): then the service as a
    /// whole is compared.
    static func unjudgedAfter(_ vb: SignatureVerdict?, beforeSide: Comparison.Side, afterSide: Comparison.Side) -> [String]? {
        let judgedAfter = Set(afterSide.coverage.filter(\.enough).map(\.instance))
        guard let vb, !Set(afterSide.coverage.map(\.instance)).isDisjoint(with: beforeSide.coverage.map(\.instance)) else { return nil }
        let unseen = vb.flaggedInstances.map(\.instance).filter { !judgedAfter.contains($0) }
        return unseen.isEmpty ? nil : unseen
    }

    /// Growth per hour per leaking instance: fair between windows that cover different
    /// numbers of instances.
    static func perInstanceRate(_ v: SignatureVerdict) -> Double {
        v.growthPerHour / Double(max(1, v.flaggedInstances.count))
    }

    static func rate(_ perHour: Double) -> String { ReportFormat.rate(perHour) }

    static func earlier(_ x: Comparison.Entry, _ y: Comparison.Entry) -> Bool {
        if x.change.rank != y.change.rank { return x.change.rank < y.change.rank }
        let vx = x.current?.verdict ?? .ok, vy = y.current?.verdict ?? .ok
        if vx != vy { return vx > vy }
        let gx = x.current?.growthPerHour ?? 0, gy = y.current?.growthPerHour ?? 0
        if gx != gy { return gx > gy }
        return x.signature < y.signature
    }
}

extension SignatureVerdict {
    var isFlaggedVerdict: Bool { verdict != .ok }
}
