import Foundation

/// Reads the time stamps log collectors put in front of lines, from bytes, without
/// `DateFormatter` (which costs microseconds per call and depends on the locale).
enum LogTimestamp {
    /// `2024-11-27T15:07:24.669794202Z`, `2024-11-27 15:07:24,123+01:00`, `2024-11-27T15:07:24`:
    /// RFC 3339 and its ISO 8601 relatives. A stamp without a zone is read in `zone`.
    /// Returns the time and the index just after the stamp.
    static func iso(_ s: UnsafeRawBufferPointer, from: Int = 0, zone: TimeZone) -> (Date, Int)? {
        var i = from
        guard let year = digits(s, &i, 4), expect(s, &i, "-"), let month = digits(s, &i, 2), expect(s, &i, "-"),
              let day = digits(s, &i, 2), i < s.count, s[i] == UInt8(ascii: "T") || s[i] == LineBytes.space
        else { return nil }
        i += 1
        guard let seconds = clock(s, &i) else { return nil }
        var offset: Int?
        if i < s.count {
            switch s[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                offset = 0
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                var j = i + 1
                if let h = digits(s, &j, 2) {
                    if j < s.count && s[j] == UInt8(ascii: ":") { j += 1 }
                    if let m = digits(s, &j, 2) {
                        offset = sign * (h * 3600 + m * 60)
                        i = j
                    }
                }
            default: break
            }
        }
        guard let date = make(year: year, month: month, day: day, seconds: seconds, offset: offset, zone: zone) else { return nil }
        return (date, i)
    }

    /// Go's `log` package: `2006/01/02 15:04:05` with optional `.000000`, in local time.
    static func goLog(_ s: UnsafeRawBufferPointer, zone: TimeZone) -> (Date, Int)? {
        var i = 0
        guard let year = digits(s, &i, 4), expect(s, &i, "/"), let month = digits(s, &i, 2), expect(s, &i, "/"),
              let day = digits(s, &i, 2), expect(s, &i, " "), let seconds = clock(s, &i),
              let date = make(year: year, month: month, day: day, seconds: seconds, offset: nil, zone: zone)
        else { return nil }
        return (date, i)
    }

    static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// syslog/journald short: `Nov 27 15:07:24` (`Nov  7` for single-digit days). The year is
    /// not written: it is the year of `now`, or the one before if that would be in the future.
    static func syslog(_ s: UnsafeRawBufferPointer, zone: TimeZone, now: Date) -> (Date, Int)? {
        guard s.count >= 15, let month = months.firstIndex(where: { LineBytes.hasPrefix(s, $0) }), s[3] == LineBytes.space else { return nil }
        var i = 4
        if s[i] == LineBytes.space { i += 1 }
        let dayStart = i
        while i < s.count && i - dayStart < 2 && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
        guard let day = LineBytes.decimal(LineBytes.slice(s, dayStart..<i)), expect(s, &i, " "),
              let seconds = clock(s, &i) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let year = calendar.component(.year, from: now)
        guard var date = make(year: year, month: month + 1, day: day, seconds: seconds, offset: nil, zone: zone) else { return nil }
        if date.timeIntervalSince(now) > 86_400,
           let earlier = make(year: year - 1, month: month + 1, day: day, seconds: seconds, offset: nil, zone: zone) {
            date = earlier
        }
        return (date, i)
    }

    /// Seconds since the Unix epoch as JSON loggers write them: seconds (zap's `ts`),
    /// milliseconds, microseconds (journald's `__REALTIME_TIMESTAMP`) or nanoseconds.
    static func epoch(_ value: Double) -> Date {
        let magnitude = abs(value)
        let seconds = magnitude > 1e17 ? value / 1e9 : magnitude > 1e14 ? value / 1e6 : magnitude > 1e11 ? value / 1e3 : value
        return Date(timeIntervalSince1970: seconds)
    }

    // MARK: - Pieces

    /// `15:04:05` and an optional fraction after `.` or `,`; seconds into the day.
    private static func clock(_ s: UnsafeRawBufferPointer, _ i: inout Int) -> Double? {
        guard let h = digits(s, &i, 2), expect(s, &i, ":"), let m = digits(s, &i, 2), expect(s, &i, ":"),
              let sec = digits(s, &i, 2), h < 24, m < 60, sec < 61 else { return nil }
        var seconds = Double(h * 3600 + m * 60 + sec)
        if i + 1 < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ","), s[i + 1] >= 0x30 && s[i + 1] <= 0x39 {
            i += 1
            var scale = 0.1
            while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 {
                seconds += Double(s[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        return seconds
    }

    private static func digits(_ s: UnsafeRawBufferPointer, _ i: inout Int, _ n: Int) -> Int? {
        guard i + n <= s.count, let v = LineBytes.decimal(LineBytes.slice(s, i..<(i + n))) else { return nil }
        i += n
        return v
    }

    private static func expect(_ s: UnsafeRawBufferPointer, _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < s.count, s[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }

    /// A civil date and time to an instant; `offset` nil means "local time in `zone`".
    private static func make(year: Int, month: Int, day: Int, seconds: Double, offset: Int?, zone: TimeZone) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let local = Double(daysFromCivil(year, month, day) * 86_400) + seconds
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        let guess = Date(timeIntervalSince1970: local)
        let delta = zone.secondsFromGMT(for: guess)
        return Date(timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: guess.addingTimeInterval(-Double(delta)))))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
