import Foundation
@testable import LeakTrailKit

/// Realistic synthetic series for the analysis tests: the shapes production is full of,
/// captured at a fixed interval, with seeded noise so every run sees the same numbers.
enum AnalysisFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18T11:06:40Z

    /// A deterministic generator (SplitMix64), so "random" bursts are the same on every run.
    typealias Noise = SplitMix64

    /// `n` snapshots `every` seconds apart from `start`; `count(i, secondsSinceStart)`.
    static func series(_ n: Int, every: TimeInterval = 10, start: Date = t0, count: (Int, Double) -> Int) -> [SeriesPoint] {
        (0..<n).map { i in
            let t = Double(i) * every
            return SeriesPoint(time: start.addingTimeInterval(t), count: max(0, count(i, t)))
        }
    }

    static let leakFrames = [
        Frame(function: "runtime.gopark", file: "/usr/local/go/src/runtime/proc.go", line: 435),
        Frame(function: "runtime.chanrecv1", file: "/usr/local/go/src/runtime/chan.go", line: 489),
        Frame(function: "github.com/acme/shop/cart.(*Cart).watch", file: "/src/cart/cart.go", line: 88),
        Frame(function: "github.com/acme/shop/cart.New.gowrap1", file: "/src/cart/cart.go", line: 41),
        Frame(function: "runtime.goexit", file: "/usr/local/go/src/runtime/asm_amd64.s", line: 1700),
    ]
    static let leakCreator = CreatedBy(function: "github.com/acme/shop/cart.New", file: "/src/cart/cart.go", line: 41)

    static func history(
        _ epochs: [[SeriesPoint]], state: String = "chan receive", frames: [Frame] = leakFrames,
        createdBy: CreatedBy? = leakCreator, service: String = "shop", instance: String = "shop-1",
        signature: UInt64 = 0xfeed
    ) -> SignatureHistory {
        SignatureHistory(
            signature: StackSignature(value: signature), state: state, frames: frames, createdBy: createdBy,
            instances: [InstanceSeries(service: service, instance: instance, epochs: epochs)])
    }

    static func verdict(_ epochs: [[SeriesPoint]], state: String = "chan receive", options: AnalysisOptions = AnalysisOptions()) -> SignatureVerdict {
        LeakAnalyzer.analyze(history(epochs, state: state), options: options)
    }
}

extension SplitMix64 {
    /// A value in `range` (modulo bias is irrelevant for test noise).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`, to a millionth.
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}

/// Goroutines with lifetimes, captured as a traceback would be: counts and ids at each
/// capture, for the rules that follow ids.
struct Population {
    /// (id, born, dies): seconds since ``AnalysisFixtures/t0``; nil for never.
    var goroutines: [(id: Int, born: Double, dies: Double?)] = []
    private var nextID = 100

    /// One goroutine born at `born` living `life` seconds (nil: for ever).
    mutating func add(at born: Double, life: Double?) {
        goroutines.append((nextID, born, life.map { born + $0 }))
        nextID += 1
    }

    /// `n` captures `every` seconds apart.
    func captures(_ n: Int, every: Double = 10) -> [SeriesPoint] {
        (0..<n).map { i in
            let t = Double(i) * every
            let ids = goroutines.filter { $0.born <= t && ($0.dies.map { t < $0 } ?? true) }.map(\.id).sorted()
            return SeriesPoint(time: AnalysisFixtures.t0.addingTimeInterval(t), count: ids.count, goroutineIDs: ids)
        }
    }
}
