import Foundation

/// The verdict rules: one signature judged on one instance, from that instance's own states,
/// waits, ids and counts — never another instance's.
///
/// In order (README "How verdicts are decided"):
/// 1. **Proof.** `(leaked)` marks or a `goroutineleak` profile: `leak`.
/// 2. **Enough data?** Fewer than ``AnalysisOptions/minSnapshots`` snapshots or less than
///    ``AnalysisOptions/minSpan`` (twice ``AnalysisOptions/minLag`` on counts alone): no
///    verdict but `ok` with ``InstanceFinding/enoughData`` false, said as such by every command.
/// 3. **Growth that is kept** in the latest epoch (``EpochEvidence/isLeak(_:)``) — or, when the
///    process restarted too recently to say, in the latest epoch long enough to: `leak`.
/// 4. **A leak that restarts with the process:** two or more epochs that each grow the way a
///    leak grows, adding up to ``AnalysisOptions/minGrowth`` kept goroutines gained at three
///    moments or more, the latest still growing or too short to say: `leak`.
/// 5. **Stuck:** a fixed set on a lock (mutex, RWMutex, semaphore) whose goroutines are the
///    same from the first capture to the last and keep ageing: `stuck`. A fixed set parked on a
///    channel, a condition, `select {}`, a signal, I/O or a sleep is `ok`: a fixed cost.
/// 6. Otherwise `ok`, with reason `turnover` when the count rose but its goroutines did not stay.
struct InstanceAssessment {
    let series: InstanceSeries
    let options: AnalysisOptions
    let coverage: InstanceCoverage
    /// Epochs with at least one point, oldest first.
    let epochs: [[SeriesPoint]]
    /// Per epoch: its evidence, or nil for an epoch of fewer than three points.
    let evidence: [EpochEvidence?]
    /// The latest epoch with at least three points (a process restarted seconds ago has no
    /// shape yet), or the latest epoch.
    let latest: Int
    /// Survivors of the latest epoch, for the evidence shown, ticker loops and stuck sets.
    let survivors: SurvivorEvidence?

    init(_ series: InstanceSeries, options: AnalysisOptions) {
        self.series = series
        self.options = options
        coverage = InstanceCoverage(series, options: options)
        epochs = series.epochs.filter { !$0.isEmpty }
        let cadence = InstanceAssessment.cadence(epochs)
        evidence = epochs.map { $0.count >= 3 ? EpochEvidence($0, cadence: cadence, options: options) : nil }
        latest = epochs.lastIndex { $0.count >= 3 } ?? max(0, epochs.count - 1)
        survivors = epochs.isEmpty ? nil : SurvivorEvidence(epochs[latest])
    }

    /// The instance's finding for a signature with these frames.
    func finding(frames: [Frame], fallbackState: String) -> InstanceFinding {
        let state = series.state.isEmpty ? fallbackState : series.state
        let blocking = BlockingOperation.classify(state: state, frames: frames, wakesPeriodically: survivors?.wakesPeriodically ?? false)
        var f = baseFinding(state: state, blocking: blocking)
        guard !epochs.isEmpty else { return f }
        let judged = judgement(blocking: blocking)
        f.verdict = judged.verdict
        f.reason = judged.reason
        f.basis = judged.basis
        f.confidence = InstanceAssessment.rounded(judged.confidence)
        if let p = judged.p { f.pValue = p }
        if let growth = judged.growthPerHour { f.growthPerHour = InstanceAssessment.rounded(growth) }
        if f.isFlagged, f.growthPerHour > 0 {
            f.projectedIn24Hours = f.lastCount + Int((f.growthPerHour * 24).rounded())
        }
        return f
    }

    struct Judgement {
        var verdict: Verdict = .ok
        var reason: VerdictReason?
        var basis: EvidenceBasis
        var confidence: Double
        var p: Double?
        var growthPerHour: Double?
    }

    /// Rules 1–6, in order.
    private func judgement(blocking: BlockingOperation) -> Judgement {
        let basis = evidence[latest]?.basis ?? coverage.basis
        if epochs.joined().contains(where: { $0.leaked > 0 }) {
            return Judgement(verdict: .leak, reason: .leakedMark, basis: .leakedMarks, confidence: 1)
        }
        guard coverage.enough, let last = evidence[latest] else {
            return Judgement(basis: basis, confidence: 0)
        }
        let latestEnough = enough(last)
        // A restart a moment ago does not clear a leak proved before it: with too little since,
        // the latest epoch that has enough data is judged.
        if let judged = latestEnough ? last : evidence.compactMap({ $0 }).last(where: enough), judged.isLeak(options) {
            let p = judged.persistence?.survivorRise?.test.pIncreasing ?? judged.raw.test.pIncreasing
            return Judgement(verdict: .leak, reason: .growth, basis: judged.basis, confidence: confidence(p, [judged]),
                             p: p, growthPerHour: judged.growthPerHour)
        }
        if let combined = combinedGrowth(latestEnough: latestEnough) { return combined }
        if latestEnough, blocking.isLock, let youngest = stuckFor() {
            let confidence = min(1, 0.5 + 0.5 * Double(youngest) / Double(2 * max(1, options.stuckMinutes)))
            return Judgement(verdict: .stuck, reason: .stuck, basis: .ids, confidence: confidence, growthPerHour: 0)
        }
        return Judgement(reason: last.isTurnover(options) ? .turnover : nil, basis: basis,
                         confidence: okConfidence(last), growthPerHour: last.raw.slopePerHour)
    }

