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

    /// `[1,2,3]`, written digit by digit: `trends` writes a count per snapshot per signature,
    /// millions of them, and a `String` per number was most of its time.
    public static func integers(_ arrays: [[Int]]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(arrays.reduce(2) { $0 + 4 * $1.count })
        for v in arrays.joined() {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            guard v >= 0 else {
                bytes.append(contentsOf: String(v).utf8)
                continue
            }
            // Least significant digit first, then turned around.
            let start = bytes.count
            var n = v
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
            } while n > 0
            var (i, j) = (start, bytes.count - 1)
            while i < j {
                bytes.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Label sets as stored: `[{"k":"v"},…]`, keys in the order the dump printed them.
    static func labelSets(_ sets: [[Label]]) -> String {
        array(sets.map { set in object(set.map { ($0.key, string($0.value)) }) })
    }
}
