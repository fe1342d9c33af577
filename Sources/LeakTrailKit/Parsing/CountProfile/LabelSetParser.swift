/// Reads the set after `# labels: `: `{"k":"v", "k2":"v2"}`, each key and value written with
/// Go's `%q` (so `\"`, `\n`, `\xff`, `\u00fc` escapes, and `, ` or `]` inside values).
enum LabelSetParser {
    static func parse(_ text: UnsafeRawBufferPointer) -> [Label]? {
        var i = 0
        guard i < text.count, text[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var labels: [Label] = []
        while true {
            while i < text.count && (text[i] == LineBytes.space || text[i] == UInt8(ascii: ",")) { i += 1 }
            guard i < text.count else { return nil }
            if text[i] == UInt8(ascii: "}") { break }
            guard let key = GoQuoted.unquote(text, at: &i), i < text.count, text[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            while i < text.count && text[i] == LineBytes.space { i += 1 }
            guard let value = GoQuoted.unquote(text, at: &i) else { return nil }
            labels.append(Label(key: key, value: value))
        }
        return labels
    }
}

/// Go's `strconv.Quote` syntax, read back.
enum GoQuoted {
    /// Reads a double-quoted string starting at `i` and leaves `i` after the closing quote.
    /// Invalid UTF-8 written as `\xff` becomes U+FFFD, as `String` cannot hold the raw byte.
    static func unquote(_ text: UnsafeRawBufferPointer, at i: inout Int) -> String? {
        guard i < text.count, text[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        var out: [UInt8] = []
        while i < text.count {
            let b = text[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < text.count else { return nil }
            let e = text[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "x"):
                guard let v = hexValue(text, at: &i, digits: 2) else { return nil }
                out.append(UInt8(v))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                guard let v = hexValue(text, at: &i, digits: e == UInt8(ascii: "u") ? 4 : 8) else { return nil }
                out.append(contentsOf: Array(String(Unicode.Scalar(v) ?? "\u{FFFD}").utf8))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard i + 1 < text.count else { return nil }
                let digits = [e, text[i], text[i + 1]]
                guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return nil }
                out.append(UInt8(truncatingIfNeeded: digits.reduce(0) { $0 * 8 + Int($1 - 0x30) }))
                i += 2
            default: out.append(e)  // `\\`, `\"`, `\'`
            }
        }
        return nil
    }

    private static func hexValue(_ text: UnsafeRawBufferPointer, at i: inout Int, digits: Int) -> UInt32? {
        guard i + digits <= text.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<digits {
            guard let d = Character(Unicode.Scalar(text[i])).hexDigitValue else { return nil }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
