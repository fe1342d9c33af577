import Foundation

/// The traceback-family parser (FORMATS.md §2–§6): `?debug=2`, `runtime.Stack`, panics,
/// fatal errors, SIGQUIT and crash output, `go test` timeouts, from Go 1.0 to 1.27.
///
/// A state machine over byte lines. It scans for goroutine headers anywhere and treats
/// everything else as prose, so text before, between and after dumps is harmless. Several
/// dumps in one input become several snapshots: a new one starts when a goroutine id repeats
/// or when a crash preamble (`panic:`, `fatal error:`, `SIGQUIT: quit`) follows goroutines —
/// except the per-thread sections of GOTRACEBACK=crash, which follow `-----` and belong to the
/// same crash.
public struct TracebackParser {
    /// Where the machine is; each case shows a sample line it expects next.
    enum State {
        /// Outside any goroutine block: `panic: boom`, log text, a blank line, or
        /// `goroutine 1 [running]:` (→ ``frames``), or `runtime stack:` (→ ``systemStack``).
        case prose
        /// Inside a block, after a header or a complete frame: `main.worker(0x1)` (→ ``location``),
        /// `created by main.start in goroutine 1` (→ ``location``), `...8 frames elided...`,
        /// `[originating from goroutine 7]:`, a blank line (→ ``prose``), or the next header.
        case frames
        /// After a function or `created by` line: `\t/src/app/main.go:42 +0x1d` (→ ``frames``).
        case location(LocationOwner)
        /// Frames of the g0 stack under `runtime stack:`; they have no goroutine and are skipped
        /// until a blank line (→ ``prose``) or a header (→ ``frames``).
        case systemStack
    }

    /// Which pending line a location line completes.
    enum LocationOwner {
        case frame
        case createdBy
    }

    private let options: ParseOptions
    private var state = State.prose
    // Caches of what the input repeats; a chunked read carries them from chunk to chunk.
    private var functions: ByteInterner
    private var files: ByteInterner
    private var frameCache: FrameHashCache
    private var states: StateTable
    private var headers: HeaderCache
    private var locations: LocationCache

    // The snapshot being read.
    private var boundaries = SnapshotBoundaries()
    /// Set when the parser reads one chunk of a larger input (see ``ParallelTracebackReader``):
    /// snapshot boundaries depend on what came before the chunk, so the marks that decide them
    /// go to the chunk's log, in order with what the parser hands its sink, instead of being
    /// applied here.
    var chunkLog: ChunkLog?
    /// Inside the lines of a panic or fatal error message (see ``inProse``).
    private var inPanicMessage = false

    // The goroutine being read.
    private var current: Goroutine?
    private var ancestor: Ancestor?
    /// `ancestor != nil`, kept apart: the parser asks it for every frame, and testing the
    /// optional itself costs a call into its layout code.
    private var inAncestor = false
    private var indent: [UInt8] = []
    /// The frames of ``current`` as ids; turned into shared `[Frame]` arrays and signatures by
    /// ``stacks``. With ``ParseOptions/keepArguments`` every goroutine's frames differ, so
    /// they are also built directly into ``framesWithArguments``.
    private var rawFrames: [RawFrame] = []
    private var framesWithArguments: [Frame] = []
    private var stacks: StackCache
    private var depth: Int { rawFrames.count }
    private var pendingFunction: Int32 = -1
    private var pendingArguments: String?
    private var pendingCreator: Int?

    private var lastLineNumber = 0
    /// The last line fed was a location line with its `+0x` offset: nothing of it is missing.
    private var lastLineWasWholeLocation = false

    /// The time of the line about to be fed, when a log prefix said it; a snapshot that begins
    /// on that line takes it as its capture time.
    public var lineTime: Date?

    public init(options: ParseOptions = .init()) {
        self.init(options: options, cachesOf: nil)
    }