    /// An epoch with enough snapshots over enough time to be judged on its own.
    private func enough(_ e: EpochEvidence) -> Bool {
        e.points.count >= options.minSnapshots && e.span >= options.minSpan
    }

    /// Rule 4: epochs that each grow the way a leak grows add up (Mann–Kendall S and variance
    /// summed, the "seasonal Kendall" test), as do the goroutines they kept.
    private func combinedGrowth(latestEnough: Bool) -> Judgement? {
        guard let last = evidence[latest] else { return nil }
        let growing = evidence.compactMap { $0 }.filter { $0.grows(options) }
        guard growing.count >= 2, last.grows(options) || !latestEnough else { return nil }
        let kept = growing.reduce(0) { $0 + $1.keptForCombining }
        let cohorts = growing.reduce(0) { $0 + $1.cohortsForCombining }
        guard kept >= options.minGrowth, cohorts >= 3 else { return nil }
        let p = MannKendall.combined(growing.map(\.raw.test)).pIncreasing
        guard p <= options.significance else { return nil }
        return Judgement(verdict: .leak, reason: .growth, basis: last.basis, confidence: 0.9 * confidence(p, growing),
                         p: p, growthPerHour: last.raw.slopePerHour)
    }

    /// Rule 5: the youngest goroutine's wait in minutes, when every goroutine of the latest
    /// traceback capture has been there, unmoved, for ``AnalysisOptions/stuckMinutes``: each has
    /// waited that long (`, N minutes`) and a capture that long before already held them all. A
    /// deadlock that formed mid-window counts from when it formed.
    private func stuckFor() -> Int? {
        let points = epochs.isEmpty ? [] : epochs[latest].filter { $0.goroutineIDs != nil }
        guard let last = points.last, let ids = last.goroutineIDs, !ids.isEmpty,
              let youngest = last.waitMinutes?.lowerBound, youngest >= options.stuckMinutes else { return nil }
        let needed = TimeInterval(options.stuckMinutes * 60)
        guard let earlier = points.last(where: { last.time.timeIntervalSince($0.time) >= needed }),
              Persistence.common(earlier.goroutineIDs ?? [], ids) == ids.count else { return nil }
        return youngest
    }

    /// (1 − p), scaled by how far the evidence exceeds the minimum: half credit at the minimum
    /// snapshots and span, full credit at twice both; counts alone earn at most 0.8.
    private func confidence(_ p: Double, _ used: [EpochEvidence]) -> Double {
        let n = Double(used.reduce(0) { $0 + $1.points.count })
        let span = used.reduce(0) { $0 + $1.span }
        let evidence = min(1, n / Double(2 * max(1, options.minSnapshots))) * min(1, span / max(1, 2 * options.minSpan))
        let basis = used.allSatisfy { $0.basis == .ids } ? 1 : 0.8
        return (1 - p) * (0.5 + 0.5 * evidence) * basis
    }

    /// How sure `ok` is: as much as the data covers the minimum evidence.
    private func okConfidence(_ e: EpochEvidence) -> Double {
        min(1, Double(e.points.count) / Double(max(1, options.minSnapshots))) * min(1, e.span / max(1, options.minSpan))
    }

    private func baseFinding(state: String, blocking: BlockingOperation) -> InstanceFinding {
        let all = epochs.joined()
        let first = all.first { $0.count > 0 }
        let last = all.last { $0.count > 0 }
        let latestPoints = epochs.isEmpty ? [] : epochs[latest]
        let e = evidence.isEmpty ? nil : evidence[latest]
        let p = e?.persistence
        return InstanceFinding(
            service: series.service, instance: series.instance, verdict: .ok, reason: nil, basis: coverage.basis,
            state: state, blocking: blocking, confidence: 0,
            shape: e.map { EpochTrend(latestPoints, rise: $0.raw).shape(options) } ?? .flat,
            pValue: e?.raw.test.pIncreasing ?? 1,
            firstSeen: first?.time, lastSeen: last?.time, firstCount: first?.count ?? 0,
            lastCount: epochs.last?.last?.count ?? 0,
            growthPerHour: 0, projectedIn24Hours: epochs.last?.last?.count ?? 0,
            snapshots: all.count, epochs: epochs.count,
            growingEpochs: evidence.compactMap { $0 }.filter { $0.grows(options) }.count,
            survivors: survivors?.survivors, oldestSurvivorSince: survivors?.oldestSince,
            oldestWaitMinutes: latestPoints.last { $0.waitMinutes != nil }?.waitMinutes?.upperBound,
            leakedMarks: all.reduce(0) { max($0, $1.leaked) },
            lag: p?.lag, persisted: p?.persisted, persistedOf: p?.persistedOf, keptGains: p?.keptGains,
            enoughData: coverage.enough)
    }

    /// The median seconds between consecutive snapshots of the instance, over all epochs.
    static func cadence(_ epochs: [[SeriesPoint]]) -> TimeInterval {
        var gaps = epochs.flatMap { e in zip(e, e.dropFirst()).map { pair in pair.1.time.timeIntervalSince(pair.0.time) } }
        guard !gaps.isEmpty else { return 0 }
        gaps.sort()
        return gaps[gaps.count / 2]
    }

    /// Two decimals: enough to read, and stable in JSON across platforms.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
