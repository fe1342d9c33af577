/// Exact order statistics of doubles (and integers) through their bits.
///
/// A finite double maps to a 64-bit key whose unsigned order is the number's order, so the
/// k-th smallest value can be found a byte at a time (an MSD radix selection): count the
/// keys per value of the highest byte in which they still differ, keep the bucket that holds
/// the k-th, repeat. Each pass is a tally and a copy with no data-dependent branch; a few
/// passes settle thousands of values. The result is the value a comparison sort would put at
/// k, so medians are exactly those of ``TheilSen/median(_:)``.
enum OrderKey {
    /// The key of a finite `x`; -0 and +0 (equal numbers) get the same key, that of +0.
    @inline(__always)
    static func of(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        return bits >> 63 == 0 ? bits | (1 << 63) : ~bits
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// The k-th smallest of integers (0-based) and the one just before it in order (the k-th
    /// itself when k = 0). Counts of goroutines usually span a small range and are tallied; others go
    /// through their keys (the bits with the sign flipped).
    static func select(_ a: [Int], _ k: Int) -> (below: Int, at: Int) {
        precondition(k >= 0 && k < a.count)
        guard let lo = a.min(), let hi = a.max() else { return (0, 0) }
        let (range, overflow) = hi.subtractingReportingOverflow(lo)
        if !overflow, range <= 4 * a.count {
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: hi - lo + 1) { tally in
                tally.initialize(repeating: 0)
                for v in a { tally[v - lo] += 1 }
                var seen = 0
                var previous = lo
                for (offset, n) in tally.enumerated() where n > 0 {
                    if k < seen + n { return (k > seen ? lo + offset : previous, lo + offset) }
                    seen += n
                    previous = lo + offset
                }
                return (hi, hi)
            }
        }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: a.count) { keys in
            for (i, v) in a.enumerated() { keys[i] = UInt64(bitPattern: Int64(v)) ^ (1 << 63) }
            let (below, at) = select(keys, k)
            let value = { (key: UInt64) in Int(Int64(bitPattern: key ^ (1 << 63))) }
            return (k == 0 ? value(at) : value(below), value(at))
        }
    }

    /// The median of the keys' values, the mean of the two middle ones for an even count;
    /// 0 for none. The keys are overwritten.
    static func median(_ keys: UnsafeMutableBufferPointer<UInt64>) -> Double {
        guard !keys.isEmpty else { return 0 }
        let (below, at) = select(keys, keys.count / 2)
        return keys.count % 2 == 1 ? value(at) : (value(below) + value(at)) / 2
    }

    /// The k-th smallest key (0-based) and the one just before it in order (0 when k = 0).
    /// The keys are overwritten.
    static func select(_ keys: UnsafeMutableBufferPointer<UInt64>, _ k: Int) -> (below: UInt64, at: UInt64) {
        precondition(k >= 0 && k < keys.count)
        var n = keys.count
        var k = k
        // The largest key dropped for being smaller than the bucket kept: the (k-1)-th when
        // the k-th turns out to be the first of its value.
        var dropped: UInt64 = 0
        var any = UInt64(0)
        var all = UInt64.max
        for i in 0..<n {
            any |= keys[i]
            all &= keys[i]
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { tally in
            while true {
                let differ = any ^ all
                if differ == 0 { return (k > 0 ? keys[0] : dropped, keys[0]) }
                if n <= 16 {
                    insertionSort(UnsafeMutableBufferPointer(rebasing: keys[0..<n]))
                    return (k > 0 ? keys[k - 1] : dropped, keys[k])
                }
                let shift = UInt64((63 - differ.leadingZeroBitCount) & ~7)
                tally.initialize(repeating: 0)
                for i in 0..<n { tally[Int((keys[i] >> shift) & 0xff)] &+= 1 }
                var bucket = 0
                while k >= tally[bucket] {
                    k -= tally[bucket]
                    bucket += 1
                }
                let digit = UInt64(bucket)
                var kept = 0
                any = 0
                all = .max
                for i in 0..<n {
                    // Every key is written and only those of the bucket advance: no branch.
                    let key = keys[i]
                    let d = (key >> shift) & 0xff
                    keys[kept] = key
                    let match = d == digit
                    kept &+= match ? 1 : 0
                    any |= match ? key : 0
                    all &= match ? key : .max
                    dropped = max(dropped, d < digit ? key : 0)
                }
                n = kept
            }
        }
    }

    /// A handful of values (a bin, the last keys of a selection) sort fastest one by one.
    static func insertionSort<T: Comparable>(_ a: UnsafeMutableBufferPointer<T>) {
        for i in a.indices.dropFirst() {
            let v = a[i]
            var j = i
            while j > 0, a[j - 1] > v {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = v
        }
    }
}
