import Foundation

/// How much evidence a verdict needs, and which code is the user's.
///
/// The defaults suit captures every few seconds to every minute. They are chosen for trust
/// over speed: a leak of a goroutine a minute is found after three to four minutes of
/// captures, while a pool that fills for two minutes, load that ramps up for an hour and
/// batches that alias with the capture interval stay `ok` at every moment.
public struct AnalysisOptions: Hashable, Sendable {
    /// Snapshots an instance needs before any verdict.
    public var minSnapshots: Int
    /// Time an instance's snapshots must cover before any verdict, in seconds.
    public var minSpan: TimeInterval
    /// Goroutines a leak must have kept (see ``Rise/kept``): a pool of three that became four
    /// is noise.
    public var minGrowth: Int
    /// One-sided p-value below which the Mann–Kendall test calls the rise a trend.
    public var significance: Double
    /// The shortest time a goroutine must stay to count as kept (``Persistence/lag``): longer
    /// than a request, a batch or a pooled connection's life usually lasts. Verdicts on counts
    /// alone need twice this span, since they cannot see goroutines leave.
    public var minLag: TimeInterval
    /// Minutes the youngest goroutine on a lock must have waited, unmoved, before the set is
    /// called `stuck`.
    public var stuckMinutes: Int
    /// Package path prefixes that are user code even without a dot in their first element
    /// (`--module myapp`) — and always user code (`--module github.com/acme`).
    public var modulePrefixes: [String]

    public init(
        minSnapshots: Int = 8, minSpan: TimeInterval = 180, minGrowth: Int = 3,
        significance: Double = 0.01, minLag: TimeInterval = 120, stuckMinutes: Int = 2, modulePrefixes: [String] = []
    ) {
        self.minSnapshots = minSnapshots
        self.minSpan = minSpan
        self.minGrowth = minGrowth
        self.significance = significance
        self.minLag = minLag
        self.stuckMinutes = stuckMinutes
        self.modulePrefixes = modulePrefixes
    }

    /// The span a verdict on counts alone needs: twice the lag, since a pool filling for a
    /// lag looks like a leak until it stops.
    public var countsOnlySpan: TimeInterval { max(minSpan, 2 * minLag) }
}
