/// A frame as the parser first holds it: interned ids, no strings, nothing to retain.
struct RawFrame: Equatable {
    var function: Int32
    var file: Int32
    var line: Int32
    /// `UInt64.max` when no `+0x` offset was printed.
    var pcOffset: UInt64
}

/// The `[Frame]` array of each distinct stack, built once and shared by every goroutine with
/// the same frames (arrays are copy-on-write). A dump of 100,000 goroutines holds a few
/// thousand distinct stacks; building `Frame` values per goroutine would retain two strings
/// per frame and allocate an array per goroutine.
struct StackCache {
    private struct Entry {
        var raw: [RawFrame]
        var frames: [Frame]
    }

    private var entries: [UInt64: Entry] = [:]
    /// Bounded, so hostile input with millions of distinct stacks cannot grow it without end.
    private static let capacity = 1 << 16

    /// The shared frames of a stack seen before, or nil.
    func frames(for raw: [RawFrame]) -> [Frame]? {
        guard let e = entries[StackCache.key(raw)], e.raw == raw else { return nil }
        return e.frames
    }

    mutating func insert(_ frames: [Frame], for raw: [RawFrame]) {
        if entries.count >= StackCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[StackCache.key(raw)] = Entry(raw: raw, frames: frames)
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
