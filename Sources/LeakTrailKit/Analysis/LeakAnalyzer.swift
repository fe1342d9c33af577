import Foundation

/// The analysis entry point: signature histories in, verdicts out, most serious first.
///
/// Pure and deterministic: no clock, no store, no output. Each signature is judged on its
/// own, so the work is linear in the number of points (Mann–Kendall in O(n log n), Theil–Sen
/// on at most ``TheilSen/maxPoints`` points per epoch) and spread over the available cores.
public enum LeakAnalyzer {
    /// Every signature's verdict, `ok` ones included (`trends` shows them all; `leaks` keeps
    /// the flagged ones).
    public static func analyze(histories: [SignatureHistory], options: AnalysisOptions = AnalysisOptions()) -> [SignatureVerdict] {
        let verdicts = ParallelMap.map(histories) { analyze($0, options: options) }
        return verdicts.sorted(by: moreSerious)
    }

    /// One signature's verdict.
    public static func analyze(_ history: SignatureHistory, options: AnalysisOptions = AnalysisOptions()) -> SignatureVerdict {
        let assessments = history.instances.map { InstanceAssessment($0, options: options) }
        let periodic = assessments.contains { $0.survivors?.wakesPeriodically ?? false }
        let blocking = BlockingOperation.classify(state: history.state, frames: history.frames, wakesPeriodically: periodic)
        let isMain = history.createdBy == nil && history.frames.contains { $0.function == "main.main" }
        let findings = assessments.map { $0.finding(blocking: blocking, isMainGoroutine: isMain) }
            .sorted(by: moreSerious)
        let top = findings.first
        let flagged = findings.filter(\.isFlagged)
        let frames = SignatureFrames.visible(history.frames)
        return SignatureVerdict(
            signature: history.signature, verdict: top?.verdict ?? .ok, reason: top?.reason,
            confidence: top?.confidence ?? 0,
            state: history.state.isEmpty ? blocking.rawValue : history.state, blocking: blocking,
            culprit: Culprit.frame(in: frames, createdBy: history.createdBy, modulePrefixes: options.modulePrefixes),
            createdBy: history.createdBy, frames: frames, advice: blocking.advice,
            instances: findings, fleet: fleet(findings),
            growthPerHour: InstanceAssessment.rounded(flagged.reduce(0) { $0 + $1.growthPerHour }),
            lastCount: findings.reduce(0) { $0 + $1.lastCount },
            projectedIn24Hours: findings.reduce(0) { $0 + $1.projectedIn24Hours },
            stackBytesEach: StackMemory.estimatedBytes(frameCount: history.frames.count))
    }

    /// Per service: how many instances saw the signature and how many flag it.
    static func fleet(_ findings: [InstanceFinding]) -> [FleetAgreement] {
        let byService = Dictionary(grouping: findings.filter { $0.firstSeen != nil }, by: \.service)
        return byService.keys.sorted().map { service in
            let seen = byService[service] ?? []
            let flagged = seen.filter(\.isFlagged).map(\.instance).sorted()
            return FleetAgreement(service: service, observed: seen.count, flagged: flagged.count, flaggedInstances: flagged)
        }
    }

    /// Verdict first, then the memory the signature will hold in a day, then confidence; the
    /// signature breaks ties so the order never depends on input order.
    static func moreSerious(_ a: SignatureVerdict, _ b: SignatureVerdict) -> Bool {
        if a.verdict != b.verdict { return a.verdict > b.verdict }
        let ma = a.projectedIn24Hours * a.stackBytesEach
        let mb = b.projectedIn24Hours * b.stackBytesEach
        if ma != mb { return ma > mb }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        return a.signature < b.signature
    }

    static func moreSerious(_ a: InstanceFinding, _ b: InstanceFinding) -> Bool {
        if a.verdict != b.verdict { return a.verdict > b.verdict }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        if a.service != b.service { return a.service < b.service }
        return a.instance < b.instance
    }
}
