import Foundation

/// The statistics of one process epoch of one signature, and the shape they imply — what
/// `trends` and the report say a series looks like (growing, levelling, stopped, flat). The
/// verdict is not decided here: ``InstanceAssessment`` reads ``Rise`` and ``Persistence``,
/// because a count's shape cannot tell a leak from turnover.
///
/// Three questions are asked, because each healthy shape fails a different one:
/// 1. Is there a monotonic trend? (Mann–Kendall over the epoch.) Flat pools, noise and
///    bursts fail.
/// 2. Were the gained goroutines kept? The lowest count of the last sixth of the window
///    minus the lowest count of the first third. A sawtooth returns to its trough again and
///    again and fails, however steep its teeth; a leak that began late in the window passes.
/// 3. Does the growth persist to the end? The last third must make a new high over everything
///    before it, end at or above that earlier high, and keep rising. A pool that filled to
///    its bound and stayed fails.
public struct EpochTrend: Hashable, Sendable {
    public var snapshots: Int
    /// Seconds from the first to the last snapshot.
    public var span: TimeInterval
    public var test: MannKendall
    /// Theil–Sen slope over the epoch, goroutines per hour.
    public var slopePerHour: Double
    /// Lowest count of the last sixth minus lowest count of the first third.
    public var retainedGrowth: Int
    /// Mann–Kendall over the last third of the window.
    public var recentTest: MannKendall
    public var recentSlopePerHour: Double
    /// The last third rose above every count before it by more than the series' typical
    /// step from one capture to the next, and the last count is still at least that high.
    public var newHighLate: Bool
    /// No count of the last third is below the one before it.
    public var lateNeverFalls: Bool
    /// No count fell below the highest level once it was reached: a leak that grows in steps
    /// waits at each step, a pool at its bound gives a few back.
    public var heldHighest: Bool
    /// Share of the window since the highest (median-of-3 smoothed) count was first reached.
    public var sinceHighest: Double

    public init(_ points: [SeriesPoint]) {
        let start = points.first?.time ?? Date(timeIntervalSince1970: 0)
        let times = points.map { $0.time.timeIntervalSince(start) }
        let counts = points.map(\.count)
        self.init(points, rise: Rise(times: times, values: counts))
    }

    /// The shape of `points`, reusing the trend test and slope `rise` already computed over
    /// the same counts (they are the analysis's largest cost).
    init(_ points: [SeriesPoint], rise: Rise) {
        snapshots = points.count
        let start = points.first?.time ?? Date(timeIntervalSince1970: 0)
        let times = points.map { $0.time.timeIntervalSince(start) }
        let counts = points.map(\.count)
        let total = times.last ?? 0
        span = total
        test = rise.test
        slopePerHour = rise.slopePerHour
        let firstThirdEnd = times.firstIndex { $0 > total / 3 } ?? counts.count
        let lastThirdStart = times.firstIndex { $0 >= total * 2 / 3 } ?? counts.count
        let lastSixthStart = times.firstIndex { $0 >= total * 5 / 6 } ?? counts.count
        let early = counts[..<min(counts.count, max(1, firstThirdEnd))]
        let late = counts[min(lastThirdStart, max(0, counts.count - 1))...]
        let end = counts[min(lastSixthStart, max(0, counts.count - 1))...]
        retainedGrowth = (end.min() ?? 0) - (early.min() ?? 0)
        let lateStart = late.startIndex
        recentTest = MannKendall(late)
        lateNeverFalls = zip(late, late.dropFirst()).allSatisfy { $0 <= $1 }
        let smooth = EpochTrend.medianOf3(counts)
        let highBefore = smooth[..<lateStart].max() ?? Int.min
        let margin = max(1, EpochTrend.typicalStep(counts))
        newHighLate = (smooth[lateStart...].max() ?? Int.min) >= highBefore + margin && (counts.last ?? 0) >= highBefore
        // Only a new high makes the recent slope matter; most signatures never pay for it.
        recentSlopePerHour = newHighLate ? TheilSen.slope(times: Array(times[lateStart...]), values: Array(late)) * 3600 : 0
        let highest = smooth.max() ?? 0
        let first = smooth.firstIndex(of: highest) ?? 0
        let reached = times.isEmpty ? 0 : times[first]
        heldHighest = counts[first...].allSatisfy { $0 >= highest }
        sinceHighest = total > 0 ? (total - reached) / total : 1
    }

    /// The shape under the evidence required by `options`.
    public func shape(_ options: AnalysisOptions) -> GrowthShape {
        let rose = test.pIncreasing <= options.significance && retainedGrowth >= options.minGrowth && slopePerHour > 0
        let enough = snapshots >= options.minSnapshots && span >= options.minSpan
        if !enough {
            let hint = test.pIncreasing <= 0.05 && retainedGrowth >= options.minGrowth && slopePerHour > 0
            return hint && persists ? .tooShort : .flat
        }
        guard rose else { return .flat }
        guard newHighLate else { return .stopped }
        if persists && reachedLate { return .growing }
        return persists && sinceHighest <= 1.0 / 3 ? .levelling : .stopped
    }

    /// The highest level was reached in the last sixth of the window, or in the last third
    /// and held since (a step of a slow leak).
    var reachedLate: Bool {
        sinceHighest <= 1.0 / 6 || heldHighest && sinceHighest <= 1.0 / 3
    }

    /// The last third still rises by itself: a rank trend (Mann–Kendall at 10%) and a median
    /// slope that does not fall; with fewer than six points there, where the test cannot
    /// reach 10%, a positive slope. A slow leak that grows in steps may show no step in the
    /// last third at all; having just made a new high and never falling since counts too.
    /// Jitter on a plateau rarely passes any of these.
    var persists: Bool {
        guard newHighLate else { return false }
        if lateNeverFalls { return true }
        if recentTest.n < 6 { return recentSlopePerHour > 0 }
        return recentTest.pIncreasing <= 0.1 && recentSlopePerHour >= 0
    }

    /// The median absolute change between consecutive captures: the size of the jitter a new
    /// high must beat. 0 for a series that moves in single steps or not at all.
    static func typicalStep(_ x: [Int]) -> Int {
        guard x.count >= 2 else { return 0 }
        var steps = (1..<x.count).map { abs(x[$0] - x[$0 - 1]) }
        return Int(TheilSen.median(&steps).rounded(.down))
    }

    /// A running median of three, ends kept: one capture taken mid-burst must not count as
    /// the series' high, while a monotonic series is left unchanged.
    static func medianOf3(_ x: [Int]) -> [Int] {
        guard x.count >= 3 else { return x }
        var out = x
        for i in 1..<(x.count - 1) {
            let a = x[i - 1], b = x[i], c = x[i + 1]
            out[i] = max(min(a, b), min(max(a, b), c))
        }
        return out
    }
}
