import Foundation

/// The one JSON encoder every machine-readable output uses: sorted keys, so the same data
/// gives the same bytes; RFC 3339 UTC dates.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(RFC3339.string(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// RFC 3339 UTC timestamps with whole seconds (`2026-11-27T15:07:24Z`), or milliseconds when
/// the time has them.
public enum RFC3339 {
    public static func string(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return millis == 0 ? base + "Z" : base + String(format: ".%03dZ", Int(millis))
    }
}
