/// Signature → group number, open addressing on the signature itself: signatures are
/// already well-mixed 64-bit values, so `Hasher`'s SipHash would only cost time.
struct SignatureIndex {
    private var keys: [UInt64] = Array(repeating: 0, count: 256)
    private var values: [Int32] = Array(repeating: -1, count: 256)
    private var count = 0

    subscript(key: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: key) & (keys.count - 1)
        while values[slot] >= 0 {
            if keys[slot] == key { return Int(values[slot]) }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    mutating func insert(_ key: UInt64, _ value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        var slot = Int(truncatingIfNeeded: key) & (keys.count - 1)
        while values[slot] >= 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = Int32(value)
        count += 1
    }

    mutating func removeAll() {
        if count > 0 { self = SignatureIndex() }
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 >= 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: -1, count: values.count * 2)
        count = 0
        for (k, v) in old { insert(k, Int(v)) }
    }
}
