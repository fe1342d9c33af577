/// Hand-written JSON, so that keys come out in the documented order on every platform.
public enum JSONText {
    /// A JSON string literal with the escapes RFC 8259 requires.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// `{"k1":v1,"k2":v2}` from pairs whose values are already JSON.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    public static func optional(_ v: Int?) -> String { v.map(String.init) ?? "null" }

    /// Label sets as stored: `[{"k":"v"},…]`, keys in the order the dump printed them.
    static func labelSets(_ sets: [[Label]]) -> String {
        array(sets.map { set in object(set.map { ($0.key, string($0.value)) }) })
    }
}
