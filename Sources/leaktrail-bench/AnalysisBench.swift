// The analysis figure of issue 5: `leaks`/`trends` over 1,000 snapshots × 2,000 signatures
// must answer in under a second. Times LeakAnalyzer alone on synthetic histories of every
// shape (building the input is not timed; the store's query is measured by its own bench).
// Usage: leaktrail-bench analysis [--snapshots N] [--signatures N] [--runs N]
import Foundation
import LeakTrailKit

func runAnalysisBench(_ args: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
        return v
    }
    let snapshots = option("--snapshots", 1000)
    let signatures = option("--signatures", 2000)
    let runs = option("--runs", 5)
    let histories = syntheticHistories(snapshots: snapshots, signatures: signatures)
    var times: [Double] = []
    var flagged = 0
    for _ in 0..<runs {
        let (verdicts, seconds) = BenchClock.timed { LeakAnalyzer.analyze(histories: histories) }
        times.append(seconds)
        flagged = verdicts.filter { $0.verdict != .ok }.count
    }
    times.sort()
    let median = times[times.count / 2]
    print(String(format: "analysis: %d snapshots × %d signatures (%d points): median %.3f s, min %.3f s over %d runs; %d flagged (%d planted leaks)",
                 snapshots, signatures, snapshots * signatures, median, times[0], runs, flagged, signatures / 50))
    storeToVerdicts(histories, runs: runs)
}

/// `leaks` end to end minus process start: the store query, the analyzer and the JSON
/// contract, on a store holding the same series (count rows; ids are read from at most 24
/// snapshots per instance, so they do not change the figure's order).
private func storeToVerdicts(_ histories: [SignatureHistory], runs: Int) {
    let snapshots = histories.first?.instances.first?.epochs.first?.count ?? 0
    let path = "/tmp/leaktrail-analysis-bench-\(snapshots)x\(histories.count).sqlite"
    do {
        let fresh = !FileManager.default.fileExists(atPath: path)
        let store = try LeakStore(path: path)
        if fresh {
            let frames = histories.map { h in [Frame(function: "github.com/acme/svc.worker\(h.signature.value)", file: "worker.go", line: 12)] }
            for i in 0..<snapshots {
                var sink = BatchingSink()
                sink.beginSnapshot(format: .debug1, profile: "goroutine", startLine: 1, time: nil)
                for (h, f) in zip(histories, frames) where h.instances[0].epochs[0][i].count > 0 {
                    sink.record(ProfileRecord(count: h.instances[0].epochs[0][i].count, frames: f), signatures: StackSignatures.of(f))
                }
                sink.endSnapshot(declaredTotal: nil)
                let time = histories[0].instances[0].epochs[0][i].time
                let batches = sink.snapshots.map { s in
                    SnapshotBatch(format: s.format, profile: s.profile, startLine: 1, time: time, timeSource: .fileName, declaredTotal: nil,
                                  issues: [], goroutineTotal: s.goroutineTotal, truncated: false, counts: s.counts, goroutines: s.goroutines)
                }
                _ = try store.commit(FileBatch(path: "analysis-\(i).txt", service: "svc", instance: "svc-1",
                                               contentHash: ContentHash.of(Array("analysis \(i)".utf8)), bytes: 0,
                                               snapshots: batches, stacks: sink.stacks, looseIssues: []))
            }
            try store.checkpoint()
        }
        var query: [Double] = []
        var total: [Double] = []
        var trends: [Double] = []
        for _ in 0..<runs {
            let (loaded, loading) = try BenchClock.timed { try store.histories() }
            let listing = try BenchClock.timed { try VerdictListings.leaks(LeakAnalyzer.run(histories: loaded)).json }.seconds
            query.append(loading)
            total.append(loading + listing)
        }
        for _ in 0..<runs {
            trends.append(try BenchClock.timed {
                let loaded = try store.histories()
                return VerdictListings.trends(LeakAnalyzer.analyze(histories: loaded), histories: loaded).json
            }.seconds)
        }
        print(String(format: "analysis: store query + analysis + JSON (leaks), %d snapshots × %d signatures: median %.3f s (query %.3f s)",
                     snapshots, histories.count, total.sorted()[runs / 2], query.sorted()[runs / 2]))
        print(String(format: "analysis: store query + analysis + JSON (trends, every series): median %.3f s", trends.sorted()[runs / 2])
              + "; load average " + loadAverage())
    } catch {
        print("analysis: store bench failed: \(error)")
    }
}

/// One instance, `snapshots` captures 10 s apart; one signature in 50 leaks, the others are
/// flat pools, filled pools, sawtooth batches and bursts. The last 256 ids are kept per point
/// of the leaking and pool signatures, as a traceback capture would.
private func syntheticHistories(snapshots: Int, signatures: Int) -> [SignatureHistory] {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    let frames = [Frame(function: "runtime.gopark", file: "proc.go", line: 435),
                  Frame(function: "runtime.chanrecv1", file: "chan.go", line: 489),
                  Frame(function: "github.com/acme/svc.worker", file: "worker.go", line: 12)]
    var seed: UInt64 = 42
    func random(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    return (0..<signatures).map { s in
        let points: [SeriesPoint] = (0..<snapshots).map { i in
            let count: Int
            switch s % 50 {
            case 0: count = i / 3 + random(3)
            case 1...10: count = min(40, i) - random(3)
            case 11...20: count = (i % 12) * 3
            case 21...30: count = random(10) == 0 ? 20 + random(40) : random(3)
            default: count = 8 - random(2)
            }
            let ids: [Int]? = s % 50 <= 10 ? Array(max(0, count - 256)..<max(0, count)) : nil
            return SeriesPoint(time: t0.addingTimeInterval(Double(i) * 10), count: max(0, count), goroutineIDs: ids)
        }
        return SignatureHistory(signature: StackSignature(value: UInt64(s)), state: "chan receive", frames: frames, createdBy: nil,
                                instances: [InstanceSeries(service: "svc", instance: "svc-1", epochs: [points])])
    }
}

/// The 1-minute load average, for reading the figures: this machine is shared.
private func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}
