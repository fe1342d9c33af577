/// Durations as Go writes them (`30s`, `2h`, `1m30s`, `500ms`), since the people who run
/// `collect` set the same intervals in Go services; a bare number is seconds.
public enum DurationText {
    public static func seconds(_ text: String) -> Double? {
        if let plain = Double(text) { return plain >= 0 && plain.isFinite ? plain : nil }
        var total = 0.0
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let scale = scales[String(unit)] else { return nil }
            total += value * scale
        }
        return text.isEmpty ? nil : total
    }

    static let scales: [String: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3600]
}
