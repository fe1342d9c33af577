import Foundation

extension LeakReportDocument {
    /// Assembles the report from the analyzer's verdicts, the histories they were judged on
    /// (for the charts) and the context (captures, thresholds, clock, version).
    /// - Parameter verdicts: in the analyzer's order, most serious first; `ok` ones included.
    public init(verdicts: [SignatureVerdict], histories: [SignatureHistory], context: LeakReportContext) {
        let bySignature = Dictionary(histories.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        let flagged = verdicts.filter { $0.verdict != .ok }
        findings = flagged.map { v in
            // The verdict's frames, not the history's: those are the signature itself, while the
            // runtime frames around them depend on which capture format the store kept.
            Finding(verdict: v, series: Self.sortedSeries(bySignature[v.signature]?.instances ?? []))
        }
        healthy = Self.healthy(verdicts.filter { $0.verdict == .ok }, bySignature, limit: context.healthyLimit)
        method = Method(options: context.options, paragraphs: Self.methodParagraphs(context.options, level: context.level))
        self.verdicts = verdicts
        summary = Self.summary(context, findings: findings)
    }

    static func sortedSeries(_ series: [InstanceSeries]) -> [InstanceSeries] {
        series.sorted { ($0.service, $0.instance) < ($1.service, $1.instance) }
    }

    static func summary(_ context: LeakReportContext, findings: [Finding]) -> Summary {
        let perInstance = Dictionary(grouping: context.captures) { InstanceKey(service: $0.service, instance: $0.instance) }
        let instances = perInstance.keys.sorted().map { key in
            instanceFacts(key, perInstance[key] ?? [])
        }
        let times = context.captures.map(\.time)
        return Summary(
            source: context.source, filters: context.filters,
            services: Set(context.captures.map(\.service)).sorted(), instances: instances,
            from: times.min(), to: times.max(), snapshots: context.captures.count,
            captures: instances.reduce(0) { $0 + $1.captures },
            goroutinesFirst: instances.reduce(0) { $0 + $1.goroutinesFirst },
            goroutinesLast: instances.reduce(0) { $0 + $1.goroutinesLast },
            leaks: findings.filter { $0.verdict.verdict == .leak }.count,
            suspects: findings.filter { $0.verdict.verdict == .suspect }.count,
            memoryBytes: findings.reduce(0) { $0 + $1.memoryBytes },
            generatedAt: context.now, toolVersion: context.toolVersion, level: context.level)
    }

    struct InstanceKey: Hashable, Comparable {
        var service: String
        var instance: String
        static func < (a: Self, b: Self) -> Bool { (a.service, a.instance) < (b.service, b.instance) }
    }

    /// One capture stored in several formats is one moment: its largest total counts.
    static func instanceFacts(_ key: InstanceKey, _ captures: [LeakReportContext.Capture]) -> InstanceFacts {
        let byTime = Dictionary(grouping: captures, by: \.time).mapValues { $0.map(\.goroutines).max() ?? 0 }
        let times = byTime.keys.sorted()
        return InstanceFacts(
            service: key.service, instance: key.instance, captures: times.count,
            epochs: Set(captures.map(\.epoch)).count,
            goroutinesFirst: times.first.flatMap { byTime[$0] } ?? 0,
            goroutinesLast: times.last.flatMap { byTime[$0] } ?? 0)
    }

    static func healthy(_ ok: [SignatureVerdict], _ histories: [StackSignature: SignatureHistory], limit: Int) -> [Healthy] {
        let ranked = ok.sorted { a, b in
            a.lastCount != b.lastCount ? a.lastCount > b.lastCount : a.signature < b.signature
        }
        return ranked.prefix(max(0, limit)).map { v in
            let series = sortedSeries(histories[v.signature]?.instances ?? [])
            let largest = v.instances.filter { $0.firstSeen != nil }
                .sorted { a, b in a.lastCount != b.lastCount ? a.lastCount > b.lastCount : (a.service, a.instance) < (b.service, b.instance) }
                .first
            let shown = series.first { $0.service == largest?.service && $0.instance == largest?.instance } ?? series.first
            return Healthy(
                signature: v.signature, state: v.state, culprit: v.culprit, lastCount: v.lastCount,
                peakPerInstance: series.flatMap { $0.epochs.joined() }.map(\.count).max() ?? v.lastCount,
                instances: v.instances.filter { $0.firstSeen != nil }.count,
                shape: largest?.shape ?? .flat,
                counts: shown.map(ReportSeries.counts) ?? [])
        }
    }

    static func methodParagraphs(_ o: AnalysisOptions, level: SignatureLevel) -> [String] {
        let spanText = ReportFormat.duration(o.minSpan)
        return [
            "Goroutines are grouped by stack signature (level \(level.rawValue): \(level == .line ? "function and file:line of every frame" : "function names only")) and counted in every snapshot; a signature absent from a snapshot counts 0 there. Each instance is judged on its own, and a process restart starts a new series (epoch).",
            "Growth is a leak when, within one epoch of at least \(o.minSnapshots) snapshots over at least \(spanText), the Mann–Kendall trend test finds a rise (one-sided p ≤ \(ReportFormat.decimal(o.significance, places: 3))), at least \(o.minGrowth) goroutines gained early were still there at the end (a sawtooth gives them back), and the last third of the window still makes new highs (a pool that filled up and stayed does not). The slope is the Theil–Sen median of pairwise slopes, robust to bursts. A leak that grows again after every restart adds up its epochs' evidence.",
            "A rise that levelled off recently, or growth on too little data, is a suspect. Goroutines marked (leaked) by the runtime, or found in a goroutineleak profile, are a leak outright. A flat count whose goroutines keep the same ids and keep ageing, on a lock or channel send, is stuck: a leak once the youngest has waited \(o.stuckMinutes) minutes.",
            "Confidence is 1 − p, scaled from half to full credit as the evidence grows from the minimum to twice the minimum. The culprit is the first frame outside the Go runtime and standard library\(o.modulePrefixes.isEmpty ? "" : " (user modules: \(o.modulePrefixes.sorted().joined(separator: ", ")))"). Memory is an estimate of stack size: 512 bytes per frame, at least 8 KiB, rounded up to a power of two. The +24 h projection adds 24 hours of the current growth rate to the latest count.",
        ]
    }
}
