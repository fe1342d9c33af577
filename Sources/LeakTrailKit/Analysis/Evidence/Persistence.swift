import Foundation

/// What goroutine ids say about one signature in one process epoch: do the goroutines it
/// gains stay?
///
/// A leak keeps every goroutine it gains, and they age with the window. In-flight requests
/// under a rising load, and a batch released on a period that aliases with the capture
/// interval, can climb just as steadily — but their goroutines are gone a few captures later.
/// Go never reuses a goroutine id within a process, so an id present at two times is the same
/// goroutine, present in between.
///
/// Two horizons, because two questions are asked:
/// - the **lag** (``AnalysisOptions/minLag`` at least, a quarter of the window, two capture
///   intervals): a goroutine still present a lag later *persisted*. The series of survivors
///   over the lag is the persisting part of the population, and a leak is judged on it — churn
///   beside a leak on the same stack (healthy connections beside leaked ones) drops out;
/// - the **short lag** (two capture intervals, at least 30 s): did *every* goroutine gained
///   since the start of the epoch stay to its end? The weaker evidence a short epoch of a
///   restarting process can give, added up over epochs.
public struct Persistence: Hashable, Sendable {
    public var lag: TimeInterval
    public var shortLag: TimeInterval
    /// Points whose goroutine ids were read.
    public var idPoints: Int
    /// Survivors over the lag, at every id point at least a lag after the first: seconds since
    /// the epoch's first point, and how many of the point's goroutines were already present at
    /// the last id point at least a lag earlier.
    public var survivorTimes: [Double]
    public var survivors: [Int]
    /// Goroutines of the last id point first seen after the first id point and at least a lag
    /// before the last: gains that were kept.
    public var keptGains: Int
    /// How many distinct id points those kept gains were first seen at: a leak gains at many
    /// moments, a one-off step (a reload starting a fixed set) at one.
    public var cohorts: Int
    /// Of the goroutines present at the last id point at least a lag before the end, how many
    /// are still present at the end.
    public var persisted: Int
    public var persistedOf: Int
    /// Goroutines first seen after the first id point and at least a short lag before the
    /// end, how many of them are present at the end, and at how many moments those appeared.
    public var gainedShort: Int
    public var keptShort: Int
    public var cohortsShort: Int

    /// Nil when fewer than five points of the epoch carry ids: too few to follow goroutines.
    /// - Parameters:
    ///   - points: one epoch, ascending in time.
    ///   - cadence: the typical seconds between captures of the instance.
    public init?(_ points: [SeriesPoint], cadence: TimeInterval, options: AnalysisOptions) {
        let withIDs = points.filter { $0.goroutineIDs != nil }
        guard withIDs.count >= 5, let start = points.first?.time, let first = withIDs.first, let last = withIDs.last else { return nil }
        let span = last.time.timeIntervalSince(start)
        idPoints = withIDs.count
        let lag = max(2 * cadence, span / 4, options.minLag)
        let shortLag = max(2 * cadence, 30)
        self.lag = lag
        self.shortLag = shortLag
        let firstSeen = Persistence.firstSeen(withIDs)
        let lastIDs = last.goroutineIDs ?? []
        (survivorTimes, survivors) = Persistence.survivorSeries(withIDs, start: start, lag: lag)
        let kept = lastIDs.compactMap { id -> Date? in
            guard let t = firstSeen[id], t > first.time, last.time.timeIntervalSince(t) >= lag else { return nil }
            return t
        }
        keptGains = kept.count
        cohorts = Set(kept).count
        let reference = withIDs.last { last.time.timeIntervalSince($0.time) >= lag }?.goroutineIDs ?? []
        persisted = Persistence.common(reference, lastIDs)
        persistedOf = reference.count
        let gained = firstSeen.filter { $0.value > first.time && last.time.timeIntervalSince($0.value) >= shortLag }
        let keptShortTimes = lastIDs.compactMap { gained[$0] }
        gainedShort = gained.count
        keptShort = keptShortTimes.count
        cohortsShort = Set(keptShortTimes).count
    }

    /// Share of the goroutines present a lag before the end that are still present; nil when
    /// there were none.
    public var persistedShare: Double? {
        persistedOf == 0 ? nil : Double(persisted) / Double(persistedOf)
    }

    /// Every goroutine gained over the epoch (a short lag before its end) is still there.
    public var keepsAllGains: Bool {
        gainedShort > 0 && Double(keptShort) >= 0.9 * Double(gainedShort)
    }

    /// The survivors series tested as a rise.
    public var survivorRise: Rise? {
        survivors.count >= 5 ? Rise(times: survivorTimes, values: survivors) : nil
    }

    /// When each id was first seen among the points.
    static func firstSeen(_ points: [SeriesPoint]) -> [Int: Date] {
        var seen: [Int: Date] = [:]
        for p in points {
            for id in p.goroutineIDs ?? [] where seen[id] == nil { seen[id] = p.time }
        }
        return seen
    }

    static func survivorSeries(_ points: [SeriesPoint], start: Date, lag: TimeInterval) -> ([Double], [Int]) {
        var times: [Double] = []
        var counts: [Int] = []
        var reference = -1
        for (j, p) in points.enumerated() {
            while reference + 1 < j, p.time.timeIntervalSince(points[reference + 1].time) >= lag { reference += 1 }
            guard reference >= 0, p.time.timeIntervalSince(points[reference].time) >= lag else { continue }
            times.append(p.time.timeIntervalSince(start))
            counts.append(common(points[reference].goroutineIDs ?? [], p.goroutineIDs ?? []))
        }
        return (times, counts)
    }

    /// Ids in both ascending lists.
    static func common(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                n += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return n
    }
}
