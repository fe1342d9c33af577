import Foundation

/// One JSON log object and the dump text it may carry (FORMATS.md §8.2):
///
///     {"time":"2024-11-27T15:07:24Z","level":"ERROR","msg":"goroutine 1 [running]:"}
///     {"log":"goroutine 1 [running]:\n","stream":"stderr","time":"2024-11-27T15:07:24.1Z"}
///     {"Time":"2024-11-27T15:07:24Z","Action":"output","Package":"p","Output":"goroutine 7 [running]:\n"}
///
/// The message may be one dump line or the whole dump with `\n` escapes. Only lines that
/// start with `{` are decoded, so plain log lines never pay for JSON.
struct JSONLogLine {
    /// The message text, unescaped.
    var message: String
    var time: Date?
    /// test2json's `Output`: the text is a stream cut at arbitrary points, so a piece without a
    /// final newline continues in the next object instead of being a line of its own.
    var isStream: Bool

    /// Keys that hold the message, most specific first: slog/logrus/zap, Docker's json-file,
    /// journald's `-o json`, test2json.
    static let messageKeys = ["msg", "message", "log", "MESSAGE", "Output", "text"]
    static let timeKeys = ["time", "ts", "timestamp", "Time", "@timestamp", "__REALTIME_TIMESTAMP", "t"]

    /// Whether a line is worth decoding: its first non-blank byte is `{`.
    static func looksLikeJSON(_ line: UnsafeRawBufferPointer) -> Bool {
        for b in line {
            if b == LineBytes.space || b == LineBytes.tab { continue }
            return b == UInt8(ascii: "{")
        }
        return false
    }

    /// Nil when the line is not a JSON object or has no string message.
    init?(_ line: UnsafeRawBufferPointer, zone: TimeZone) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line), options: []) as? [String: Any] else { return nil }
        guard let key = JSONLogLine.messageKeys.first(where: { object[$0] is String }), let text = object[key] as? String else { return nil }
        message = text
        isStream = key == "Output"
        time = JSONLogLine.timeKeys.lazy.compactMap { JSONLogLine.time(object[$0], zone: zone) }.first
    }

    private static func time(_ value: Any?, zone: TimeZone) -> Date? {
        switch value {
        case let s as String:
            if let d = Array(s.utf8).withUnsafeBytes({ LogTimestamp.iso($0, zone: zone)?.0 }) { return d }
            return Double(s).map(LogTimestamp.epoch)
        case let n as Int:
            return LogTimestamp.epoch(Double(n))
        case let n as Double:
            return LogTimestamp.epoch(n)
        case let n as NSNumber:
            return LogTimestamp.epoch(n.doubleValue)
        default:
            return nil
        }
    }
}
