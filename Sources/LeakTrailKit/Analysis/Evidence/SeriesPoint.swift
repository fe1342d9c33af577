import Foundation

/// One signature in one snapshot of one process: what a store row of group counts holds.
///
/// A point is cheap on purpose (a time, a few integers, at most ``GoroutineGroup/keptIDs``
/// ids) so a store can fill millions of them from one indexed query.
public struct SeriesPoint: Hashable, Sendable {
    /// When the snapshot was taken.
    public var time: Date
    /// Goroutines of the signature in the snapshot; 0 when the signature was absent.
    public var count: Int
    /// Smallest and largest `, N minutes` among members that printed one (traceback captures
    /// only): the largest says how long the oldest member has waited, the smallest whether
    /// *all* of them keep ageing.
    public var waitMinutes: ClosedRange<Int>?
    /// Members marked `(leaked)` or taken from a `goroutineleak` profile: proof of a leak.
    public var leaked: Int
    /// Ids of the members, ascending, as far as the capture kept them; nil when the format
    /// carries no ids (count profiles), so "no survivors" and "unknown" stay different.
    /// Ids are never reused within a process, so the same id in two snapshots is the same
    /// goroutine.
    public var goroutineIDs: [Int]?

    public init(time: Date, count: Int, waitMinutes: ClosedRange<Int>? = nil, leaked: Int = 0, goroutineIDs: [Int]? = nil) {
        self.time = time
        self.count = count
        self.waitMinutes = waitMinutes
        self.leaked = leaked
        self.goroutineIDs = goroutineIDs
    }

    /// The point of a snapshot in which the signature did not appear: nothing of it was there,
    /// so no ids either (an empty id list, not an unknown one).
    public static func absent(at time: Date) -> SeriesPoint {
        SeriesPoint(time: time, count: 0, goroutineIDs: [])
    }

    /// The series over every snapshot of a process, with 0 where the signature was absent.
    ///
    /// A store keeps rows only where a signature appears; a leak's first snapshots and a
    /// burst's quiet ones are absences that the statistics must see as zeros.
    /// - Parameters:
    ///   - observed: the points where the signature appeared, in any order.
    ///   - snapshotTimes: every snapshot time of the process epoch, ascending.
    public static func zeroFilled(_ observed: [SeriesPoint], at snapshotTimes: [Date]) -> [SeriesPoint] {
        guard observed.count < snapshotTimes.count else { return observed.sorted { $0.time < $1.time } }
        let byTime = Dictionary(observed.map { ($0.time, $0) }, uniquingKeysWith: { a, _ in a })
        return snapshotTimes.map { byTime[$0] ?? .absent(at: $0) }
    }
}
