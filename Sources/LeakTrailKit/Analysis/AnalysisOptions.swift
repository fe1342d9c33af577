import Foundation

/// How much evidence a verdict needs, and which code is the user's.
///
/// The defaults suit captures every few seconds to every minute: a leak of a few goroutines a
/// minute is found after five minutes of data, while pools, batches and bursts stay `ok`.
public struct AnalysisOptions: Hashable, Sendable {
    /// Snapshots an epoch needs before its growth can be called a leak.
    public var minSnapshots: Int
    /// Time an epoch must cover, in seconds.
    public var minSpan: TimeInterval
    /// Goroutines a leak must have retained (lowest count of the last sixth of the window
    /// minus lowest count of the first third): a pool of three that became four is noise.
    public var minGrowth: Int
    /// One-sided p-value below which the Mann–Kendall test calls the rise a trend.
    public var significance: Double
    /// Wait, in minutes, after which goroutines parked on a lock that never move are called
    /// a leak rather than a suspect (reason `stuck`).
    public var stuckMinutes: Int
    /// Package path prefixes that are user code even without a dot in their first element
    /// (`--module myapp`) — and always user code (`--module github.com/acme`).
    public var modulePrefixes: [String]

    public init(
        minSnapshots: Int = 8, minSpan: TimeInterval = 120, minGrowth: Int = 3,
        significance: Double = 0.01, stuckMinutes: Int = 5, modulePrefixes: [String] = []
    ) {
        self.minSnapshots = minSnapshots
        self.minSpan = minSpan
        self.minGrowth = minGrowth
        self.significance = significance
        self.stuckMinutes = stuckMinutes
        self.modulePrefixes = modulePrefixes
    }
}
