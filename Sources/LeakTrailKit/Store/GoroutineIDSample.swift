/// The goroutine ids of one snapshot as restart evidence, in bounded memory: every id while
/// there are at most ``capacity`` of them, else a *coordinated* sample — the ids whose mixed
/// value falls under a threshold that halves whenever the sample overflows.
///
/// Coordinated means two samples can be compared exactly: below the smaller of their two
/// thresholds each holds every id of its snapshot, so "was id x in the previous snapshot?"
/// has a true answer for every id considered. The set kept depends only on the ids, not on
/// the order they arrive in, so a dump streamed from a file and the same snapshot read back
/// from the store give the same sample.
public struct GoroutineIDSample: Sendable, Equatable {
    /// 65,536 ids (512 KiB): every snapshot of a real service fits whole.
    public static let capacity = 1 << 16

    /// Kept ids, ascending once ``finished()`` has run.
    public private(set) var ids: [Int64] = []
    /// Ids whose ``rank(_:)`` is at most this are all kept.
    public private(set) var threshold = UInt64.max
    /// The largest and smallest id added (of every id, not only the kept ones).
    public private(set) var maxID: Int64?
    public private(set) var minID: Int64?
    private var ordered = true

    public init() {}

    public init<S: Sequence>(_ ids: S) where S.Element == Int64 {
        for id in ids { add(id) }
        self = finished()
    }

    /// Whether some ids were left out.
    public var isSampled: Bool { threshold != .max }

    /// Adds one goroutine id; ids ≤ 0 (`goroutine 0` of crash dumps) are no evidence.
    public mutating func add(_ id: Int64) {
        guard id > 0 else { return }
        if id > maxID ?? 0 { maxID = id }
        if id < minID ?? .max { minID = id }
        guard Self.rank(id) <= threshold else { return }
        if let last = ids.last, last > id { ordered = false }
        ids.append(id)
        if ids.count > Self.capacity { halve() }
    }

    /// The sample with its ids in ascending order.
    public func finished() -> GoroutineIDSample {
        guard !ordered else { return self }
        var copy = self
        copy.ids.sort()
        copy.ordered = true
        return copy
    }

    /// Whether `id` is among the kept ids (which must be ascending).
    public func contains(_ id: Int64) -> Bool {
        var (lo, hi) = (0, ids.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id
    }

    /// A well-mixed 64-bit value of an id (SplitMix64's finaliser): ids are dense and
    /// sequential, so keeping "low ranks" keeps ids spread over the whole range.
    @inline(__always)
    public static func rank(_ id: Int64) -> UInt64 { SplitMix64.mix(UInt64(bitPattern: id)) }

    private mutating func halve() {
        while ids.count > Self.capacity {
            threshold >>= 1
            let t = threshold
            ids.removeAll { Self.rank($0) > t }
        }
    }
}
