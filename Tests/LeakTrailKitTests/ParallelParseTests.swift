import Foundation
import Testing
@testable import LeakTrailKit

/// The parallel reader must hand a sink exactly what the sequential parser does: every call,
/// in the same order, with the same values (snapshot boundaries and start lines, goroutines
/// with their frames and source lines, signatures, issues with their line numbers and text).
/// Tiny chunks cut small inputs at every place the splitter allows.
@Suite("Parallel parse")
struct ParallelParseTests {
    /// Every call a parser makes on its sink, as a value.
    enum Event: Equatable {
        case begin(DumpFormat, String, Int, Date?)
        case goroutine(Goroutine, StackSignatures)
        case record(ProfileRecord, StackSignatures)
        case issue(ParseIssue)
        case end(Int?)
    }

    struct EventLog: DumpSink {
        var events: [Event] = []
        mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
            events.append(.begin(format, profile, startLine, time))
        }
        mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) { events.append(.goroutine(g, signatures)) }
        mutating func record(_ r: ProfileRecord, signatures: StackSignatures) { events.append(.record(r, signatures)) }
        mutating func issue(_ issue: ParseIssue) { events.append(.issue(issue)) }
        mutating func endSnapshot(declaredTotal: Int?) { events.append(.end(declaredTotal)) }
    }

    static let chunkSizes = [1, 2, 17, 100, 1000, 4096]

    /// The text files the splitter can cut: committed samples and, when present, the corpus.
    static let dumps: [String] = {
        let text = { (path: String) in !path.hasSuffix(".xz") && !path.hasSuffix(".gz") && !path.hasSuffix(".png") && !path.hasSuffix(".sqlite") }
        var files = Fixtures.files(under: Fixtures.sampleTraces, where: text)
        if Fixtures.corpusPresent { files += Fixtures.files(under: Fixtures.corpus, where: text) }
        return files
    }()

    /// Reads `bytes` sequentially and in chunks; returns both event lists and whether the
    /// chunked read really ran in parallel (the input was a traceback large enough).
    static func both(_ bytes: [UInt8], chunkSize: Int, threads: Int = 2, lineBufferSize: Int = 1 << 20, keepArguments: Bool = true) -> (sequential: [Event], parallel: [Event], cut: Bool) {
        func read(_ options: ParseOptions) -> [Event] {
            var log = EventLog()
            do { try DumpReader.read(bytes: bytes, options: options, into: &log) } catch { log.events.append(.issue(ParseIssue(line: -1, message: "\(error)"))) }
            return log.events
        }
        let sequential = ParseOptions(keepArguments: keepArguments, lineBufferSize: lineBufferSize, threads: 1)
        let parallel = ParseOptions(keepArguments: keepArguments, lineBufferSize: lineBufferSize, threads: threads, chunkSize: chunkSize)
        let cut = FormatSniffer.sniff(Array(bytes.prefix(DumpReader.sniffLength))) == .traceback
            && ParallelTracebackReader<PositionalBytes>.isWorthIt(size: bytes.count, options: parallel)
        return (read(sequential), read(parallel), cut)
    }

    @Test("every committed dump reads the same in chunks", arguments: dumps)
    func committedDump(path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        for size in Self.chunkSizes {
            let r = Self.both(bytes, chunkSize: size)
            #expect(r.sequential == r.parallel, "\(path), chunks of \(size) bytes")
        }
    }

    @Test("all committed tracebacks in one file: several snapshots, crash sections and prose between them")
    func concatenated() throws {
        var bytes: [UInt8] = []
        for path in Self.dumps where path.hasSuffix(".txt") || path.hasSuffix(".log") {
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            guard FormatSniffer.sniff(Array(data.prefix(DumpReader.sniffLength))) == .traceback else { continue }
            bytes += data + Array("\n".utf8)
        }
        for size in [1, 333, 8192, 65536] {
            let r = Self.both(bytes, chunkSize: size, threads: 3)
            #expect(r.cut)
            #expect(r.sequential == r.parallel, "chunks of \(size) bytes")
            let snapshots = r.parallel.filter { if case .begin = $0 { true } else { false } }.count
            #expect(snapshots > 10, "the concatenation holds many dumps")
        }
    }

    @Test("the splitter cuts only after an empty line, before `goroutine `")
    func cutPlaces() throws {
        let text = "goroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n\ngoroutine 2 [chan receive]:\nmain.f()\n\t/m.go:2\n\r\ngoroutine 3 [select]:\n"
        let bytes = Array(text.utf8)
        let splitter = ChunkSplitter(input: PositionalBytes(bytes: bytes), window: 32)
        defer { splitter.deallocate() }
        var cuts: [Int] = []
        var from = 1
        while let cut = try splitter.cut(from: from) {
            cuts.append(cut)
            from = cut + 1
        }
        let expected = [text.range(of: "goroutine 2")!, text.range(of: "goroutine 3")!].map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
        #expect(cuts == expected)
    }

    @Test("generated tracebacks read the same in chunks, with every line-buffer size")
    func generated() {
        var noise = SplitMix64(seed: 17)
        var cut = 0
        for round in 0..<400 {
            let bytes = Self.randomTraceback(&noise, lines: 5 + Int(noise.next() % 120))
            let buffer = 16 << Int(noise.next() % 9)
            let size = Self.chunkSizes[Int(noise.next() % UInt64(Self.chunkSizes.count))]
            let r = Self.both(bytes, chunkSize: size, threads: 1 + Int(noise.next() % 3), lineBufferSize: buffer, keepArguments: noise.next() % 2 == 0)
            if r.cut { cut += 1 }
            #expect(r.sequential == r.parallel, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(cut > 100, "most generated inputs were really cut")
    }

    /// Lines of every kind the traceback parser treats differently, in random order: headers
    /// (ids repeat, so snapshots split), frames, locations, `created by`, ancestors, elisions,
    /// crash preambles and `-----` sections, panic messages with tab-indented lines, the
    /// system stack, indented and glued headers, CRLF, blank lines, and a cut last line.
    static func randomTraceback(_ noise: inout SplitMix64, lines: Int) -> [UInt8] {
        let kinds: [(inout SplitMix64) -> String] = [
            { "goroutine \(1 + $0.next() % 9) [\(["running", "chan receive", "select", "IO wait, 3 minutes"][Int($0.next() % 4)])]:" },
            { _ in "goroutine 7 gp=0xc000007c00 m=nil [sleep]:" },
            { "main.work\($0.next() % 3)(0x1, {0x2, 0x3})" },
            { "\t/src/main.go:\($0.next() % 50) +0x1d" },
            { _ in "\t/src/lib.go:7" },
            { _ in "created by main.start in goroutine 1" },
            { _ in "[originating from goroutine 3]:" },
            { _ in "...5 frames elided..." },
            { _ in "panic: boom" },
            { _ in "\tgoroutine 99 [fake]:" },
            { _ in "fatal error: all goroutines are asleep - deadlock!" },
            { _ in "SIGQUIT: quit" },
            { _ in "-----" },
            { _ in "----- stack of thread 2" },
            { _ in "runtime stack:" },
            { _ in "  goroutine 4 [running]:" },
            { _ in "log line: dumping all stacksgoroutine 5 [running]:" },
            { _ in "exit status 2" },
            { _ in "rax    0x0" },
            { _ in "" }, { _ in "" }, { _ in "" },
            { _ in "goroutine 12 [chan send]:\r" },
            { _ in "\r" },
            { _ in "goroutine 123456789012345678901234 [running]:" },
            { _ in "goroutine 8 [" },
        ]
        var text = ""
        for _ in 0..<lines {
            text += kinds[Int(noise.next() % UInt64(kinds.count))](&noise) + "\n"
        }
        if noise.next() % 3 == 0 { text.removeLast(Int(noise.next() % 6)) }
        return Array(text.utf8)
    }
}
