import Foundation

/// Reads `?debug=1` count profiles (FORMATS.md §7) into ``ProfileRecord``s: one record per
/// distinct stack and label set, with the number of goroutines that share it.
///
/// A state machine over lines; each state documents a sample line and where it can go next.
/// Lines come from a whole file through ``parse(_:into:)`` or one at a time through
/// ``feed(line:number:into:)`` when an unwrapper (logs, JSON) hands them over. A line that
/// fits nowhere becomes a ``ParseIssue`` that quotes it; the records around it are kept.
public struct CountProfileParser {
    enum State {
        /// Nothing read yet, or the previous profile ended. Sample:
        /// `goroutine profile: total 41` → `.betweenRecords`.
        case beforeHeader
        /// After the header or a record's blank line. Samples: `2 @ 0x4859ca 0x415bae` →
        /// `.inRecord`; a blank line stays; another header starts the next snapshot.
        case betweenRecords
        /// Inside a record. Samples: `# labels: {"k":"v"}` (before any frame) and
        /// `#\t0x522097\tmain.(*Worker).Run+0x17\texample.com/dumps/main.go:141` stay; a blank
        /// line → `.betweenRecords`; `1 @ …` ends it and opens the next (legacy files have no
        /// blank lines); a header ends the snapshot.
        case inRecord
    }

    public let options: ParseOptions
    /// The time of the line about to be fed; a snapshot that begins on that line takes it.
    public var lineTime: Date?
    private var state = State.beforeHeader
    private var header: CountProfileHeader?
    private var headerLine = 0
    private var countedTotal = 0
    private var record = PendingRecord()
    private var frames = FrameTable()
    private var signatures = SignatureCache()

    public init(options: ParseOptions = .init()) {
        self.options = options
    }

    /// Whether a snapshot is open (a header was read and its profile has not ended).
    public var inProfile: Bool { state != .beforeHeader }

    /// Reads a whole input; returns the number of bytes read.
    public mutating func parse<S: ByteSource>(_ source: S, into sink: inout some DumpSink) throws -> Int {
        var reader = LineReader(source: source, chunkSize: options.lineBufferSize)
        defer { reader.deallocate() }
        while let line = try reader.nextLine() {
            feed(line: line, number: reader.lineNumber, into: &sink)
        }
        finish(unterminated: reader.lastLineUnterminated, into: &sink)
        return reader.bytesRead
    }

    /// Reads one line (without its terminator); `number` is its 1-based line in the source.
    public mutating func feed(line: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        if let next = CountProfileHeader(line) {
            endSnapshot(into: &sink)
            beginSnapshot(next, line: number, into: &sink)
            return
        }
        switch state {
        case .beforeHeader:
            guard !LineBytes.isBlank(line) else { return }
            sink.issue(ParseIssue(line: number, message: "text outside a count profile", text: LineBytes.quoted(line)))
        case .betweenRecords:
            if LineBytes.isBlank(line) { return }
            if !startRecord(line, number: number) {
                sink.issue(ParseIssue(line: number, message: "expected a record line `COUNT @ pc…`", text: LineBytes.quoted(line)))
            }
        case .inRecord:
            if LineBytes.isBlank(line) {
                emitRecord(into: &sink)
                state = .betweenRecords
            } else if line.count >= 2 && line[0] == UInt8(ascii: "#") {
                readCommentLine(line, number: number, into: &sink)
            } else {
                let pending = record
                if startRecord(line, number: number) {
                    emit(pending, into: &sink)
                } else {
                    sink.issue(ParseIssue(line: number, message: "expected a frame line `#\tpc\tfunction+0xoff\tfile:line`", text: LineBytes.quoted(line)))
                }
            }
        }
    }

    /// Ends the input: the last record and the snapshot are handed over. `unterminated` says
    /// the last line had no newline (the capture was cut).
    public mutating func finish(unterminated: Bool, into sink: inout some DumpSink) {
        if unterminated && state == .inRecord {
            sink.issue(ParseIssue(line: record.sourceLine, message: "the profile ends inside this record (the last line has no newline)"))
        }
        endSnapshot(into: &sink)
    }

