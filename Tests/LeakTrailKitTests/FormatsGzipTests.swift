import Foundation
import Testing
@testable import LeakTrailKit

/// gzip through the system zlib: streaming, multi-member files, and clean failures.
@Suite struct FormatsGzipTests {
    static let debug1 = """
        goroutine profile: total 3
        2 @ 0x4859ca 0x415bae 0x4156f2 0x522098 0x48bf41
        #\t0x522097\tmain.(*Worker).Run+0x17\texample.com/dumps/main.go:141

        1 @ 0x4859ca 0x415bae 0x4156f2 0x521a95 0x48bf41
        # labels: {"caller":"main"}
        #\t0x521a94\tmain.chanRecv+0x14\texample.com/dumps/main.go:27


        """

    /// Reads a source to its end through a small buffer, as the parsers do.
    static func drain<S: ByteSource>(_ source: S, chunk: Int = 7) throws -> [UInt8] {
        var source = source
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out.append(contentsOf: buffer[..<n])
        }
    }

    @Test func inflatesInSmallPieces() throws {
        let plain = Array(String(repeating: Self.debug1, count: 50).utf8)
        let gz = try FormatsFixtures.gzip(plain)
        #expect(try Self.drain(GzipSource(MemorySource(gz), inputChunkSize: 5)) == plain)
        #expect(try Self.drain(GzipSource(MemorySource(gz)), chunk: 1 << 16) == plain)
    }

    @Test func readsEveryMemberAndIgnoresZeroPadding() throws {
        let a = Array("first member\n".utf8), b = Array("second member\n".utf8)
        let both = try FormatsFixtures.gzip(a) + FormatsFixtures.gzip(b) + [0, 0, 0, 0]
        #expect(try Self.drain(GzipSource(MemorySource(both))) == a + b)
    }

    @Test func truncatedStreamIsMalformedWithAnOffset() throws {
        let gz = try FormatsFixtures.gzip(Array(String(repeating: Self.debug1, count: 20).utf8))
        let cut = Array(gz.prefix(gz.count / 2))
        #expect(throws: DumpError.malformed(message: "the gzip stream is truncated (it ends inside a member)", offset: cut.count)) {
            try Self.drain(GzipSource(MemorySource(cut)))
        }
        // Through the reader: the head sniffs as gzip, the cut surfaces as the file's error.
        var sink = SnapshotCollector()
        #expect(throws: DumpError.self) { try DumpReader.read(bytes: cut, into: &sink) }
    }

    @Test func corruptStreamIsMalformed() throws {
        var gz = try FormatsFixtures.gzip(Array(String(repeating: Self.debug1, count: 20).utf8))
        for i in 20..<40 { gz[i] ^= 0x5A }
        do {
            _ = try Self.drain(GzipSource(MemorySource(gz)))
            Issue.record("corrupt data inflated without error")
        } catch let DumpError.malformed(message, offset) {
            #expect(message.hasPrefix("corrupt gzip data") || message.contains("truncated"))
            #expect(offset != nil)
        }
    }

    @Test func trailingGarbageIsMalformed() throws {
        let gz = try FormatsFixtures.gzip(Array("text\n".utf8)) + Array("garbage".utf8)
        #expect(throws: DumpError.malformed(message: "bytes after the end of the gzip stream are not another gzip member", offset: gz.count - 7)) {
            try Self.drain(GzipSource(MemorySource(gz)))
        }
    }

    @Test func compressedDebug1IsSniffedFromItsInflatedHead() throws {
        let gz = try FormatsFixtures.gzip(Array(Self.debug1.utf8))
        var sink = SnapshotCollector()
        let summary = try DumpReader.read(bytes: gz, into: &sink)
        #expect(summary.format == .gzip)
        #expect(sink.snapshots.map(\.format) == [.debug1])
        #expect(sink.snapshots.first?.goroutineCount == 3)
    }

    @Test(.enabled(if: FormatsFixtures.corpusPresent, "../shared/corpus is absent"))
    func compressedTracebackReadsLikeThePlainFile() throws {
        let path = FormatsFixtures.corpus.appendingPathComponent("generated/go1.27.3/pprof_goroutine_debug2.txt").path
        let plain = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var a = SnapshotCollector(), b = SnapshotCollector()
        try DumpReader.read(bytes: plain, into: &a)
        try DumpReader.read(bytes: try FormatsFixtures.gzip(plain), into: &b)
        #expect(a.snapshots.count == 1)
        #expect(a.snapshots.map(\.goroutines) == b.snapshots.map(\.goroutines))
    }
}
