import Foundation

/// One goroutine dump: every goroutine of one process at one moment, as one format carried it.
///
/// A file can hold several snapshots (a log with two SIGQUIT dumps). Traceback-family
/// snapshots fill ``goroutines``; count profiles fill ``records``.
public struct Snapshot: Sendable, Codable {
    public var format: DumpFormat
    /// Which runtime profile produced it: `goroutine`, or `goroutineleak` (every goroutine leaked).
    public var profile: String
    public var goroutines: [Goroutine]
    public var records: [ProfileRecord]
    /// Problems met while reading; each names a line and quotes it. Readable goroutines are kept.
    public var issues: [ParseIssue]
    /// The capture time when the content says it (pprof `time_nanos`, a log line's prefix).
    public var time: Date?
    /// 1-based line where this snapshot starts in its source.
    public var startLine: Int
    /// `goroutine profile: total N` of count profiles; nil for tracebacks.
    public var declaredTotal: Int?

    public init(
        format: DumpFormat, profile: String = "goroutine", goroutines: [Goroutine] = [],
        records: [ProfileRecord] = [], issues: [ParseIssue] = [], time: Date? = nil,
        startLine: Int = 1, declaredTotal: Int? = nil
    ) {
        self.format = format
        self.profile = profile
        self.goroutines = goroutines
        self.records = records
        self.issues = issues
        self.time = time
        self.startLine = startLine
        self.declaredTotal = declaredTotal
    }

    /// How many goroutines the snapshot stands for: one per traceback block, `count` per record.
    public var goroutineCount: Int {
        goroutines.count + records.reduce(0) { $0 + $1.count }
    }
}

/// The shape a dump came in; see FORMATS.md §0 for the families.
public enum DumpFormat: String, Sendable, Codable, CaseIterable {
    /// Family A: `?debug=2`, `runtime.Stack`, panics, fatal errors, SIGQUIT.
    case traceback
    /// Family B: `?debug=1` count profiles (`goroutine profile: total N`).
    case debug1
    /// Family C: gzip-compressed `perftools.profiles.Profile`.
    case pprof
}

/// A non-fatal problem in an input: the goroutines around it are still read.
public struct ParseIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 1-based line number (or byte offset for binary formats, see ``offset``).
    public var line: Int
    public var message: String
    /// The offending line, quoted as read (cut to a readable length).
    public var text: String
    /// Byte offset for binary inputs; nil for text.
    public var offset: Int?

    public init(line: Int, message: String, text: String = "", offset: Int? = nil) {
        self.line = line
        self.message = message
        self.text = text
        self.offset = offset
    }

    public var description: String {
        let at = offset.map { "byte \($0)" } ?? "line \(line)"
        return text.isEmpty ? "\(at): \(message)" : "\(at): \(message): \"\(text)\""
    }
}