    /// A parser for one more chunk of a chunked read (``ParallelTracebackReader``): it starts
    /// afresh, as after an empty line, and logs its marks to `log`, but keeps what `earlier`
    /// learned from other chunks of the same input — interned names, frame hashes, shared
    /// stacks — so that names are not interned and hashed again for every chunk.
    init(chunkOf earlier: TracebackParser, log: ChunkLog) {
        self.init(options: earlier.options, cachesOf: earlier)
        chunkLog = log
    }

    /// Empty caches, or those of `earlier` (without allocating empty ones first).
    private init(options: ParseOptions, cachesOf earlier: TracebackParser?) {
        self.options = options
        functions = earlier?.functions ?? ByteInterner()
        files = earlier?.files ?? ByteInterner()
        frameCache = earlier?.frameCache ?? FrameHashCache()
        states = earlier?.states ?? StateTable()
        headers = earlier?.headers ?? HeaderCache()
        locations = earlier?.locations ?? LocationCache()
        stacks = earlier?.stacks ?? StackCache()
    }

    /// Reads a whole source; returns the number of bytes read.
    public mutating func parse<S: ByteSource>(_ source: S, into sink: inout some DumpSink) throws -> Int {
        var reader = LineReader(source: source, chunkSize: options.lineBufferSize)
        defer { reader.deallocate() }
        return try read(&reader, into: &sink).bytes
    }

    /// Reads what `reader` hands out to the end; returns the bytes and the lines read.
    mutating func read<S: ByteSource>(_ reader: inout LineReader<S>, into sink: inout some DumpSink) throws -> (bytes: Int, lines: Int) {
        var overlong = 0
        while let line = try reader.nextLine() {
            if reader.overlongLines > overlong {
                overlong = reader.overlongLines
                sink.issue(ParseIssue(line: reader.lineNumber, message: "line longer than \(Bytes.sizeText(options.lineBufferSize)); only its start was read", text: Bytes.quote(line, limit: 80)))
            }
            if reader.lastLineUnterminated {
                feedCutLine(line, number: reader.lineNumber, into: &sink)
            } else {
                feed(line: line, number: reader.lineNumber, into: &sink)
            }
        }
        finish(unterminated: reader.lastLineUnterminated, into: &sink)
        return (reader.bytesRead, reader.lineNumber)
    }

    /// Feeds one line (without its terminator); `number` is 1-based.
    public mutating func feed(line raw: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        lastLineNumber = number
        lastLineWasWholeLocation = false
        let line = dedented(raw)
        switch state {
        case .frames: inFrames(line, raw: raw, number, &sink)
        case .location(let owner): inLocation(line, raw: raw, owner, number, &sink)
        case .prose: inProse(raw, number, &sink)
        case .systemStack: inSystemStack(raw, number, &sink)
        }
    }

    /// The last line of an input that was cut mid-line (a `runtime.Stack` buffer, the 64 MiB
    /// cap of `?debug=2`): what it started is kept, and ``finish(unterminated:into:)`` marks
    /// the goroutine truncated instead of reporting the fragment as a malformed line.
    mutating func feedCutLine(_ line: UnsafeRawBufferPointer, number: Int, into sink: inout some DumpSink) {
        lastLineNumber = number
        lastLineWasWholeLocation = false
        switch state {
        case .location(let owner) where FrameLine.location(dedented(line)) == nil:
            addPending(owner, fileID: -1, line: 0, pcOffset: nil)
            state = .frames
        case .frames where FrameLine.function(dedented(line)) == nil && headerStart(line) == nil:
            break
        default:
            feed(line: line, number: number, into: &sink)
        }
    }

