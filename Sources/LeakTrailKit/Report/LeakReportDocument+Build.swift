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
        coverage = InstanceCoverage.of(histories, options: context.options)
        summary = Self.summary(context, findings: findings, lacking: coverage.filter { !$0.enough }.count)
    }

    static func sortedSeries(_ series: [InstanceSeries]) -> [InstanceSeries] {
        series.sorted { ($0.service, $0.instance) < ($1.service, $1.instance) }
    }

    static func summary(_ context: LeakReportContext, findings: [Finding], lacking: Int) -> Summary {
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
            stuck: findings.filter { $0.verdict.verdict == .stuck }.count, lacking: lacking,
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
        let span = ReportFormat.duration(o.minSpan)
        let lag = ReportFormat.duration(o.minLag)
        return [
            "Goroutines are grouped by stack signature (level \(level.rawValue): \(level == .line ? "function and file:line of every frame" : "function names only")) and counted in every snapshot; a signature absent from a snapshot counts 0 there. Each instance is judged on its own states, waits, ids and counts, never another instance's, and a process restart starts a new series (epoch).",
            "No verdict is given on too little data: an instance needs \(o.minSnapshots) snapshots over \(span) in one epoch (\(ReportFormat.duration(o.countsOnlySpan)) when its captures carry counts only), and the report names the instances that had less.",
            "A leak keeps what it gains. Where captures carry goroutine ids (debug=2 tracebacks, runtime.Stack, SIGQUIT), a goroutine still present \(lag) later (or a quarter of the window, if longer) persisted; the number of goroutines that persisted must rise (Mann–Kendall, one-sided p ≤ \(ReportFormat.decimal(o.significance, places: 3))), keep at least \(o.minGrowth) of its gains, and still be rising at the end, and the gains must come at three moments or more. Growth whose goroutines do not persist — requests under rising load, batches sampled in step with their release — is turnover: ok, however steep. On counts alone (debug=1, protobuf) the count must rise the same way, almost never fall, over \(ReportFormat.duration(o.countsOnlySpan)); such a verdict says it rests on counts. A leak that grows again after every restart adds up its epochs' evidence.",
            "Goroutines marked (leaked) by the runtime, or found in a goroutineleak profile, are a leak outright. A fixed set of goroutines on a lock (mutex, RWMutex, semaphore) that keep the same ids and keep ageing for \(o.stuckMinutes) minutes or more is stuck — a deadlock, a finding of its own. A fixed set parked on a channel, a condition, select {}, a signal, I/O or a sleep is a fixed cost: ok.",
            "Confidence is 1 − p, scaled from half to full credit as the evidence grows from the minimum to twice the minimum; counts alone earn at most 0.8. The culprit is the first frame outside the Go runtime and standard library\(o.modulePrefixes.isEmpty ? "" : " (user modules: \(o.modulePrefixes.sorted().joined(separator: ", ")))"), else the goroutine's entry point (net/http.(*persistConn).readLoop, not internal/poll). Memory is an estimate of stack size: 512 bytes per frame, at least 8 KiB, rounded up to a power of two. The +24 h projection adds 24 hours of the growth rate to the latest count.",
        ]
    }
}
