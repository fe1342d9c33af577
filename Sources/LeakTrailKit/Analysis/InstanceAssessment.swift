import Foundation

/// Judges one signature on one instance: leaked marks first (proof), then growth over the
/// epochs, then goroutines that neither grow nor move (stuck).
struct InstanceAssessment {
    let series: InstanceSeries
    let options: AnalysisOptions
    let epochs: [[SeriesPoint]]
    let trends: [EpochTrend]
    let shapes: [GrowthShape]
    /// The latest epoch with at least three points (a process restarted seconds ago has no
    /// shape yet), or the latest epoch.
    let latest: Int
    let survivors: SurvivorEvidence?

    init(_ series: InstanceSeries, options: AnalysisOptions) {
        self.series = series
        self.options = options
        epochs = series.epochs.filter { !$0.isEmpty }
        trends = epochs.map(EpochTrend.init)
        shapes = trends.map { $0.shape(options) }
        latest = epochs.lastIndex { $0.count >= 3 } ?? max(0, epochs.count - 1)
        survivors = epochs.isEmpty ? nil : SurvivorEvidence(epochs[latest])
    }

    /// The instance's finding, given how the signature blocks and whether it is the main
    /// goroutine (which may legitimately park forever).
    func finding(blocking: BlockingOperation, isMainGoroutine: Bool) -> InstanceFinding {
        var f = baseFinding()
        guard !epochs.isEmpty else { return f }
        if f.leakedMarks > 0 {
            f.verdict = .leak
            f.reason = .leakedMark
            f.confidence = 1
        } else if let (verdict, confidence, p) = growthVerdict() {
            f.verdict = verdict
            f.reason = .growth
            f.confidence = confidence
            f.pValue = p
        } else if !blocking.idlesNormally, !isMainGoroutine, let (verdict, confidence) = stuckVerdict() {
            f.verdict = verdict
            f.reason = .stuck
            f.confidence = confidence
        } else {
            f.confidence = InstanceAssessment.rounded(okConfidence())
        }
        if f.isFlagged, f.growthPerHour > 0 {
            f.projectedIn24Hours = f.lastCount + Int((f.growthPerHour * 24).rounded())
        }
        f.confidence = InstanceAssessment.rounded(f.confidence)
        return f
    }

    /// Growth in the latest epoch; or growth in several epochs that, taken together, is
    /// significant (a leak that restarts with the process); or growth before a restart that
    /// the epoch since is too short to confirm or refute.
    private func growthVerdict() -> (Verdict, Double, Double)? {
        let proven = shapes.indices.filter { shapes[$0] == .growing || shapes[$0] == .tooShort }
        let growing = shapes.indices.filter { proven.contains($0) || trends[$0].grows }
        let latestTrend = trends[latest]
        let latestShort = latestTrend.snapshots < options.minSnapshots || latestTrend.span < options.minSpan
        if refillsToAnEarlierBound { return nil }
        if shapes[latest] == .growing {
            return (.leak, confidence(of: [latest]), latestTrend.test.pIncreasing)
        }
        let combined = MannKendall.combined(growing.map { trends[$0].test })
        let enough = growing.reduce(0) { $0 + trends[$1].snapshots } >= options.minSnapshots
            && growing.reduce(0) { $0 + trends[$1].span } >= options.minSpan
            && growing.reduce(0) { $0 + trends[$1].retainedGrowth } >= options.minGrowth
        let stillRising = growing.contains(latest) || (latestShort && latestTrend.slopePerHour >= 0)
        if growing.count >= 2, enough, stillRising, combined.pIncreasing <= options.significance {
            return (.leak, confidence(of: growing), combined.pIncreasing)
        }
        if proven.contains(where: { shapes[$0] == .growing }), latestShort, latestTrend.slopePerHour >= 0 {
            return (.leak, 0.8 * confidence(of: proven), combined.pIncreasing)
        }
        if shapes[latest] == .levelling || !proven.isEmpty {
            let basis = proven.isEmpty ? [latest] : proven
            let p = MannKendall.combined(basis.map { trends[$0].test }).pIncreasing
            return (.suspect, 0.6 * confidence(of: basis), p)
        }
        return nil
    }

