import Foundation

/// Where a snapshot's capture time came from, in order of preference.
public enum TimeSource: String, Sendable, Codable, CaseIterable {
    /// `import --at TIME`.
    case option
    /// A timestamp in the file name (`goroutine-20261127T150724Z.txt`, Unix seconds or ms).
    case fileName = "filename"
    /// A timestamp inside the input: log-line prefixes around the dump, pprof `time_nanos`.
    case content
    /// The file's modification time.
    case modificationTime = "mtime"
    /// Nothing said when: standard input without `--at` gets the import's clock.
    case clock
    /// `collect`: the moment the request for the dump started.
    case request

    /// Words for the import summary.
    public var phrase: String {
        switch self {
        case .option: "--at"
        case .fileName: "file name"
        case .content: "log line"
        case .modificationTime: "file mtime"
        case .clock: "import clock"
        case .request: "request start"
        }
    }
}

/// Finds capture times in file names and option values. Times without a zone are UTC.
public enum TimeParser {
    /// `20261127T150724Z`, `20261127T150724.123+0100`.
    nonisolated(unsafe) private static let basic = try! Regex(
        #"(?:^|[^0-9])([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}:?[0-9]{2})?"#)
    /// `2026-11-27T15:07:24Z`, `2026-11-27T15-07-24.5+01:00`, `2026-11-27_15:07:24`.
    nonisolated(unsafe) private static let extended = try! Regex(
        #"(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})[T_ ]([0-9]{2})[:\-]([0-9]{2})[:\-]([0-9]{2})(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}:?[0-9]{2})?"#)
    /// A run of 10 (seconds) or 13 (milliseconds) digits standing alone. (Swift's Regex has no
    /// lookbehind, hence the non-capturing groups at either end.)
    nonisolated(unsafe) private static let unix = try! Regex(#"(?:^|[^0-9])([0-9]{13}|[0-9]{10})(?:$|[^0-9])"#)

    /// The time in a file's name (its last path component), if it carries one.
    public static func time(inFileName path: String) -> Date? {
        let name = (path as NSString).lastPathComponent
        return time(in: name, whole: false)
    }

    /// Parses an option value: ISO-8601 basic or extended, or Unix seconds or milliseconds.
    public static func time(option value: String) -> Date? {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard value.first?.isNumber == true else { return nil }
        return time(in: value, whole: true)
    }

    static func time(in text: String, whole: Bool) -> Date? {
        for regex in [extended, basic] {
            let match = whole ? (try? regex.wholeMatch(in: text)) : (try? regex.firstMatch(in: text))
            if let m = match ?? nil, let date = date(from: m.output) { return date }
        }
        let match = whole ? (try? unix.wholeMatch(in: text)) : (try? unix.firstMatch(in: text))
        if let m = match ?? nil, let digits = m.output[1].substring, let v = Int64(digits) {
            let seconds = digits.count == 13 ? Double(v) / 1000 : Double(v)
            // Only plausible capture times (2001 – 2100): ids and sizes are digits too.
            guard seconds > 978_307_200, seconds < 4_102_444_800 else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
        return nil
    }

    private static func date(from output: AnyRegexOutput) -> Date? {
        func int(_ i: Int) -> Int? { output[i].substring.flatMap { Int($0) } }
        guard let year = int(1), let month = int(2), let day = int(3), let hour = int(4),
              let minute = int(5), let second = int(6),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard var date = calendar.date(from: components) else { return nil }
        if let fraction = output[7].substring, let f = Double("0." + fraction) { date += f }
        if let zone = output[8].substring, zone != "Z" {
            let digits = zone.dropFirst().filter(\.isNumber)
            guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) else { return nil }
            let offset = TimeInterval((hh * 60 + mm) * 60)
            date -= zone.first == "+" ? offset : -offset
        }
        return date
    }

    /// RFC 3339 in UTC with milliseconds when they are not zero: `2026-11-27T15:07:24Z`.
    public static func rfc3339(milliseconds ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d",
                          Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                          Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        if millis != 0 { text += String(format: ".%03d", Int(millis)) }
        return text + "Z"
    }
}

extension Date {
    /// Milliseconds since the Unix epoch, rounded: how the store keeps times (`time_ms`).
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}
