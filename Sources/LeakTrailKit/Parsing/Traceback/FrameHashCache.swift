/// Each distinct frame's signature hashes, keyed by the parser's interned ids, so that a
/// stack's two signatures cost one lookup per frame and no string hashing.
struct FrameHashCache {
    struct Hashes {
        var line: UInt64
        var function: UInt64
        var hidden: Bool
        /// `runtime.goexit`, left out even of all-runtime stacks.
        var goexit: Bool
    }

    private var byFunction: [(function: UInt64, hidden: Bool, goexit: Bool)?] = []
    private var byFrame = UInt64Map()

    /// `name` and `fileName` are the strings behind the ids, used only on a cache miss.
    @inline(__always)
    mutating func hashes(function: Int32, file: Int32, line: Int, name: String, fileName: String) -> Hashes {
        let f = Int(function)
        if f >= byFunction.count { byFunction.append(contentsOf: repeatElement(nil, count: f - byFunction.count + 1)) }
        let perFunction = byFunction[f] ?? {
            let e = (StackSignature.frameHash(function: name, file: "", line: 0, level: .function),
                     SignatureFrames.isHiddenAtLevelOne(name), name == "runtime.goexit")
            byFunction[f] = e
            return e
        }()
        let lineHash: UInt64
        if file >= 0, line < 1 << 22, file < 1 << 20 {
            let key = UInt64(UInt32(bitPattern: function)) << 42 | UInt64(file) << 22 | UInt64(line)
            if let h = byFrame.value(for: key) {
                lineHash = h
            } else {
                lineHash = StackSignature.frameHash(function: name, file: fileName, line: line, level: .line)
                byFrame.set(lineHash, for: key)
            }
        } else {
            lineHash = StackSignature.frameHash(function: name, file: fileName, line: line, level: .line)
        }
        return Hashes(line: lineHash, function: perFunction.function, hidden: perFunction.hidden, goexit: perFunction.goexit)
    }
}

/// An open-addressing map from non-zero packed frame keys to hashes: one multiply and a load
/// per lookup, where `Dictionary` would run SipHash.
struct UInt64Map {
    private var keys: [UInt64]
    private var values: [UInt64]
    private var mask: Int
    private var count = 0

    init(capacity: Int = 1 << 12) {
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Key 0 is reserved for "empty"; callers never pass it (their keys hold a non-zero line
    /// or id), and a zero key is simply never cached.
    @inline(__always)
    func value(for key: UInt64) -> UInt64? {
        guard key != 0 else { return nil }
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ value: UInt64, for key: UInt64) {
        guard key != 0 else { return }
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: 0, count: values.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in old { set(v, for: k) }
    }
}