    /// An earlier epoch grew and then stopped at a level the latest epoch has not passed: a
    /// pool refilling after a restart, not a leak (a leak would have kept growing before).
    private var refillsToAnEarlierBound: Bool {
        let bound = (0..<latest).filter { shapes[$0] == .stopped }.compactMap { epochs[$0].map(\.count).max() }.max()
        guard let bound, let now = epochs[latest].map(\.count).max() else { return false }
        return now <= bound
    }

    /// (1 − p) of the combined test, scaled by how far the evidence exceeds the minimum:
    /// half credit at the minimum, full credit at twice the minimum snapshots and span.
    private func confidence(of epochIndices: [Int]) -> Double {
        let p = MannKendall.combined(epochIndices.map { trends[$0].test }).pIncreasing
        let n = Double(epochIndices.reduce(0) { $0 + trends[$1].snapshots })
        let span = epochIndices.reduce(0) { $0 + trends[$1].span }
        let evidence = min(1, n / Double(2 * max(1, options.minSnapshots))) * min(1, span / max(1, 2 * options.minSpan))
        return (1 - p) * (0.5 + 0.5 * evidence)
    }

    /// Flat, yet every goroutine was there at the start and all kept ageing over at least
    /// ``AnalysisOptions/minSpan``: nothing ever wakes them. `leak` once the youngest has
    /// waited ``AnalysisOptions/stuckMinutes``.
    private func stuckVerdict() -> (Verdict, Double)? {
        guard let s = survivors, s.allAgeing, s.lastTime.timeIntervalSince(s.firstTime) >= options.minSpan,
              let youngest = s.lastWait?.lowerBound else { return nil }
        let confidence = min(1, 0.5 + 0.5 * Double(youngest) / Double(2 * max(1, options.stuckMinutes)))
        return youngest >= options.stuckMinutes ? (.leak, confidence) : (.suspect, 0.6 * confidence)
    }

    /// How sure `ok` is: as much as the data covers the minimum evidence, less when the
    /// signature did grow at some point (a pool filling up) or grew briefly.
    private func okConfidence() -> Double {
        let t = trends[latest]
        let evidence = min(1, Double(t.snapshots) / Double(max(1, options.minSnapshots)))
            * min(1, t.span / max(1, options.minSpan))
        return evidence * (shapes[latest] == .flat ? 1 : 0.8)
    }

    private func baseFinding() -> InstanceFinding {
        let all = epochs.joined()
        let first = all.first { $0.count > 0 }
        let last = all.last { $0.count > 0 }
        let latestPoints = epochs.isEmpty ? [] : epochs[latest]
        return InstanceFinding(
            service: series.service, instance: series.instance, verdict: .ok, reason: nil, confidence: 0,
            shape: shapes.isEmpty ? .flat : shapes[latest],
            pValue: trends.isEmpty ? 1 : trends[latest].test.pIncreasing,
            firstSeen: first?.time, lastSeen: last?.time, firstCount: first?.count ?? 0,
            lastCount: epochs.last?.last?.count ?? 0,
            growthPerHour: trends.isEmpty ? 0 : InstanceAssessment.rounded(trends[latest].slopePerHour),
            projectedIn24Hours: epochs.last?.last?.count ?? 0,
            snapshots: all.count, epochs: epochs.count,
            growingEpochs: shapes.indices.filter { shapes[$0] == .growing || shapes[$0] == .tooShort || trends[$0].grows }.count,
            survivors: survivors?.survivors, oldestSurvivorSince: survivors?.oldestSince,
            oldestWaitMinutes: latestPoints.last { $0.waitMinutes != nil }?.waitMinutes?.upperBound,
            leakedMarks: all.reduce(0) { max($0, $1.leaked) })
    }

    /// Two decimals: enough to read, and stable in JSON across platforms.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
