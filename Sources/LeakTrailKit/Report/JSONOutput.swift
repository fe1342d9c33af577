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
    public static func string(_ date: Date) -> String { TimeParser.rfc3339(milliseconds: date.unixMilliseconds) }
}
