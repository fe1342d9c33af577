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

    private struct PerFunction {
        var hash: UInt64
        var hidden: Bool
        var goexit: Bool
    }

    private var byFunction: [PerFunction?] = []
    private var byFrame = UInt64Map()

    /// The hashes of a frame seen before, or nil.
    @inline(__always)
    func cached(function: Int32, file: Int32, line: Int) -> Hashes? {
        let f = Int(function)
        guard f < byFunction.count, let p = byFunction[f], let key = FrameHashCache.key(function, file, line),
              let lineHash = byFrame.value(for: key) else { return nil }
        return Hashes(line: lineHash, function: p.hash, hidden: p.hidden, goexit: p.goexit)
    }

    /// Computes and remembers a frame's hashes from its strings.
    mutating func compute(function: Int32, file: Int32, line: Int, name: String, fileName: String) -> Hashes {
        let f = Int(function)
        if f >= byFunction.count { byFunction.append(contentsOf: repeatElement(nil, count: f - byFunction.count + 1)) }
        let p = byFunction[f] ?? PerFunction(
            hash: StackSignature.frameHash(function: name, file: "", line: 0, level: .function),
            hidden: SignatureFrames.isHiddenAtLevelOne(name), goexit: name == "runtime.goexit")
        byFunction[f] = p
        let lineHash = StackSignature.frameHash(function: name, file: fileName, line: line, level: .line)
        if let key = FrameHashCache.key(function, file, line) { byFrame.set(lineHash, for: key) }
        return Hashes(line: lineHash, function: p.hash, hidden: p.hidden, goexit: p.goexit)
    }

    /// Packs ids and line into one non-zero key; nil when they do not fit (never cached).
    @inline(__always)
    private static func key(_ function: Int32, _ file: Int32, _ line: Int) -> UInt64? {
        guard file >= 0, file < 1 << 20, line > 0, line < 1 << 22 else { return nil }
        return UInt64(UInt32(bitPattern: function)) << 42 | UInt64(file) << 22 | UInt64(line)
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

    /// Key 0 means "empty"; callers never pass it.
    @inline(__always)
    func value(for key: UInt64) -> UInt64? {
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
