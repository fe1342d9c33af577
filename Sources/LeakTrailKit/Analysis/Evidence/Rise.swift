import Foundation

/// Does a series of counts rise the way a leak does: a trend, kept, and still rising at the end?
///
/// The one test every verdict rule asks of a series — of raw counts, or of the goroutines that
/// persisted (``Persistence``). Each healthy shape fails a different question:
/// 1. *A trend?* Mann–Kendall over the whole series: flat pools, noise and bursts fail.
/// 2. *Kept?* The lowest value of the last sixth minus the lowest of the first third must reach
///    ``AnalysisOptions/minGrowth``: a sawtooth returns to its trough and fails, while a leak
///    that began late in the window passes.
/// 3. *Still rising?* The median of the last third must be above every value of the first two
///    thirds: a pool that filled to its bound, even one that jitters at the bound, fails.
public struct Rise: Hashable, Sendable {
    public var test: MannKendall
    /// Lowest value of the last sixth minus lowest of the first third.
    public var kept: Int
    /// Median of the last third, and the highest value before it.
    public var lateMedian: Int
    public var earlierHigh: Int
    /// Lowest value of the middle third and of the last third: the floor a leak lifts even
    /// under churn that swings the count.
    public var middleFloor: Int
    public var lateFloor: Int
    /// Theil–Sen slope, per hour.
    public var slopePerHour: Double
    /// Points and seconds covered.
    public var points: Int
    public var span: TimeInterval

    /// - Parameters:
    ///   - times: seconds, ascending.
    ///   - values: one per time.
    public init(times: [Double], values: [Int]) {
        precondition(times.count == values.count)
        points = values.count
        let span = (times.last ?? 0) - (times.first ?? 0)
        self.span = span
        test = MannKendall(values)
        slopePerHour = TheilSen.slope(times: times, values: values) * 3600
        let (first, middle, last) = Rise.thirds(times: times, values: values)
        let sixth = zip(times, values).filter { $0.0 - (times.first ?? 0) >= span * 5 / 6 }.map(\.1)
        kept = ((sixth.isEmpty ? last : sixth).min() ?? 0) - (first.min() ?? 0)
        lateMedian = Rise.median(last)
        earlierHigh = (first + middle).max() ?? Int.min
        middleFloor = middle.min() ?? 0
        lateFloor = last.min() ?? 0
    }

    /// All three questions answered yes, at `options`' significance and minimum growth.
    public func rises(_ options: AnalysisOptions) -> Bool {
        points >= 5 && test.pIncreasing <= options.significance && kept >= options.minGrowth
            && slopePerHour > 0 && stillRising
    }

    /// Question 3 alone.
    public var stillRising: Bool { lateMedian > earlierHigh }

    /// The floor rose from the middle third to the last: what is left after every swing is
    /// higher than before. A pool at its bound keeps its floor; a leak lifts it.
    public var floorRising: Bool { lateFloor > middleFloor }

    /// The values of the first, middle and last thirds of the time span (at least one point
    /// each when there are three or more).
    static func thirds(times: [Double], values: [Int]) -> ([Int], [Int], [Int]) {
        guard let t0 = times.first, let t1 = times.last, values.count >= 3, t1 > t0 else { return (values, [], []) }
        let third = (t1 - t0) / 3
        var a: [Int] = [], b: [Int] = [], c: [Int] = []
        for (t, v) in zip(times, values) {
            if t - t0 < third { a.append(v) } else if t - t0 < 2 * third { b.append(v) } else { c.append(v) }
        }
        return (a, b, c)
    }

    /// The middle value (the lower of the two middle ones for an even count): a count that
    /// is actually observed.
    static func median(_ x: [Int]) -> Int {
        guard !x.isEmpty else { return 0 }
        return x.sorted()[(x.count - 1) / 2]
    }
}
