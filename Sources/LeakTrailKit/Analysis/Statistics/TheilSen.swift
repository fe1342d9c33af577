import Foundation

/// The Theil–Sen slope: the median of the slopes between every pair of points.
///
/// Unlike least squares, up to 29% of wild points (a burst, a capture taken mid-batch) cannot
/// pull it, so "goroutines per hour" means what the bulk of the series does.
///
/// Exact up to ``maxPoints`` points. Longer series are first reduced to that many bins of
/// consecutive points (mean time, median count), which keeps the estimate robust and its cost
/// bounded: O(maxPoints²) slopes and a linear-time selection of their median (a radix
/// selection on the slopes' bits, see ``OrderKey``: exact, and free of the mispredicted
/// branches that made a quickselect the analysis's largest cost).
public enum TheilSen {
    /// Points kept before pairing; 96 points make 4,560 slopes. Enough for a slope robust to
    /// bursts, few enough that 2,000 signatures of 1,000 points take well under a second.
    public static let maxPoints = 96

    /// Slope of count over time, in goroutines per second; 0 with fewer than two distinct times.
    public static func slope(times: [Double], values: [Int]) -> Double {
        precondition(times.count == values.count)
        guard let first = values.first, values.contains(where: { $0 != first }) else { return 0 }
        let (t, y) = times.count > maxPoints ? binned(times: times, values: values) : (times, values.map(Double.init))
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: t.count * (t.count - 1) / 2) { slopes in
            var n = 0
            for i in 0..<t.count {
                for j in (i + 1)..<t.count where t[j] != t[i] {
                    slopes[n] = OrderKey.of((y[j] - y[i]) / (t[j] - t[i]))
                    n += 1
                }
            }
            return OrderKey.median(UnsafeMutableBufferPointer(rebasing: slopes[0..<n]))
        }
    }

    /// The median (the mean of the two middle values for an even count), by the same radix
    /// selection as the slopes, which works on a copy of the values' keys.
    public static func median(_ a: [Double]) -> Double {
        var keys = a.map(OrderKey.of)
        return keys.withUnsafeMutableBufferPointer { OrderKey.median($0) }
    }

    private static func binned(times: [Double], values: [Int]) -> ([Double], [Double]) {
        var t: [Double] = []
        var y: [Double] = []
        t.reserveCapacity(maxPoints)
        y.reserveCapacity(maxPoints)
        var bin: [Int] = []
        for b in 0..<maxPoints {
            let lo = b * times.count / maxPoints
            let hi = (b + 1) * times.count / maxPoints
            guard hi > lo else { continue }
            t.append(times[lo..<hi].reduce(0, +) / Double(hi - lo))
            bin.removeAll(keepingCapacity: true)
            bin.append(contentsOf: values[lo..<hi])
            y.append(median(&bin))
        }
        return (t, y)
    }

    /// The median of counts, exactly as ``median(_:)`` gives it for the same values as doubles
    /// (the array may be reordered).
    static func median(_ a: inout [Int]) -> Double {
        guard !a.isEmpty else { return 0 }
        let k = a.count / 2
        if a.count <= 32 {
            // A bin holds about ten counts: an insertion sort beats any selection.
            a.withUnsafeMutableBufferPointer { OrderKey.insertionSort($0) }
            return a.count % 2 == 1 ? Double(a[k]) : (Double(a[k - 1]) + Double(a[k])) / 2
        }
        let (below, at) = OrderKey.select(a, k)
        return a.count % 2 == 1 ? Double(at) : (Double(below) + Double(at)) / 2
    }
}
