import Foundation

/// How log time stamps that carry no zone or no year are read.
public struct LogOptions: Sendable {
    /// The zone of Go `log` and syslog stamps, which are written in local time.
    public var timeZone: TimeZone
    /// Gives syslog/journald short stamps (`Nov 27 15:07:24`) their year.
    public var now: Date

    public init(timeZone: TimeZone = .current, now: Date = Date()) {
        self.timeZone = timeZone
        self.now = now
    }
}

/// Dumps inside logs: unwraps each line (a time-stamp prefix, a container-runtime prefix,
/// a JSON object's message) and hands the carried text to the traceback or count-profile
/// parser, setting `lineTime` so that each snapshot takes the time of its first line.
///
/// Lines without a recognised prefix are passed on unchanged with the last time seen: Go's
/// `log.Printf("%s", stack)` stamps only the first line of a multi-line message.
public struct LogDumpParser {
    public let options: ParseOptions
    private let context: LogLinePrefix.Context
    private var traceback: TracebackParser
    private var tracebackFed = false
    private var countProfile: CountProfileParser
    private var lastTime: Date?
    /// A CRI line split by the runtime (`P` lines), waiting for its final `F` piece.
    private var partialLine: [UInt8] = []
    private var partialLineNumber = 0
    /// Inside a count profile that is not about goroutines (threadcreate, …): its lines are skipped.
    private var skippingProfile = false
    /// test2json `Output` text after its last newline, waiting for the rest of the line.
    private var streamTail: [UInt8] = []
    private var streamTailLine = 0

    public init(options: ParseOptions = .init(), logOptions: LogOptions = .init()) {
        self.options = options
        context = LogLinePrefix.Context(zone: logOptions.timeZone, now: logOptions.now)
        traceback = TracebackParser(options: options)
        countProfile = CountProfileParser(options: options)
    }

    /// Reads a whole log; returns the number of bytes read.
    public mutating func parse<S: ByteSource>(_ source: S, into sink: inout some DumpSink) throws -> Int {
        var reader = LineReader(source: source, chunkSize: options.lineBufferSize)
        defer { reader.deallocate() }
        while let line = try reader.nextLine() {
            feed(line: line, number: reader.lineNumber, into: &sink)
        }
        finish(unterminated: reader.lastLineUnterminated, into: &sink)
        return reader.bytesRead
    }

    /// Reads one physical log line.
    public mutating func feed(line: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        if JSONLogLine.looksLikeJSON(line), let json = JSONLogLine(line, zone: context.zone) {
            if let t = json.time { lastTime = t }
            feedMessage(json.message, stream: json.isStream, number: number, into: &sink)
            return
        }
        guard let prefix = LogLinePrefix.match(line, context) else {
            deliver(line, number: number, into: &sink)
            return
        }
        let content = LineBytes.slice(line, prefix.contentStart..<line.count)
        if prefix.partial {
            if partialLine.isEmpty {
                lastTime = prefix.time
                partialLineNumber = number
            }
            partialLine.append(contentsOf: content)
            return
        }
        if partialLine.isEmpty {
            lastTime = prefix.time
            deliver(content, number: number, into: &sink)
        } else {
            partialLine.append(contentsOf: content)
            deliverPartialLine(into: &sink)
        }
    }

    /// Ends the log: text still waiting is delivered and the open snapshot is closed.
    public mutating func finish(unterminated: Bool, into sink: inout some DumpSink) {
        if !partialLine.isEmpty { deliverPartialLine(into: &sink) }
        if !streamTail.isEmpty {
            let text = streamTail
            streamTail.removeAll()
            text.withUnsafeBytes { deliver($0, number: streamTailLine, into: &sink) }
        }
        if countProfile.inProfile { countProfile.finish(unterminated: unterminated, into: &sink) }
        traceback.finish(unterminated: unterminated, into: &sink)
    }

    /// A JSON message: one line, several lines joined by `\n`, or a piece of a test2json stream.
    private mutating func feedMessage(_ message: String, stream: Bool, number: Int, into sink: inout some DumpSink) {
        var text = Array(message.utf8)
        if stream && !streamTail.isEmpty {
            text = streamTail + text
            streamTail.removeAll()
        }
        text.withUnsafeBytes { bytes in
            var start = 0
            while let nl = LineBytes.firstIndex(of: 0x0A, in: bytes, from: start) {
                var end = nl
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                deliver(LineBytes.slice(bytes, start..<end), number: number, into: &sink)
                start = nl + 1
            }
            if start < bytes.count {
                if stream {
                    streamTail = Array(LineBytes.slice(bytes, start..<bytes.count))
                    streamTailLine = number
                } else {
                    deliver(LineBytes.slice(bytes, start..<bytes.count), number: number, into: &sink)
                }
            }
            // A whole dump in one message (`"msg":"goroutine 1 [running]:\n…"`) ends with the
            // message, like a dump followed by a blank line; the next record is not part of it.
            if !stream && start > 0 {
                var blank: UInt8 = 0
                withUnsafeBytes(of: &blank) { deliver(LineBytes.slice($0, 0..<0), number: number, into: &sink) }
            }
        }
    }

    private mutating func deliverPartialLine(into sink: inout some DumpSink) {
        let text = partialLine
        partialLine.removeAll(keepingCapacity: true)
        text.withUnsafeBytes { deliver($0, number: partialLineNumber, into: &sink) }
    }

    /// Routes unwrapped text: a count-profile header opens a count profile, which lasts while
    /// lines look like its records; everything else goes to the traceback parser, which
    /// treats non-dump text as prose.
    private mutating func deliver(_ line: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        if let header = CountProfileHeader(line) {
            if countProfile.inProfile { countProfile.finish(unterminated: false, into: &sink) }
            skippingProfile = !CountProfileHeader.goroutineProfiles.contains(header.name)
            if skippingProfile {
                sink.issue(ParseIssue(line: number, message: "a \(header.name) profile inside the log is not about goroutines; skipped", text: LineBytes.quoted(line)))
                return
            }
            if tracebackFed {
                traceback.finish(unterminated: false, into: &sink)
                traceback = TracebackParser(options: options)
                tracebackFed = false
            }
            countProfile.lineTime = lastTime
            countProfile.feed(line: line, number: number, into: &sink)
            return
        }
        if skippingProfile {
            if CountProfileParser.continuesProfile(line) { return }
            skippingProfile = false
        }
        if countProfile.inProfile {
            if CountProfileParser.continuesProfile(line) {
                countProfile.lineTime = lastTime
                countProfile.feed(line: line, number: number, into: &sink)
                return
            }
            countProfile.finish(unterminated: false, into: &sink)
        }
        traceback.lineTime = lastTime
        traceback.feed(line: line, number: number, into: &sink)
        tracebackFed = true
    }
}
