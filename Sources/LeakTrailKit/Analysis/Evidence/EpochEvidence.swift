import Foundation

/// What one process epoch says about one signature on one instance: its counts tested as a
/// rise, and, when the captures carried goroutine ids, whether its goroutines persist.
///
/// The verdict rules (``InstanceAssessment``) read two answers from it: is this epoch, on its
/// own, a leak (``isLeak(_:)``); and does it at least grow the way a leak does, so that short
/// epochs of a restarting process can add up (``grows(_:)``).
struct EpochEvidence {
    let points: [SeriesPoint]
    /// Seconds from the first to the last point.
    let span: TimeInterval
    let raw: Rise
    let persistence: Persistence?
    /// Steps between consecutive points where the count fell: a leak alone never falls.
    let falls: Int
    /// Some points carried goroutine ids. An epoch with ids too few to follow goroutines
    /// (``Persistence`` is nil) proves nothing: it never falls back to the weaker rules of
    /// counts alone, which batches aliasing with the capture interval can fool.
    let idsCaptured: Bool

    init(_ points: [SeriesPoint], cadence: TimeInterval, options: AnalysisOptions) {
        self.points = points
        let start = points.first?.time ?? Date(timeIntervalSince1970: 0)
        let times = points.map { $0.time.timeIntervalSince(start) }
        let counts = points.map(\.count)
        span = times.last ?? 0
        raw = Rise(times: times, values: counts)
        persistence = Persistence(points, cadence: cadence, options: options)
        falls = zip(counts, counts.dropFirst()).filter { $0 > $1 }.count
        idsCaptured = points.contains { $0.goroutineIDs != nil }
    }

    var basis: EvidenceBasis { idsCaptured ? .ids : .counts }

    /// A leak on this epoch's evidence alone.
    ///
    /// With ids: the goroutines that persisted over the lag rise (trend, kept, still rising),
    /// the floor of the count rises with them, they were gained at three moments or more, and
    /// either nearly all goroutines persist or the persisting part has risen for a lag itself
    /// (churn beside a leak must prove the kept part permanent, not merely long-lived).
    /// On counts alone: the count rises, hardly ever falls, over twice the lag.
    func isLeak(_ options: AnalysisOptions) -> Bool {
        guard let p = persistence else {
            return !idsCaptured && raw.rises(options) && fallsRarely && span >= options.countsOnlySpan
        }
        guard let survivors = p.survivorRise, survivors.rises(options), raw.floorRising, p.cohorts >= 3 else { return false }
        return (p.persistedShare ?? 0) >= 0.9 || span >= 2 * p.lag
    }

    /// Growth the way a leak grows, too weak to prove one alone: a trend at 5% still rising at
    /// the end of the epoch (a pool refilling to its bound stops), and every goroutine gained
    /// kept (ids) or a count that never really fell (counts).
    func grows(_ options: AnalysisOptions) -> Bool {
        guard raw.test.pIncreasing <= 0.05, raw.stillRising else { return false }
        guard let p = persistence else {
            return !idsCaptured && fallsRarely && (points.last?.count ?? 0) > (points.first?.count ?? 0)
        }
        return raw.floorRising && p.keepsAllGains
    }

    /// Goroutines this epoch adds to a leak seen over several epochs, and at how many moments
    /// they appeared (with ids: distinct first sightings; on counts: steps up).
    var keptForCombining: Int { persistence?.keptShort ?? max(0, raw.kept) }
    var cohortsForCombining: Int {
        persistence?.cohortsShort ?? zip(points, points.dropFirst()).filter { $0.count < $1.count }.count
    }

    /// The count rose like a leak, but its goroutines did not stay: turnover. Said only when
    /// the window was long enough to watch goroutines persist over the lag at all.
    func isTurnover(_ options: AnalysisOptions) -> Bool {
        persistence?.survivorRise != nil && raw.test.pIncreasing <= options.significance && raw.kept >= options.minGrowth
            && !isLeak(options)
    }

    /// Growth per hour of what is kept: the persisting goroutines with ids, the count without.
    var growthPerHour: Double {
        persistence?.survivorRise?.slopePerHour ?? raw.slopePerHour
    }

    /// At most one step in ten falls.
    var fallsRarely: Bool { falls * 10 <= points.count }
}