    /// Ends the input. `unterminated` says the last line had no newline: the dump was cut.
    public mutating func finish(unterminated: Bool, into sink: inout some DumpSink) {
        if current != nil {
            // A last line without its newline was cut, unless it is visibly whole.
            var cut = unterminated && !lastLineWasWholeLocation
            if case .location = state { cut = true }
            if let g = current, depth == 0 && !g.stackUnavailable && g.createdBy == nil { cut = true }
            if cut, let g = current {
                current?.truncated = true
                sink.issue(ParseIssue(line: lastLineNumber, message: "the input ends inside goroutine \(g.id); it is kept, marked truncated", text: ""))
            }
            endGoroutine(&sink)
        }
        endSnapshot(&sink)
        state = .prose
    }

    // MARK: States

    private mutating func inProse(_ line: UnsafeRawBufferPointer, _ number: Int, _ sink: inout some DumpSink) {
        if line.isEmpty {
            inPanicMessage = false
            return
        }
        // Since Go 1.23 a panic value's later lines are TAB-indented so that text such as
        // `goroutine 99 [fake]:` inside it is never a header.
        if inPanicMessage && line[0] == Bytes.tab { return }
        inPanicMessage = Bytes.hasPrefix(line, "panic: ") || Bytes.hasPrefix(line, "fatal error: ")
        if let at = headerStart(line) {
            beginGoroutine(line, at: at, number, &sink)
            return
        }
        if Bytes.hasPrefix(line, "runtime stack:") {
            state = .systemStack
            return
        }
        noteProse(line, &sink)
    }

    private mutating func inFrames(_ line: UnsafeRawBufferPointer, raw: UnsafeRawBufferPointer, _ number: Int, _ sink: inout some DumpSink) {
        if line.isEmpty {
            if depth == 0, let g = current, !g.stackUnavailable, g.createdBy == nil {
                sink.issue(ParseIssue(line: number, message: "goroutine \(g.id) has a header but no frames", text: ""))
            }
            endGoroutine(&sink)
            state = .prose
            return
        }
        let first = line[0]
        if first == UInt8(ascii: "g"), TracebackHeader.startsHeader(line, at: 0) {
            endGoroutine(&sink)
            beginGoroutine(raw, at: raw.count - line.count, number, &sink)
            return
        }
        if first == UInt8(ascii: "c"), Bytes.hasPrefix(line, "created by ") {
            let c = FrameLine.createdBy(line)
            pendingFunction = functions.intern(UnsafeRawBufferPointer(rebasing: line[c.nameStart..<c.nameEnd]))
            pendingCreator = c.creator
            state = .location(.createdBy)
            return
        }
        if first == UInt8(ascii: "."), case let e = FrameLine.elision(line), e.isElision {
            if !inAncestor {
                let index = depth
                current?.elision = Elision(index: index, count: e.count)
            }
            return
        }
        if first == UInt8(ascii: "["), Bytes.hasPrefix(line, "[originating from goroutine ") {
            startAncestor(line)
            return
        }
        if let f = FrameLine.function(line) {
            pendingFunction = functions.intern(UnsafeRawBufferPointer(rebasing: line[0..<f.nameEnd]))
            pendingArguments = options.keepArguments ? Bytes.string(line, f.argsStart, f.argsEnd) : nil
            state = .location(.frame)
            return
        }
        if isNoteInsideBlock(line) { return }
        if let at = TracebackHeader.gluedHeaderStart(raw) {
            endGoroutine(&sink)
            beginGoroutine(raw, at: at, number, &sink)
            return
        }
        // Anything else ends the block: a register dump, `exit status 2`, a log line. Only a
        // line that could have been a frame (no space: names and locations have none) is a
        // malformed goroutine; prose after a `runtime.Stack` capture is not.
        if !Self.isKnownTrailer(line), memchr(line.baseAddress!, Int32(Bytes.space), line.count) == nil, let id = current?.id {
            sink.issue(ParseIssue(line: number, message: "unexpected line in goroutine \(id); the goroutine ends here", text: Bytes.quote(raw)))
        }
        endGoroutine(&sink)
        state = .prose
        inProse(raw, number, &sink)
    }

