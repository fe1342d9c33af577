/// Turns repeated byte strings (function names, file paths) into one shared `String` each,
/// with a small integer id. A dump of 100,000 goroutines repeats a few thousand names millions
/// of times; building a `String` for each occurrence would double the parse time.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private(set) var strings: [String] = []
    /// Open addressing, linear probing; -1 is empty. Capacity is a power of two.
    private var table: [Int32]
    private var mask: Int

    init(capacity: Int = 4096) {
        table = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        arena.reserveCapacity(capacity * 32)
    }

    var count: Int { strings.count }

    /// The id of `bytes`, adding it on first sight.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = ByteInterner.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = table[slot]
            if id < 0 { return insert(bytes, hash: h, slot: slot) }
            let i = Int(id)
            if hashes[i] == h && lengths[i] == bytes.count && equal(i, bytes) { return id }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        return arena.withUnsafeBytes { Bytes.equal($0.baseAddress! + offsets[i], bytes.baseAddress!, count: bytes.count) }
    }

    private mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, slot: Int) -> Int32 {
        let id = Int32(strings.count)
        offsets.append(arena.count)
        lengths.append(bytes.count)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        strings.append(String(decoding: bytes, as: UTF8.self))
        table[slot] = id
        if strings.count * 2 > table.count { rehash() }
        return id
    }

    private mutating func rehash() {
        let capacity = table.count * 2
        table = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    /// A fast, word-at-a-time hash; only for this table (ids are per run, never stored).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        if i < n && n >= 8 {
            // The last word, overlapping the one before: one load instead of a byte loop.
            tail = bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
