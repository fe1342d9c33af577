import Foundation

/// The contract is written by the one encoder every machine-readable output shares
/// (``JSONOutput``: sorted keys, RFC 3339 UTC times, no clock), so the same verdicts always
/// give the same bytes; it is read back for tests and for tools built on leaktrail.
extension LeakReport {
    public func jsonText() throws -> String {
        try JSONOutput.encode(self)
    }

    public static func decode(_ data: Data) throws -> LeakReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parseTime(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \"\(text)\"")
            }
            return date
        }
        return try decoder.decode(LeakReport.self, from: data)
    }

    private static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let d = formatter.date(from: text) { return d }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
