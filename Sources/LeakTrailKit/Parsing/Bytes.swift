/// Small byte-level helpers shared by the text parsers. They work on the parser's line
/// buffers directly, so no `String` is built until a value is kept.
enum Bytes {
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")

    @inline(__always)
    static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: StaticString, at offset: Int = 0) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard line.count - offset >= n else { return false }
        // A byte loop: prefixes are short, and a memcmp call costs more than it saves.
        let p = prefix.utf8Start
        for i in 0..<n where line[offset + i] != p[i] { return false }
        return true
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight at a time, the last word
    /// overlapping the one before. The interners compare names and lines of 10–80 bytes
    /// millions of times, where a `memcmp` call costs more than the comparison.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int) -> Bool {
        if n < 8 {
            for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            return true
        }
        var i = 0
        while i + 8 < n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- 0x61 < 6
    }

    /// Parses decimal digits in `line[from..<to]`; nil if empty, not all digits, or too long.
    static func decimal(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Int? {
        guard from < to, to - from <= 18 else { return nil }
        var v = 0
        for i in from..<to {
            let b = line[i]
            guard isDigit(b) else { return nil }
            v = v * 10 + Int(b &- 0x30)
        }
        return v
    }

    /// Parses lowercase or uppercase hex digits (no `0x`); nil if empty, invalid or too long.
    static func hex(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> UInt64? {
        guard from < to, to - from <= 16 else { return nil }
        var v: UInt64 = 0
        for i in from..<to {
            let b = line[i]
            let d: UInt8
            if isDigit(b) { d = b &- 0x30 } else if (b | 0x20) &- 0x61 < 6 { d = (b | 0x20) &- 0x61 &+ 10 } else { return nil }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    /// End of the run of decimal digits starting at `from`.
    static func digitsEnd(_ line: UnsafeRawBufferPointer, _ from: Int) -> Int {
        var i = from
        while i < line.count && isDigit(line[i]) { i += 1 }
        return i
    }

    /// First index of `needle` in `line[from...]`, or nil.
    static func find(_ needle: StaticString, in line: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, line.count - from >= n else { return nil }
        let first = needle.utf8Start.pointee
        var i = from
        let last = line.count - n
        while i <= last {
            guard let p = memchr(line.baseAddress! + i, Int32(first), last - i + 1) else { return nil }
            let at = line.baseAddress!.distance(to: UnsafeRawPointer(p))
            if memcmp(line.baseAddress! + at, needle.utf8Start, n) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Last index of `needle` in `line[..<before]`, or nil.
    static func findLast(_ needle: StaticString, in line: UnsafeRawBufferPointer, before: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        var i = before - n
        while i >= 0 {
            if memcmp(line.baseAddress! + i, needle.utf8Start, n) == 0 { return i }
            i -= 1
        }
        return nil
    }

    static func string(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[from..<to]), as: UTF8.self)
    }

    /// A buffer size for messages: "1 MiB", "64 KiB", "300 bytes".
    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// A line as quoted in an issue: decoded leniently and cut to a readable length.
    static func quote(_ line: UnsafeRawBufferPointer, limit: Int = 200) -> String {
        let s = string(line, 0, min(line.count, limit))
        return line.count > limit ? s + "…" : s
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
