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
        let start = DispatchTime.now().uptimeNanoseconds
        let verdicts = LeakAnalyzer.analyze(histories: histories)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        flagged = verdicts.filter { $0.verdict != .ok }.count
    }
    times.sort()
    let median = times[times.count / 2]
    print(String(format: "analysis: %d snapshots × %d signatures (%d points): median %.3f s, min %.3f s over %d runs; %d flagged (%d planted leaks)",
                 snapshots, signatures, snapshots * signatures, median, times[0], runs, flagged, signatures / 50))
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
