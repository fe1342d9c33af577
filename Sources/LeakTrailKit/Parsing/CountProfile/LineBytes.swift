/// Small byte-level scanners shared by the count-profile and log parsers. Lines arrive as
/// `UnsafeRawBufferPointer`s from ``LineReader``; nothing here builds a `String` unless asked.
enum LineBytes {
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")

    static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard line.count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where line[i] != p[i] { return false }
        return true
    }

    /// Whether `line` is empty or only spaces and tabs.
    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for b in line where b != space && b != tab { return false }
        return true
    }

    /// A decimal number filling `bytes` exactly; nil if empty, not all digits, or too large.
    static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// `0x…` filling `bytes` exactly; nil otherwise.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count >= 3, bytes.count <= 18, bytes[0] == 0x30, bytes[1] == UInt8(ascii: "x") else { return nil }
        var v: UInt64 = 0
        for b in bytes[2...] {
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x61...0x66: d = b - 0x61 + 10
            case 0x41...0x46: d = b - 0x41 + 10
            default: return nil
            }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    static func slice(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[range])
    }

    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The line as an issue quotes it: decoded leniently and cut to a readable length.
    static func quoted(_ line: UnsafeRawBufferPointer, limit: Int = 200) -> String {
        let cut = line.count > limit ? slice(line, 0..<limit) : line
        return string(cut) + (line.count > limit ? "…" : "")
    }

    /// Index of the first `byte` at or after `from`, or nil.
    static func firstIndex(of byte: UInt8, in line: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        var i = from
        while i < line.count {
            if line[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Index of the last `byte` before `end`, or nil.
    static func lastIndex(of byte: UInt8, in line: UnsafeRawBufferPointer, before end: Int) -> Int? {
        var i = end - 1
        while i >= 0 {
            if line[i] == byte { return i }
            i -= 1
        }
        return nil
    }
}
