/// What the head of an input says it is.
public enum SniffedFormat: Sendable, Equatable, CustomStringConvertible {
    /// Family A text: a `goroutine N [` header somewhere in the head.
    case traceback
    /// Family B text: `<name> profile: total N`; the name says which profile.
    case countProfile(name: String)
    /// gzip (`1f 8b`): pprof protobuf or a compressed text dump.
    case gzip
    /// Raw (uncompressed) pprof protobuf.
    case protobuf
    /// Log lines with a prefix (timestamps, container runtime) around dump lines.
    case prefixedLog
    /// JSON log lines whose message holds dump text.
    case jsonLog
    case unknown(lookedLike: String)

    public var description: String {
        switch self {
        case .traceback: "a goroutine traceback"
        case .countProfile(let name): "a \(name) count profile"
        case .gzip: "gzip data"
        case .protobuf: "a protobuf profile"
        case .prefixedLog: "a log with prefixed lines"
        case .jsonLog: "a JSON log"
        case .unknown(let what): what
        }
    }
}

/// Decides the format from content. "Not mine" is a different answer from "broken": a
/// sniffer never fails, it says what the bytes looked like.
public enum FormatSniffer {
    public static func sniff(_ head: [UInt8]) -> SniffedFormat {
        if head.isEmpty { return .unknown(lookedLike: "an empty file") }
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { return .gzip }
        if let name = countProfileName(head) { return .countProfile(name: name) }
        let log = head.withUnsafeBytes { LogSniffer.sniff($0) }
        if let format = log.format { return format }
        if TracebackHeader.containsHeader(head) { return .traceback }
        if ProtobufSniffer.looksLikeProfile(head) { return .protobuf }
        if log.jsonLines > 0 && log.jsonLines * 2 >= log.lines { return .unknown(lookedLike: "JSON without dump text") }
        if log.prefixedLines > 0 && log.prefixedLines * 2 >= log.lines { return .unknown(lookedLike: "a log without goroutine dumps") }
        return .unknown(lookedLike: describe(head))
    }

    /// The profile named by the first non-blank line, when it is a runtime text profile:
    /// `goroutine profile: total 41`, `heap profile: 3: 96 [9: 288] @ heap/1048576`, `--- mutex:`.
    static func countProfileName(_ head: [UInt8]) -> String? {
        head.withUnsafeBytes { bytes in
            var start = 0
            while start < bytes.count {
                let end = LineBytes.firstIndex(of: 0x0A, in: bytes, from: start) ?? bytes.count
                var line = LineBytes.slice(bytes, start..<end)
                if line.last == 0x0D { line = LineBytes.slice(line, 0..<(line.count - 1)) }
                start = end + 1
                if LineBytes.isBlank(line) { continue }
                return CountProfileHeader(line)?.name ?? CountProfileHeader.otherProfileName(line)
            }
            return nil
        }
    }

    /// A few words on what unrecognised bytes seem to be, for the error message.
    static func describe(_ head: [UInt8]) -> String {
        let sample = head.prefix(4096)
        let binary = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        if binary * 20 > sample.count { return "binary data" }
        let lowered = String(decoding: sample.prefix(512), as: UTF8.self).lowercased()
        if lowered.contains("<!doctype html") || lowered.contains("<html") { return "an HTML page" }
        if lowered.hasPrefix("<?xml") { return "an XML document" }
        if lowered.contains("warning: data race") { return "a race detector report without goroutine dumps" }
        if let first = sample.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return "JSON without dump text"
        }
        return "text without goroutine headers"
    }
}