    private mutating func inLocation(_ line: UnsafeRawBufferPointer, raw: UnsafeRawBufferPointer, _ owner: LocationOwner, _ number: Int, _ sink: inout some DumpSink) {
        guard let loc = locations.location(line, files: &files) else {
            let function = functions.strings[Int(pendingFunction)]
            sink.issue(ParseIssue(line: number, message: "expected the location line of \(function)", text: Bytes.quote(raw)))
            addPending(owner, fileID: -1, line: 0, pcOffset: nil)
            state = .frames
            inFrames(line, raw: raw, number, &sink)
            return
        }
        addPending(owner, fileID: loc.file, line: loc.line, pcOffset: loc.pcOffset)
        lastLineWasWholeLocation = loc.pcOffset != nil
        state = .frames
    }

    private mutating func inSystemStack(_ line: UnsafeRawBufferPointer, _ number: Int, _ sink: inout some DumpSink) {
        if line.isEmpty {
            state = .prose
        } else if let at = headerStart(line) {
            beginGoroutine(line, at: at, number, &sink)
        }
    }

    // MARK: Goroutines

    private mutating func beginGoroutine(_ line: UnsafeRawBufferPointer, at offset: Int, _ number: Int, _ sink: inout some DumpSink) {
        guard let (header, complete) = headers.parse(line, at: offset, states: &states) else {
            sink.issue(ParseIssue(line: number, message: "malformed goroutine header", text: Bytes.quote(line)))
            state = .prose
            return
        }
        mark(.header(id: header.id, line: number), &sink)
        if !complete {
            sink.issue(ParseIssue(line: number, message: "goroutine \(header.id): header is cut or malformed; kept with what could be read", text: Bytes.quote(line)))
        }
        indent = offset > 0 && Self.isIndentation(line, offset) ? Array(UnsafeRawBufferPointer(rebasing: line[0..<offset])) : []
        current = Goroutine(
            id: header.id, state: header.state, waitMinutes: header.waitMinutes,
            lockedToThread: header.lockedToThread, leaked: header.leaked, durable: header.durable,
            synctestBubble: header.synctestBubble, labels: header.labels, gp: header.gp, m: header.m,
            mp: header.mp, truncated: !complete, sourceLine: number)
        rawFrames.removeAll(keepingCapacity: true)
        framesWithArguments = []
        if inAncestor { (ancestor, inAncestor) = (nil, false) }
        state = .frames
    }

    private mutating func addPending(_ owner: LocationOwner, fileID: Int32, line: Int, pcOffset: UInt64?) {
        // Frames keep lines as Int32: clamp once, so that the frame and its cached hash agree
        // on a hostile `file.go:12345678901234` (found by fuzzing).
        let line = Int(Int32(clamping: line))
        switch owner {
        case .createdBy:
            let c = CreatedBy(function: functions.strings[Int(pendingFunction)], file: fileName(fileID), line: line, creatorGoroutineID: pendingCreator)
            if inAncestor { ancestor?.createdBy = c } else { current?.createdBy = c }
        case .frame where inAncestor:
            let f = frame(pendingFunction, fileID, line, pcOffset, pendingArguments)
            if options.keepAncestors { ancestor?.frames.append(f) }
        case .frame:
            if options.keepArguments {
                framesWithArguments.append(frame(pendingFunction, fileID, line, pcOffset, pendingArguments))
            }
            rawFrames.append(RawFrame(function: pendingFunction, file: fileID, line: Int32(clamping: line), pcOffset: pcOffset ?? .max))
        }
    }