    /// Whether a line can belong to a count profile that is already open: a record line, a
    /// `#` line or a blank line. Unwrappers use it to tell where an embedded profile ends.
    public static func continuesProfile(_ line: UnsafeRawBufferPointer) -> Bool {
        if LineBytes.isBlank(line) || line[0] == UInt8(ascii: "#") { return true }
        var i = 0
        while i < line.count && line[i] >= 0x30 && line[i] <= 0x39 { i += 1 }
        return i > 0 && LineBytes.hasPrefix(LineBytes.slice(line, i..<line.count), " @")
    }

    // MARK: - Snapshots and records

    private mutating func beginSnapshot(_ h: CountProfileHeader, line: Int, into sink: inout some DumpSink) {
        header = h
        headerLine = line
        countedTotal = 0
        state = .betweenRecords
        sink.beginSnapshot(format: .debug1, profile: h.name, startLine: line, time: lineTime)
    }

    private mutating func endSnapshot(into sink: inout some DumpSink) {
        guard let h = header else { return }
        if state == .inRecord { emitRecord(into: &sink) }
        if countedTotal != h.total {
            sink.issue(ParseIssue(
                line: headerLine,
                message: "the header says total \(h.total) but the records add up to \(countedTotal)",
                text: "\(h.name) profile: total \(h.total)"))
        }
        sink.endSnapshot(declaredTotal: h.total)
        header = nil
        state = .beforeHeader
    }

    /// `2 @ 0x4859ca 0x415bae 0x4156f2 0x522098 0x48bf41`; false if the line is not one.
    private mutating func startRecord(_ line: UnsafeRawBufferPointer, number: Int) -> Bool {
        guard let space = LineBytes.firstIndex(of: LineBytes.space, in: line),
              let count = LineBytes.decimal(LineBytes.slice(line, 0..<space)),
              space + 1 < line.count, line[space + 1] == UInt8(ascii: "@") else { return false }
        record.reset(count: count, line: number)
        var i = space + 2
        while i < line.count {
            while i < line.count && line[i] == LineBytes.space { i += 1 }
            let start = i
            while i < line.count && line[i] != LineBytes.space { i += 1 }
            if i > start, let pc = LineBytes.hex(LineBytes.slice(line, start..<i)) { record.pcs.append(pc) }
        }
        state = .inRecord
        return true
    }

    /// `# labels: {…}` or `#\tpc\tfunction+0xoff\tfile:line`.
    private mutating func readCommentLine(_ line: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        if line[1] == LineBytes.tab {
            guard let frame = frames.frame(forLine: line) else {
                sink.issue(ParseIssue(line: number, message: "unreadable frame line", text: LineBytes.quoted(line)))
                return
            }
            record.frames.append(frame)
            record.sawFrameLines = true
        } else if LineBytes.hasPrefix(line, "# labels: ") {
            guard let labels = LabelSetParser.parse(LineBytes.slice(line, 10..<line.count)) else {
                sink.issue(ParseIssue(line: number, message: "unreadable label set", text: LineBytes.quoted(line)))
                return
            }
            record.labels = labels
        } else {
            sink.issue(ParseIssue(line: number, message: "unexpected comment line in a record", text: LineBytes.quoted(line)))
        }
    }

    private mutating func emitRecord(into sink: inout some DumpSink) {
        emit(record, into: &sink)
    }

    private mutating func emit(_ pending: PendingRecord, into sink: inout some DumpSink) {
        let frames = pending.sawFrameLines ? pending.frames : pending.pcs.map(FrameTable.unsymbolized)
        let leaked = header?.name == "goroutineleak"
        let r = ProfileRecord(count: pending.count, frames: frames, labels: pending.labels, leaked: leaked, sourceLine: pending.sourceLine)
        countedTotal += pending.count
        sink.record(r, signatures: signatures.signatures(of: frames))
    }
}

/// The record being read; its buffers are reused from one record to the next.
struct PendingRecord {
    var count = 0
    var sourceLine = 0
    /// The `@` pcs (return pcs), used as frames only by legacy files that have no `#` lines.
    var pcs: [UInt64] = []
    var frames: [Frame] = []
    var labels: [Label] = []
    var sawFrameLines = false

    mutating func reset(count: Int, line: Int) {
        self.count = count
        sourceLine = line
        pcs.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        labels = []
        sawFrameLines = false
    }
}
