/// Word-at-a-time scans of a line: eight bytes per step instead of one. The hot lines of a
/// dump — function lines with their argument lists, location lines — are 40–80 bytes, too
/// short for a `memchr` call to pay for itself and long enough for a byte loop to dominate.
enum ByteScan {
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of `word` that equals `byte`, 0 elsewhere. Exact: unlike the classic
    /// `(x - 0x01…) & ~x` test, no borrow crosses bytes, so the highest flag can be trusted.
    @inline(__always)
    static func flags(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let y = (x & low7) &+ low7
        return ~(y | x | low7)
    }

    /// The last index of `byte` in `line[from..<to]`.
    @inline(__always)
    static func lastIndex(of byte: UInt8, in line: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var end = to
        while end - from >= 8 {
            let f = flags(line.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self), equalTo: byte)
            if f != 0 { return end - 8 + (63 - f.leadingZeroBitCount) >> 3 }
            end -= 8
        }
        while end > from {
            end -= 1
            if line[end] == byte { return end }
        }
        return nil
    }

    /// The first index of `byte` in `line[from..<to]`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in line: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var i = from
        while to - i >= 8 {
            let f = flags(line.loadUnaligned(fromByteOffset: i, as: UInt64.self), equalTo: byte)
            if f != 0 { return i + f.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < to {
            if line[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Whether `line[from..<to]` holds a space or a TAB.
    @inline(__always)
    static func containsBlank(_ line: UnsafeRawBufferPointer, from: Int, to: Int) -> Bool {
        guard to - from >= 8 else {
            for i in from..<max(from, to) where line[i] == Bytes.space || line[i] == Bytes.tab { return true }
            return false
        }
        var i = from
        while true {
            // The last word overlaps the one before it rather than falling back to bytes.
            let at = min(i, to - 8)
            let w = line.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            if flags(w, equalTo: Bytes.space) | flags(w, equalTo: Bytes.tab) != 0 { return true }
            if at == to - 8 { return false }
            i += 8
        }
    }
}
