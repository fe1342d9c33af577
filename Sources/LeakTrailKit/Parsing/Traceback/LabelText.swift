/// pprof labels as the runtime prints them in headers:
/// Go 1.26 ` labels:{"k": "v", …}` (always quoted), Go 1.27 ` {k: v, path: "/a b"}` (quoted
/// only when needed). Quoted text uses the runtime's escapes: `\n \r \t \\ \"`, `\xHH`,
/// `\uHHHH`, `\UHHHHHHHH`.
enum LabelText {
    /// The `}` matching the `{` at `from`, skipping quoted text.
    static func matchingBrace(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < line.count, line[from] == UInt8(ascii: "{") else { return nil }
        return firstUnquoted(UInt8(ascii: "}"), in: line, from: from + 1)
    }

    /// The first `target` at or after `from` that is outside a Go-quoted string; label values
    /// may hold `]`, `}`, `,` and `:`.
    static func firstUnquoted(_ target: UInt8, in line: UnsafeRawBufferPointer, from: Int) -> Int? {
        var i = from
        var quoted = false
        while i < line.count {
            let b = line[i]
            if quoted {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { quoted = false }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == target {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Parses `k: v, k2: v2` in `line[from..<to]`.
    static func parse(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> [Label] {
        var labels: [Label] = []
        var i = from
        while i < to {
            guard let (key, afterKey) = token(line, i, to, stop: UInt8(ascii: ":")) else { break }
            i = afterKey
            guard i < to, line[i] == UInt8(ascii: ":") else { break }
            i += 1
            while i < to, line[i] == Bytes.space { i += 1 }
            guard let (value, afterValue) = token(line, i, to, stop: UInt8(ascii: ",")) else { break }
            labels.append(Label(key: key, value: value))
            i = afterValue
            while i < to, line[i] == UInt8(ascii: ",") || line[i] == Bytes.space { i += 1 }
        }
        return labels
    }

    /// A bare token up to `stop`, or a quoted string; returns the text and the index after it.
    private static func token(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int, stop: UInt8) -> (String, Int)? {
        guard from < to else { return nil }
        if line[from] == UInt8(ascii: "\"") { return quoted(line, from + 1, to) }
        var e = from
        while e < to, line[e] != stop { e += 1 }
        return (Bytes.string(line, from, e), e)
    }

    private static func quoted(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var i = from
        while i < to {
            let b = line[i]
            if b == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), i + 1) }
            if b == UInt8(ascii: "\\"), i + 1 < to {
                i += 1
                switch line[i] {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "x"):
                    if i + 2 < to, let v = Bytes.hex(line, i + 1, i + 3) { out.append(UInt8(v)); i += 2 }
                case UInt8(ascii: "u"):
                    if i + 4 < to, let v = Bytes.hex(line, i + 1, i + 5) { appendScalar(v, to: &out); i += 4 }
                case UInt8(ascii: "U"):
                    if i + 8 < to, let v = Bytes.hex(line, i + 1, i + 9) { appendScalar(v, to: &out); i += 8 }
                default: out.append(line[i])
                }
            } else {
                out.append(b)
            }
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), to)
    }

    private static func appendScalar(_ v: UInt64, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: v)) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