    /// Both signatures of the frames in ``rawFrames``, from the per-frame hashes. Computed once
    /// per distinct stack (``stacks`` keeps them): most goroutines share their stack with
    /// thousands of others.
    private mutating func signatures() -> StackSignatures {
        var lineHasher = StackHasher(level: .line)
        var functionHasher = StackHasher(level: .function)
        var visibleFrames = 0
        // Hashes over every frame, for stacks made only of runtime frames (see
        // ``SignatureFrames``): frames only add to them until the first visible one; a stack
        // with no visible frame at all is hashed whole, as ``SignatureFrames/visible(_:)`` says.
        var allLineHasher = StackHasher(level: .line)
        var allFunctionHasher = StackHasher(level: .function)
        for r in rawFrames {
            let line = Int(r.line)
            let h = frameCache.cached(function: r.function, file: r.file, line: line)
                ?? frameCache.compute(function: r.function, file: r.file, line: line,
                                      name: functions.strings[Int(r.function)], fileName: fileName(r.file))
            if !h.hidden {
                lineHasher.add(frameHash: h.line)
                functionHasher.add(frameHash: h.function)
                visibleFrames += 1
            } else if visibleFrames == 0 && !h.goexit {
                allLineHasher.add(frameHash: h.line)
                allFunctionHasher.add(frameHash: h.function)
            }
        }
        return visibleFrames > 0
            ? StackSignatures(line: lineHasher.signature, function: functionHasher.signature)
            : StackSignatures(line: allLineHasher.signature, function: allFunctionHasher.signature)
    }

    private func fileName(_ id: Int32) -> String { id >= 0 ? files.strings[Int(id)] : "" }

    private func frame(_ function: Int32, _ file: Int32, _ line: Int, _ pcOffset: UInt64?, _ arguments: String?) -> Frame {
        Frame(function: functions.strings[Int(function)], file: fileName(file), line: line, pcOffset: pcOffset, arguments: arguments)
    }

    /// The model value of an interned frame.
    private func frame(_ r: RawFrame) -> Frame {
        frame(r.function, r.file, Int(r.line), r.pcOffset == .max ? nil : r.pcOffset, nil)
    }

    private mutating func startAncestor(_ line: UnsafeRawBufferPointer) {
        flushAncestor()
        let e = Bytes.digitsEnd(line, 28)
        ancestor = Ancestor(goroutineID: Bytes.decimal(line, 28, e) ?? 0)
        inAncestor = true
    }

    private mutating func flushAncestor() {
        guard inAncestor else { return }
        if let a = ancestor, options.keepAncestors { current?.ancestors.append(a) }
        (ancestor, inAncestor) = (nil, false)
    }

    private mutating func endGoroutine(_ sink: inout some DumpSink) {
        flushAncestor()
        guard current != nil else { return }
        let signatures: StackSignatures
        if let shared = stacks.frames(for: rawFrames) {
            current!.frames = shared.frames
            signatures = shared.signatures
        } else {
            signatures = self.signatures()
            let frames = rawFrames.map(frame)
            current!.frames = frames
            stacks.insert(frames, signatures: signatures, for: rawFrames)
        }
        if options.keepArguments { current!.frames = framesWithArguments }
        framesWithArguments = []
        // Taken out of `current` straight into the sink: a chunk's log keeps it without
        // copying (and so retaining) its strings and arrays.
        sink.goroutine(current.take()!, signatures: signatures)
        indent = []
    }

    private mutating func endSnapshot(_ sink: inout some DumpSink) {
        boundaries.close(into: &sink)
    }

    /// Applies a mark of ``SnapshotBoundaries``, or logs it for the merge of a chunked read.
    private mutating func mark(_ mark: SnapshotBoundaries.Mark, _ sink: inout some DumpSink) {
        if let chunkLog {
            chunkLog.append(mark)
        } else {
            boundaries.apply(mark, time: lineTime, into: &sink)
        }
    }

    // MARK: Line kinds

    /// A header at the start of the line, after indentation, or glued to other text.
    private func headerStart(_ line: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        while i < line.count, Self.isIndentByte(line[i]) { i += 1 }
        if TracebackHeader.startsHeader(line, at: i) { return i }
        return TracebackHeader.gluedHeaderStart(line)
    }

