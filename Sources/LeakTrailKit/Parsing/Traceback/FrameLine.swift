/// The two lines of a frame, FORMATS.md §4:
///
///     main.(*Pool).worker(0xc000010000, {0x1, 0x2}, ...)
///     <TAB>/src/app/pool.go:42 +0x1d fp=0xc00004ff80 sp=0xc00004ff60 pc=0x4a1b3d
enum FrameLine {
    /// A function line: a name, then the argument list closing the line. Returns the name's
    /// end and the arguments' bounds (without parentheses); nil when the line is not one.
    @inline(__always)
    static func function(_ line: UnsafeRawBufferPointer) -> (nameEnd: Int, argsStart: Int, argsEnd: Int)? {
        var end = line.count
        while end > 0, line[end - 1] == Bytes.space { end -= 1 }
        guard end > 1, line[end - 1] == UInt8(ascii: ")") else { return nil }
        // The argument list opens at the last `(`: arguments hold braces, never parentheses,
        // while names may (`(*T).M`).
        guard let i = ByteScan.lastIndex(of: UInt8(ascii: "("), in: line, from: 1, to: end - 1),
              validName(line, 0, i) else { return nil }
        return (i, i + 1, end - 1)
    }

    /// A symbol never has a space outside generic brackets and never starts with white space.
    @inline(__always)
    static func validName(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        let first = line[from]
        if first == Bytes.space || first == Bytes.tab { return false }
        // Common case: no white space at all. Otherwise only inside generic brackets.
        if !ByteScan.containsBlank(line, from: from, to: to) { return true }
        var depth = 0
        for i in from..<to {
            let b = line[i]
            if b == UInt8(ascii: "[") { depth += 1 }
            else if b == UInt8(ascii: "]") { depth -= 1 }
            else if (b == Bytes.space || b == Bytes.tab) && depth <= 0 { return false }
        }
        return true
    }

    /// A location line, indented by a TAB, by spaces, or (after some log pipelines) not at all:
    /// `path:line[ +0xoff][ fp=… sp=… pc=…]`. The *last* `:` before the digits separates the
    /// line number, so Windows drive letters survive.
    @inline(__always)
    static func location(_ line: UnsafeRawBufferPointer) -> (pathStart: Int, pathEnd: Int, line: Int, pcOffset: UInt64?)? {
        var start = 0
        while start < line.count, line[start] == Bytes.tab || line[start] == Bytes.space { start += 1 }
        var end = line.count
        while end > start, line[end - 1] == Bytes.space { end -= 1 }
        // Fast path: `path:line` ends at the first space, then ` +0x…` and/or ` fp=…`.
        var tokenEnd = end
        if let sp = ByteScan.firstIndex(of: Bytes.space, in: line, from: start, to: end) { tokenEnd = sp }
        if let hit = pathAndLine(line, start, tokenEnd) {
            var pcOffset: UInt64?
            if Bytes.hasPrefix(line, " +0x", at: tokenEnd) {
                var e = tokenEnd + 4
                while e < end, Bytes.isHexDigit(line[e]) { e += 1 }
                pcOffset = Bytes.hex(line, tokenEnd + 4, e)
            }
            return (start, hit.colon, hit.number, pcOffset)
        }
        return spacedLocation(line, start, end)
    }

    /// `path:123` in `line[start..<end]`: the last `:` before trailing digits.
    @inline(__always)
    private static func pathAndLine(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (colon: Int, number: Int)? {
        var colon = end - 1
        while colon > start, Bytes.isDigit(line[colon]) { colon -= 1 }
        guard colon > start, colon < end - 1, line[colon] == UInt8(ascii: ":"),
              let number = Bytes.decimal(line, colon + 1, end) else { return nil }
        return (colon, number)
    }

    /// The slow path for paths holding spaces (`C:/Program Files/...`): strip the known tails
    /// from the end instead.
    private static func spacedLocation(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (pathStart: Int, pathEnd: Int, line: Int, pcOffset: UInt64?)? {
        var end = end
        if let fp = Bytes.findLast(" fp=0x", in: line, before: end), fp > start { end = fp }
        var pcOffset: UInt64?
        if let plus = Bytes.findLast(" +0x", in: line, before: end), plus > start {
            pcOffset = Bytes.hex(line, plus + 4, end)
            guard pcOffset != nil else { return nil }
            end = plus
        }
        guard let hit = pathAndLine(line, start, end) else { return nil }
        return (start, hit.colon, hit.number, pcOffset)
    }

    /// `created by main.spawn in goroutine 7` → the name's bounds and the creator id.
    static func createdBy(_ line: UnsafeRawBufferPointer) -> (nameStart: Int, nameEnd: Int, creator: Int?) {
        let start = 11
        var end = line.count
        while end > start, line[end - 1] == Bytes.space { end -= 1 }
        if let at = Bytes.findLast(" in goroutine ", in: line, before: end), at > start,
           let id = Bytes.decimal(line, at + 14, end) {
            return (start, at, id)
        }
        return (start, end, nil)
    }

    /// `...12 frames elided...` (Go 1.21+) → 12; `...additional frames elided...` → nil count.
    static func elision(_ line: UnsafeRawBufferPointer) -> (isElision: Bool, count: Int?) {
        if Bytes.hasPrefix(line, "...additional frames elided...") { return (true, nil) }
        guard Bytes.hasPrefix(line, "...") else { return (false, nil) }
        let e = Bytes.digitsEnd(line, 3)
        guard e > 3, Bytes.hasPrefix(line, " frames elided...", at: e) else { return (false, nil) }
        return (true, Bytes.decimal(line, 3, e))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
