/// A frame as the parser first holds it: interned ids, no strings, nothing to retain.
struct RawFrame: Equatable {
    var function: Int32
    var file: Int32
    var line: Int32
    /// `UInt64.max` when no `+0x` offset was printed.
    var pcOffset: UInt64
}

/// The `[Frame]` array and the signatures of each distinct stack, built once and shared by
/// every goroutine with the same frames (arrays are copy-on-write). A dump of 100,000
/// goroutines holds a few thousand distinct stacks; building `Frame` values per goroutine
/// would retain two strings per frame and allocate an array per goroutine, and hashing its
/// frames again would cost two hash chains per frame.
///
/// One lookup per goroutine, so the table is open addressing on the stack's own mixed key
/// (`Dictionary` would hash that key again with SipHash).
struct StackCache {
    /// Open addressing over the stacks' keys: 0 marks an empty slot (a key of 0 is kept as 1).
    private var keys: [UInt64] = Array(repeating: 0, count: 1 << 10)
    /// Where each slot's stack is in ``raws`` and ``shared``.
    private var positions: [Int32] = Array(repeating: -1, count: 1 << 10)
    private var raws: [[RawFrame]] = []
    private var shared: [(frames: [Frame], signatures: StackSignatures)] = []
    /// Bounded, so hostile input with millions of distinct stacks cannot grow it without end.
    private static let capacity = 1 << 16

    /// The shared frames and the signatures of a stack seen before, or nil.
    func frames(for raw: [RawFrame]) -> (frames: [Frame], signatures: StackSignatures)? {
        let key = StackCache.slotKey(raw)
        var i = slot(key)
        while keys[i] != 0 {
            if keys[i] == key, raws[Int(positions[i])] == raw { return shared[Int(positions[i])] }
            i = (i + 1) & (keys.count - 1)
        }
        return nil
    }

    /// Remembers the frames of a stack not seen before.
    mutating func insert(_ frames: [Frame], signatures: StackSignatures, for raw: [RawFrame]) {
        if raws.count >= StackCache.capacity { self = StackCache() }
        if (raws.count + 1) * 2 > keys.count { grow() }
        let key = StackCache.slotKey(raw)
        var i = slot(key)
        while keys[i] != 0 { i = (i + 1) & (keys.count - 1) }
        keys[i] = key
        positions[i] = Int32(raws.count)
        raws.append(raw)
        shared.append((frames, signatures))
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 7) & (keys.count - 1) }

    private static func slotKey(_ raw: [RawFrame]) -> UInt64 { max(key(raw), 1) }

    private mutating func grow() {
        let (oldKeys, oldPositions) = (keys, positions)
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        positions = Array(repeating: -1, count: oldKeys.count * 2)
        for (key, position) in zip(oldKeys, oldPositions) where key != 0 {
            var i = slot(key)
            while keys[i] != 0 { i = (i + 1) & (keys.count - 1) }
            keys[i] = key
            positions[i] = position
        }
    }

    static func key(_ raw: [RawFrame]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        for f in raw {
            h = (h ^ (UInt64(UInt32(bitPattern: f.function)) << 32 | UInt64(UInt32(bitPattern: f.file)))) &* 0xBF58_476D_1CE4_E5B9
            h = (h ^ (UInt64(UInt32(bitPattern: f.line)) << 32 ^ f.pcOffset)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 31
        }
        return h
    }
}
