import Foundation

/// What a log collector put in front of a dump line (FORMATS.md §8), recognised per line:
///
///     2024-11-27T15:07:24.669794202Z stderr F goroutine 1 [running]:   container runtime (CRI)
///     2024-11-27T15:07:24.669794202Z goroutine 1 [running]:            kubectl logs --timestamps
///     2024-11-27T15:07:24+01:00 goroutine 1 [running]:                 RFC 3339 / ISO 8601
///     2024/11/27 15:07:24.123456 goroutine 1 [running]:                Go's log package
///     Nov 27 15:07:24 web-1 api[123]: goroutine 1 [running]:           journald / syslog short
///
/// Exactly one space after the prefix is removed, so a location line keeps its TAB.
struct LogLinePrefix {
    enum Kind: Equatable {
        case containerRuntime
        case timestamp
        case goLog
        case syslog
    }

    var kind: Kind
    /// Where the carried text starts.
    var contentStart: Int
    var time: Date
    /// A CRI `P` line: the runtime split a long line, and the next line continues it.
    var partial: Bool

    /// How time stamps without a zone (Go's log, syslog) are read, and the "now" that gives
    /// syslog lines their missing year.
    struct Context {
        var zone: TimeZone
        var now: Date
    }

    static func match(_ line: UnsafeRawBufferPointer, _ context: Context) -> LogLinePrefix? {
        guard line.count >= 15, let first = line.first else { return nil }
        if first >= 0x30 && first <= 0x39 {
            if let (time, end) = LogTimestamp.iso(line, zone: context.zone) {
                return afterISO(line, time: time, end: end)
            }
            if let (time, end) = LogTimestamp.goLog(line, zone: context.zone), end < line.count, line[end] == LineBytes.space {
                return LogLinePrefix(kind: .goLog, contentStart: end + 1, time: time, partial: false)
            }
            return nil
        }
        if let (time, end) = LogTimestamp.syslog(line, zone: context.zone, now: context.now),
           let start = syslogIdentEnd(line, from: end, requirePID: false) {
            return LogLinePrefix(kind: .syslog, contentStart: start, time: time, partial: false)
        }
        return nil
    }

    /// After an ISO stamp: ` stdout F ` (CRI), `host ident[pid]: ` (journald short-iso), or a space.
    private static func afterISO(_ line: UnsafeRawBufferPointer, time: Date, end: Int) -> LogLinePrefix? {
        guard end < line.count, line[end] == LineBytes.space else {
            // A CRI line whose message is empty: `… stderr F` is caught below; a bare stamp is a blank line.
            return end == line.count ? LogLinePrefix(kind: .timestamp, contentStart: end, time: time, partial: false) : nil
        }
        let rest = LineBytes.slice(line, (end + 1)..<line.count)
        for stream: StaticString in ["stdout ", "stderr "] where LineBytes.hasPrefix(rest, stream) {
            let tag = end + 1 + 7
            guard tag < line.count, line[tag] == UInt8(ascii: "F") || line[tag] == UInt8(ascii: "P") else { continue }
            guard tag + 1 == line.count || line[tag + 1] == LineBytes.space else { continue }
            return LogLinePrefix(kind: .containerRuntime, contentStart: min(tag + 2, line.count), time: time, partial: line[tag] == UInt8(ascii: "P"))
        }
        if let start = syslogIdentEnd(line, from: end, requirePID: true) {
            return LogLinePrefix(kind: .syslog, contentStart: start, time: time, partial: false)
        }
        return LogLinePrefix(kind: .timestamp, contentStart: end + 1, time: time, partial: false)
    }

    /// ` host ident[pid]: ` → the index after `: `. With `requirePID` the `[pid]` must be
    /// there, so that dump text such as `panic: boom: x` after an ISO stamp is not eaten.
    private static func syslogIdentEnd(_ line: UnsafeRawBufferPointer, from: Int, requirePID: Bool) -> Int? {
        var i = from
        guard i < line.count, line[i] == LineBytes.space else { return nil }
        i += 1
        let hostStart = i
        while i < line.count && line[i] != LineBytes.space && line[i] != UInt8(ascii: ":") { i += 1 }
        guard i > hostStart, i < line.count, line[i] == LineBytes.space else { return nil }
        i += 1
        let identStart = i
        while i < line.count && line[i] != LineBytes.space && line[i] != UInt8(ascii: ":") { i += 1 }
        guard i > identStart, i < line.count, line[i] == UInt8(ascii: ":") else { return nil }
        if requirePID && line[i - 1] != UInt8(ascii: "]") { return nil }
        i += 1
        if i < line.count && line[i] == LineBytes.space { i += 1 }
        return i
    }
}