    /// Prose decides snapshot boundaries: a crash preamble after goroutines starts a new dump,
    /// unless it follows the `-----` that separates the per-thread sections of one crash.
    private mutating func noteProse(_ line: UnsafeRawBufferPointer, _ sink: inout some DumpSink) {
        if Bytes.hasPrefix(line, "-----") {
            mark(.crashSeparator, &sink)
        } else if Self.isPreamble(line) {
            mark(.crashPreamble, &sink)
        }
    }

    static func isPreamble(_ line: UnsafeRawBufferPointer) -> Bool {
        if Bytes.hasPrefix(line, "panic: ") || Bytes.hasPrefix(line, "fatal error: ") { return true }
        // `SIGQUIT: quit`, `SIGSEGV: segmentation violation`, `SIGABRT: abort`.
        guard Bytes.hasPrefix(line, "SIG"), let colon = Bytes.find(": ", in: line) else { return false }
        return colon <= 12
    }

    /// Runtime diagnostics printed inside a block (FORMATS.md §5.5): skipped, the block goes on.
    private mutating func isNoteInsideBlock(_ line: UnsafeRawBufferPointer) -> Bool {
        if Bytes.hasPrefix(line, "runtime: ") || Bytes.hasPrefix(line, "stack: frame={") { return true }
        if Bytes.hasPrefix(line, "----- ") || Bytes.hasPrefix(line, "non-Go function at pc=") { return true }
        let trimmed = line.firstIndex { $0 != Bytes.tab && $0 != Bytes.space } ?? 0
        if trimmed > 0 {
            let rest = UnsafeRawBufferPointer(rebasing: line[trimmed...])
            if Bytes.hasPrefix(rest, "goroutine running on other thread") {
                current?.stackUnavailable = true
                return true
            }
            if Bytes.hasPrefix(rest, "stack=[") { return true }
        }
        // Hex dump rows of `unexpected return pc`: `000000c000123f40:  0000000000000001 …`.
        if line.count > 17, line[16] == UInt8(ascii: ":"), Bytes.hex(line, 0, 16) != nil { return true }
        return false
    }

    /// Lines that normally end a block and deserve no issue.
    static func isKnownTrailer(_ line: UnsafeRawBufferPointer) -> Bool {
        if isPreamble(line) || Bytes.hasPrefix(line, "exit status ") || Bytes.hasPrefix(line, "FAIL") { return true }
        if Bytes.hasPrefix(line, "-----") || Bytes.hasPrefix(line, "PC=") || Bytes.hasPrefix(line, "*** ") { return true }
        // Register dumps: `rax    0x0`, `r10    0x8`, `rflags 0x246`.
        var i = 0
        while i < line.count, line[i] != Bytes.space { i += 1 }
        var j = i
        while j < line.count, line[j] == Bytes.space { j += 1 }
        return i > 0 && i <= 8 && j > i && Bytes.hasPrefix(line, "0x", at: j)
    }

    @inline(__always)
    static func isIndentByte(_ b: UInt8) -> Bool {
        b == Bytes.space || b == Bytes.tab || b == UInt8(ascii: "|") || b == UInt8(ascii: ">")
    }

    static func isIndentation(_ line: UnsafeRawBufferPointer, _ count: Int) -> Bool {
        (0..<count).allSatisfy { isIndentByte(line[$0]) }
    }

    /// The line without the block's indentation prefix (`  `, `| `) when it has it.
    @inline(__always)
    private func dedented(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard !indent.isEmpty, line.count >= indent.count else { return line }
        let matches = indent.withUnsafeBytes { memcmp($0.baseAddress!, line.baseAddress!, indent.count) == 0 }
        return matches ? UnsafeRawBufferPointer(rebasing: line[indent.count...]) : line
    }
}

#if canImport(Glibc)
import Glibc
#endif
