import Foundation

/// The analysis entry point: signature histories in, verdicts out, most serious first.
///
/// Pure and deterministic: no clock, no store, no output. Each signature is judged on each
/// instance on its own (``InstanceAssessment``), so the work is linear in the number of points
/// and spread over the available cores.
public enum LeakAnalyzer {
    /// Every signature's verdict, `ok` ones included (`trends` shows them all; `leaks` keeps
    /// the flagged ones).
    public static func analyze(histories: [SignatureHistory], options: AnalysisOptions = AnalysisOptions()) -> [SignatureVerdict] {
        let verdicts = ParallelMap.map(histories) { analyze($0, options: options) }
        return verdicts.sorted(by: moreSerious)
    }

    /// Every verdict and each instance's coverage.
    public static func run(histories: [SignatureHistory], options: AnalysisOptions = AnalysisOptions()) -> LeakAnalysis {
        LeakAnalysis(verdicts: analyze(histories: histories, options: options),
                     coverage: InstanceCoverage.of(histories, options: options))
    }

    /// One signature's verdict: its instances' findings, summarized without lending one
    /// instance's evidence to another.
    public static func analyze(_ history: SignatureHistory, options: AnalysisOptions = AnalysisOptions()) -> SignatureVerdict {
        let findings = history.instances
            .map { InstanceAssessment($0, options: options).finding(frames: history.frames, fallbackState: history.state) }
            .sorted(by: moreSerious)
        let top = findings.first
        let blocking = top?.blocking ?? BlockingOperation.classify(state: history.state, frames: history.frames)
        let known = KnownLeak.match(history.frames)
        let state = top.map(\.state).flatMap { $0.isEmpty ? nil : $0 } ?? (history.state.isEmpty ? blocking.rawValue : history.state)
        return SignatureVerdict(
            signature: history.signature, verdict: top?.verdict ?? .ok, reason: top?.reason,
            basis: top?.basis ?? .counts, confidence: top?.confidence ?? 0, state: state, blocking: blocking,
            culprit: Culprit.frame(in: SignatureFrames.visible(history.frames), createdBy: history.createdBy, modulePrefixes: options.modulePrefixes),
            createdBy: history.createdBy, frames: SignatureFrames.visible(history.frames), knownLeak: known,
            advice: known?.advice ?? blocking.advice, instances: findings, fleet: fleet(findings),
            figures: LeakFigures(findings, stackBytesEach: StackMemory.estimatedBytes(frameCount: history.frames.count)))
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
