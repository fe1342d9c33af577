import Foundation

/// What goroutine ids say that counts cannot: whether the goroutines of a signature are the
/// same ones from snapshot to snapshot.
///
/// A leak keeps every goroutine it gains; a pool of short-lived workers replaces them; a
/// deadlock keeps the same few forever. Go never reuses a goroutine id within a process, and
/// ids grow with creation, so the smallest surviving id is the oldest goroutine. Only
/// traceback captures carry ids (at most ``GoroutineGroup/keptIDs`` per group, the first in
/// dump order — the oldest), so the figures are lower bounds for very large groups; points
/// from count profiles are skipped, not counted as absences.
public struct SurvivorEvidence: Hashable, Sendable {
    /// Ids present in both of the last two snapshots that carried ids.
    public var survivors: Int
    /// The oldest of those survivors.
    public var oldestID: Int?
    /// Since when that goroutine has been seen without a gap in the id-bearing snapshots.
    public var oldestSince: Date?
    /// Ids of the last id-bearing snapshot already present in the first one.
    public var persisting: Int
    /// Ids kept in the last id-bearing snapshot.
    public var lastIDs: Int
    /// First and last id-bearing snapshots: the window over which ``persisting`` holds.
    public var firstTime: Date
    public var lastTime: Date
    /// Wait-minute ranges at those two snapshots.
    public var firstWait: ClosedRange<Int>?
    public var lastWait: ClosedRange<Int>?

    /// Nil when fewer than two points of the epoch carry ids.
    public init?(_ points: [SeriesPoint]) {
        // Indices, not copies: an epoch of a thousand points is read for a few of them.
        let withIDs = points.indices.filter { points[$0].goroutineIDs != nil }
        guard withIDs.count >= 2, let first = withIDs.first.map({ points[$0] }), let last = withIDs.last.map({ points[$0] }) else { return nil }
        let lastIDs = last.goroutineIDs ?? []
        let previous = points[withIDs[withIDs.count - 2]].goroutineIDs ?? []
        let surviving = lastIDs.filter { SurvivorEvidence.contains(previous, $0) }
        survivors = surviving.count
        oldestID = surviving.min()
        oldestSince = oldestID.map { id in
            var since = last.time
            for i in withIDs.reversed() {
                guard SurvivorEvidence.contains(points[i].goroutineIDs ?? [], id) else { break }
                since = points[i].time
            }
            return since
        }
        let firstIDs = first.goroutineIDs ?? []
        persisting = lastIDs.filter { SurvivorEvidence.contains(firstIDs, $0) }.count
        self.lastIDs = lastIDs.count
        firstTime = first.time
        lastTime = last.time
        firstWait = first.waitMinutes
        lastWait = last.waitMinutes
    }

    /// Minutes the oldest survivor has been watched.
    public var oldestWatchedMinutes: Double {
        oldestSince.map { lastTime.timeIntervalSince($0) / 60 } ?? 0
    }

    /// The same goroutines stayed parked for a long time, yet their wait minutes stayed low:
    /// something wakes them and they park again at the same line — a ticker or timer loop.
    /// (Wait minutes are refreshed at each GC, at least every two minutes, hence the margin.)
    public var wakesPeriodically: Bool {
        let watched = oldestWatchedMinutes
        return watched >= 4 && Double(lastWait?.upperBound ?? 0) <= watched / 4
    }

    static func contains(_ sorted: [Int], _ id: Int) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == id
    }
}
