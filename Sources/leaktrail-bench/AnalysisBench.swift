// The analysis figures: `leaks`/`trends` over 1,000 snapshots × 2,000 signatures must answer
// in under a second (issue 5); `leaks` over 10,000 × 1,000 (10 M points) in under 2 s and
// 200 MB (issue 15). Times LeakAnalyzer alone on synthetic histories of every shape, then
// `leaks` on a store of the same series, in process and as a whole process.
// Usage: leaktrail-bench analysis [--snapshots N] [--signatures N] [--runs N]
//        (the 10 M-point store: --snapshots 10000 --signatures 1000)
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
    // Every series in memory at once is what the store path avoids; past a few million points
    // (the 10 M-point store) only the store path is timed.
    if snapshots * signatures <= 4_000_000 {
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
    }
    storeToVerdicts(snapshots: snapshots, signatures: signatures, runs: runs)
}

/// `leaks` on a store of count rows (a `debug=1` capture every 10 s of one instance): in
/// process (store query, analysis, JSON), then as a whole process (`leaktrail leaks --format
/// json`), with its peak RSS. The store is made once and cached under /tmp.
private func storeToVerdicts(snapshots: Int, signatures: Int, runs: Int) {
    let path = "/tmp/leaktrail-bench/analysis-\(snapshots)x\(signatures).sqlite"
    do {
        try FileManager.default.createDirectory(atPath: "/tmp/leaktrail-bench", withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { try makeStore(path, snapshots: snapshots, signatures: signatures) }
        let store = try LeakStore(path: path)
        var total: [Double] = []
        var flagged = 0
        for _ in 0..<runs {
            let (analysis, seconds) = try BenchClock.timed { try store.analysis() }
            total.append(seconds + (try BenchClock.timed { try VerdictListings.leaks(analysis).json }.seconds))
            flagged = analysis.flagged.count
        }
        print(String(format: "analysis: store query + analysis + JSON (leaks), %d snapshots × %d signatures: median %.3f s; %d flagged (%d planted leaks)",
                     snapshots, signatures, total.sorted()[runs / 2], flagged, signatures / 50))
        if snapshots * signatures <= 4_000_000 {
            var trends: [Double] = []
            for _ in 0..<runs {
                trends.append(try BenchClock.timed {
                    let loaded = try store.histories()
                    return VerdictListings.trends(LeakAnalyzer.analyze(histories: loaded), histories: loaded).json
                }.seconds)
            }
            print(String(format: "analysis: store query + analysis + JSON (trends, every series): median %.3f s", trends.sorted()[runs / 2]))
        }
        wholeProcessLeaks(db: path, runs: runs)
    } catch {
        print("analysis: store bench failed: \(error)")
    }
}

/// `leaktrail leaks --db DB --format json` as a user runs it: median of `runs` after one
/// warm-up, and the peak RSS of one more run.
func wholeProcessLeaks(db: String, runs: Int) {
    let command = [BenchBinary.leaktrail, "leaks", "--db", db, "--format", "json"]
    _ = ChildRun.run(command)
    var times: [Double] = []
    var status: Int32 = 0
    for _ in 0..<runs {
        let r = ChildRun.run(command)
        times.append(r.seconds)
        status = r.status
    }
    let rss = ChildRun.peakRSSMegabytes(command).map { "\($0) MB" } ?? "?"
    print(String(format: "analysis: `leaktrail leaks --db %@ --format json`: median %.3f s (%.3f–%.3f), exit %d, peak RSS %@; load average %@",
                 db, AgainstMD5.median(times), times.min() ?? 0, times.max() ?? 0, status, rss, BenchMachine.loadAverage))
}

/// Writes the store: `snapshots` captures of instance svc-1, one file each, the counts of
/// ``syntheticCount(_:_:)``.
private func makeStore(_ path: String, snapshots: Int, signatures: Int) throws {
    let store = try LeakStore(path: path + ".partial")
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    let frames = (0..<signatures).map { s in [Frame(function: "github.com/acme/svc.worker\(s)", file: "worker.go", line: 12)] }
    let keys = frames.map { StackSignatures.of($0) }
    for i in 0..<snapshots {
        var sink = BatchingSink()
        sink.beginSnapshot(format: .debug1, profile: "goroutine", startLine: 1, time: nil)
        for s in 0..<signatures {
            let count = syntheticCount(s, i)
            if count > 0 { sink.record(ProfileRecord(count: count, frames: frames[s]), signatures: keys[s]) }
        }
        sink.endSnapshot(declaredTotal: nil)
        let batches = sink.snapshots.map { b in
            SnapshotBatch(format: b.format, profile: b.profile, startLine: 1, time: t0.addingTimeInterval(Double(i) * 10), timeSource: .fileName,
                          declaredTotal: nil, issues: [], goroutineTotal: b.goroutineTotal, truncated: false, counts: b.counts, goroutines: b.goroutines)
        }
        _ = try store.commit(FileBatch(path: "analysis-\(i).txt", service: "svc", instance: "svc-1",
                                       contentHash: ContentHash.of(Array("analysis \(i)".utf8)), bytes: 0,
                                       snapshots: batches, stacks: sink.stacks, looseIssues: []))
    }
    try store.checkpoint()
    try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
}

/// Signature `s` at capture `i`: one signature in 50 leaks (a goroutine every 30 s), the
/// others are pools that fill and stay, sawtooth batches, bursts and flat pools.
func syntheticCount(_ s: Int, _ i: Int) -> Int {
    var h = UInt64(truncatingIfNeeded: s &* 1_000_003 &+ i) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    func random(_ n: Int) -> Int { Int(h % UInt64(n)) }
    switch s % 50 {
    case 0: return i / 3 + random(3)
    case 1...10: return max(0, min(40, i) - random(3))
    case 11...20: return (i % 12) * 3
    case 21...30: return random(10) == 0 ? 20 + random(40) : random(3)
    default: return 8 - random(2)
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
    return (0..<signatures).map { s in
        let points: [SeriesPoint] = (0..<snapshots).map { i in
            let count = syntheticCount(s, i)
            let ids: [Int]? = s % 50 <= 10 ? Array(max(0, count - 256)..<max(0, count)) : nil
            return SeriesPoint(time: t0.addingTimeInterval(Double(i) * 10), count: max(0, count), goroutineIDs: ids)
        }
        return SignatureHistory(signature: StackSignature(value: UInt64(s)), state: "chan receive", frames: frames, createdBy: nil,
                                instances: [InstanceSeries(service: "svc", instance: "svc-1", epochs: [points])])
    }
}
