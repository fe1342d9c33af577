import Foundation

/// The Mann–Kendall test: is there a monotonic trend in a series, whatever its shape?
///
/// It compares every later value with every earlier one and counts rises minus falls (`S`),
/// so it cares only about order, not size: a single burst cannot fake a trend and a slow,
/// steady leak of one goroutine at a time is found as surely as a fast one. Ties (a count
/// that does not change, the common case) are corrected for in the variance; the p-value
/// uses the normal approximation with continuity correction, which is adequate from about
/// ten points (fewer points simply rarely reach significance).
///
/// `S` is computed in O(n log n) with a Fenwick tree over value ranks rather than the
/// textbook O(n²) double loop, because a store can hand over thousands of snapshots for
/// thousands of signatures.
public struct MannKendall: Hashable, Sendable {
    /// Points in the series (summed over series for a combined test).
    public var n: Int
    /// Pairs that rise minus pairs that fall.
    public var s: Int
    /// Var(S) under "no trend", tie-corrected: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18.
    public var variance: Double

    public init(n: Int, s: Int, variance: Double) {
        self.n = n
        self.s = s
        self.variance = variance
    }

    /// Tests a series of counts in time order.
    public init<C: Collection>(_ values: C) where C.Element == Int {
        let x = Array(values)
        n = x.count
        guard n >= 2 else {
            s = 0
            variance = 0
            return
        }
        let (ranks, distinct, ties) = MannKendall.ranksAndTies(x)
        let nd = Double(n)
        variance = (nd * (nd - 1) * (2 * nd + 5) - ties) / 18
        s = MannKendall.riseMinusFall(ranks, distinct: distinct)
    }

    /// The test of several independent series taken together (the epochs of a restarted
    /// process, or seasons): S and Var(S) add up, so one leak seen in every epoch gains
    /// significance instead of being judged epoch by epoch.
    public static func combined(_ tests: [MannKendall]) -> MannKendall {
        MannKendall(n: tests.reduce(0) { $0 + $1.n }, s: tests.reduce(0) { $0 + $1.s },
                    variance: tests.reduce(0) { $0 + $1.variance })
    }

    /// The standard score, continuity-corrected: (S − 1)/σ for S > 0, (S + 1)/σ for S < 0.
    public var z: Double {
        guard variance > 0, s != 0 else { return 0 }
        let sd = variance.squareRoot()
        return s > 0 ? Double(s - 1) / sd : Double(s + 1) / sd
    }

    /// Probability of a rise at least this strong if there were no trend (one-sided, upward).
    /// 1 when the series carries no information (fewer than three points or all equal).
    public var pIncreasing: Double {
        guard n >= 3, variance > 0 else { return 1 }
        return 0.5 * erfc(z / 2.0.squareRoot())
    }

    /// Two-sided p-value: a trend in either direction.
    public var pTwoSided: Double {
        guard n >= 3, variance > 0 else { return 1 }
        return erfc(abs(z) / 2.0.squareRoot())
    }

    /// Kendall's tau-a in −1…1: how consistently the series moves one way.
    public var tau: Double {
        n < 2 ? 0 : Double(s) / (Double(n) * Double(n - 1) / 2)
    }

    /// Each value's rank among the distinct values (1-based), how many distinct values there
    /// are, and Σ t(t−1)(2t+5) over groups of equal values. Counts usually span a small range,
    /// so they are tallied rather than sorted.
    private static func ranksAndTies(_ x: [Int]) -> ([Int], Int, Double) {
        var ties = 0.0
        guard let lo = x.min(), let hi = x.max() else { return ([], 0, 0) }
        if hi - lo <= 4 * x.count {
            var tally = [Int](repeating: 0, count: hi - lo + 1)
            for v in x { tally[v - lo] += 1 }
            var distinct = 0
            for (offset, t) in tally.enumerated() where t > 0 {
                distinct += 1
                if t > 1 { ties += tieTerm(t) }
                tally[offset] = distinct
            }
            return (x.map { tally[$0 - lo] }, distinct, ties)
        }
        let sorted = x.sorted()
        var values: [Int] = []
        var run = 0
        for (i, v) in sorted.enumerated() {
            if i > 0 && v == sorted[i - 1] {
                run += 1
            } else {
                if run > 1 { ties += tieTerm(run) }
                run = 1
                values.append(v)
            }
        }
        if run > 1 { ties += tieTerm(run) }
        return (x.map { rank(of: $0, in: values) + 1 }, values.count, ties)
    }

    private static func tieTerm(_ t: Int) -> Double {
        let t = Double(t)
        return t * (t - 1) * (2 * t + 5)
    }

    /// Σ over j of (earlier values below x[j]) − (earlier values above x[j]), from ranks.
    private static func riseMinusFall(_ ranks: [Int], distinct: Int) -> Int {
        var tree = [Int](repeating: 0, count: distinct + 1)
        // Earlier values equal to each rank: "at or below" is "below" plus these, one
        // tree walk fewer per value.
        var equal = [Int](repeating: 0, count: distinct + 1)
        var total = 0
        for (j, rank) in ranks.enumerated() {
            var below = 0
            var i = rank - 1
            while i > 0 { below += tree[i]; i -= i & -i }
            total += below - (j - below - equal[rank])
            equal[rank] += 1
            i = rank
            while i < tree.count { tree[i] += 1; i += i & -i }
        }
        return total
    }

    private static func rank(of v: Int, in distinct: [Int]) -> Int {
        var lo = 0
        var hi = distinct.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if distinct[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
