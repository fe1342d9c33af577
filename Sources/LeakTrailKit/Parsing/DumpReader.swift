import Foundation

/// The one entry point for reading an input: sniffs its format from the content (never the
/// file name), then streams it through the matching parser into a ``DumpSink``.
public enum DumpReader {
    /// How many leading bytes decide the format.
    static let sniffLength = 64 * 1024

    /// What was read: the format recognised and how many bytes came in.
    public struct Summary: Sendable, Equatable {
        public var format: SniffedFormat
        public var bytes: Int
    }

    /// Reads a file at `path`; `-` is standard input. A large plain-text traceback in a
    /// regular file is parsed on several threads (``ParseOptions/threads``), with the same result.
    @discardableResult
    public static func read(path: String, options: ParseOptions = .init(), into sink: inout some DumpSink) throws -> Summary {
        let file = path == "-" ? FileSource(fileDescriptor: 0, name: "<stdin>") : try FileSource(path: path)
        defer { file.close() }
        return try read(file: file, options: options, into: &sink)
    }

    /// Reads an open file (or standard input) from its current offset.
    static func read(file: FileSource, options: ParseOptions, into sink: inout some DumpSink) throws -> Summary {
        // Chunks are read by offset: only a regular file read from its start qualifies.
        let size = lseek(file.fd, 0, SEEK_CUR) == 0 ? PositionalFile.regularFileSize(file.fd) : nil
        let whole = size.map { _ in PositionalFile(fd: file.fd, path: file.path) }
        return try read(file, size: size, positional: whole, options: options, into: &sink)
    }

    /// Reads bytes already in memory.
    @discardableResult
    public static func read(bytes: [UInt8], options: ParseOptions = .init(), into sink: inout some DumpSink) throws -> Summary {
        try read(MemorySource(bytes), size: bytes.count, positional: PositionalBytes(bytes: bytes), options: options, into: &sink)
    }

    /// Reads any byte source: sniff the head, then parse head and rest as one stream.
    @discardableResult
    public static func read<S: ByteSource>(_ source: S, options: ParseOptions = .init(), into sink: inout some DumpSink) throws -> Summary {
        try read(source, size: nil, positional: Optional<PositionalBytes>.none, options: options, into: &sink)
    }

    /// Sniffs the head of `source`; a plain traceback that can also be read at any offset
    /// (`positional`, `size` bytes) and is large enough goes to ``ParallelTracebackReader``.
    private static func read<S: ByteSource, P: PositionalInput>(_ source: S, size: Int?, positional: P?, options: ParseOptions,
                                                              into sink: inout some DumpSink) throws -> Summary {
        var source = source
        let head = try PrefixedSource<S>.head(of: &source, count: sniffLength)
        let format = FormatSniffer.sniff(head)
        if format == .traceback, let size, let positional, ParallelTracebackReader<P>.isWorthIt(size: size, options: options) {
            let bytes = try ParallelTracebackReader(input: positional, options: options).read(into: &sink)
            return Summary(format: format, bytes: bytes)
        }
        let stream = PrefixedSource(prefix: head, inner: source)
        let bytes = try parse(stream, as: format, options: options, into: &sink)
        return Summary(format: format, bytes: bytes)
    }

    static func parse<S: ByteSource>(_ stream: S, as format: SniffedFormat, options: ParseOptions, into sink: inout some DumpSink) throws -> Int {
        switch format {
        case .traceback:
            var parser = TracebackParser(options: options)
            return try parser.parse(stream, into: &sink)
        case .countProfile(let name):
            guard CountProfileHeader.goroutineProfiles.contains(name) else { throw DumpError.otherProfile(name: name) }
            var parser = CountProfileParser(options: options)
            return try parser.parse(stream, into: &sink)
        case .gzip:
            // The inflated head decides what was compressed: pprof protobuf, traceback or debug=1 text.
            return try read(GzipSource(stream), options: options, into: &sink).bytes
        case .protobuf:
            return try PprofDecoder.decode(stream, into: &sink)
        case .prefixedLog, .jsonLog:
            var parser = LogDumpParser(options: options)
            return try parser.parse(stream, into: &sink)
        case .unknown(let lookedLike) where lookedLike == "binary data" || lookedLike == "an empty file":
            throw DumpError.notADump(lookedLike: lookedLike)
        case .unknown(let lookedLike):
            // Text whose head shows no dump may still hold one further down (a long log):
            // scan it all, and only then say it was not a dump.
            var counted = SnapshotCounter(inner: sink)
            defer { sink = counted.inner }
            let bytes: Int
            if lookedLike == "a log without goroutine dumps" || lookedLike == "JSON without dump text" {
                var parser = LogDumpParser(options: options)
                bytes = try parser.parse(stream, into: &counted)
            } else {
                var parser = TracebackParser(options: options)
                bytes = try parser.parse(stream, into: &counted)
            }
            guard counted.snapshots > 0 else { throw DumpError.notADump(lookedLike: lookedLike) }
            return bytes
        }
    }
}

/// Passes everything on to another sink and counts the snapshots that began.
struct SnapshotCounter<Inner: DumpSink>: DumpSink {
    var inner: Inner
    var snapshots = 0

    mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        snapshots += 1
        inner.beginSnapshot(format: format, profile: profile, startLine: startLine, time: time)
    }
    mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) { inner.goroutine(g, signatures: signatures) }
    mutating func record(_ r: ProfileRecord, signatures: StackSignatures) { inner.record(r, signatures: signatures) }
    mutating func issue(_ issue: ParseIssue) { inner.issue(issue) }
    mutating func endSnapshot(declaredTotal: Int?) { inner.endSnapshot(declaredTotal: declaredTotal) }
}
