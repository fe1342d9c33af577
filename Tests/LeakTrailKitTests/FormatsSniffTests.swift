import Foundation
import Testing
@testable import LeakTrailKit

/// Sniffing from content: "not mine" says what the bytes looked like; other runtime profiles
/// are refused by name.
@Suite struct FormatsSniffTests {
    /// Inputs that must be refused, with the error each must give.
    static let refusals: [(name: String, text: String, error: DumpError)] = [
        ("heap debug=1", "heap profile: 3: 96 [9: 288] @ heap/1048576\n1: 32 [1: 32] @ 0x40 0x41\n", .otherProfile(name: "heap")),
        ("mutex debug=1", "--- mutex:\ncycles/second=2494270000\nsampling period=1\n", .otherProfile(name: "mutex")),
        ("block debug=1", "--- contention:\ncycles/second=2494270000\n", .otherProfile(name: "block")),
        ("threadcreate debug=1", "threadcreate profile: total 7\n6 @\n#\t0x0\n\n", .otherProfile(name: "threadcreate")),
        ("custom profile", "my.custom/profile profile: total 1\n1 @ 0x1\n\n", .otherProfile(name: "my.custom/profile")),
        ("HTML", "<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>\n", .notADump(lookedLike: "an HTML page")),
        ("JSON log without dumps", "{\"msg\":\"started\",\"level\":\"info\"}\n{\"msg\":\"listening\"}\n", .notADump(lookedLike: "JSON without dump text")),
        ("log without dumps", "2024-11-27T15:07:24Z started\n2024-11-27T15:07:25Z listening\n", .notADump(lookedLike: "a log without goroutine dumps")),
        ("binary", String(decoding: [0x00, 0x01, 0x02, 0x03, 0x7F, 0x10, 0x11, 0x12] + Array(repeating: 0x05, count: 100), as: UTF8.self), .notADump(lookedLike: "binary data")),
        ("empty", "", .notADump(lookedLike: "an empty file")),
        ("prose", "hello\nworld\n", .notADump(lookedLike: "text without goroutine headers")),
    ]

    @Test(arguments: refusals.indices)
    func refusedCleanly(_ i: Int) {
        let r = Self.refusals[i]
        #expect(throws: r.error, "\(r.name)") { try FormatsFixtures.read(text: r.text) }
    }

    @Test func formatsAreTold() {
        func sniff(_ s: String) -> SniffedFormat { FormatSniffer.sniff(Array(s.utf8)) }
        #expect(sniff("goroutine profile: total 1\n1 @ 0x1\n") == .countProfile(name: "goroutine"))
        #expect(sniff("\n\ngoroutineleak profile: total 1\n") == .countProfile(name: "goroutineleak"))
        #expect(sniff("2024/11/27 15:07:24 goroutine 1 [running]:\nmain.main()\n") == .prefixedLog)
        #expect(sniff("2024-11-27T15:07:24.1Z stderr F goroutine 1 [running]:\n") == .prefixedLog)
        #expect(sniff("Nov 27 15:07:24 web-1 api[123]: goroutine 1 [running]:\n") == .prefixedLog)
        #expect(sniff("{\"log\":\"goroutine 1 [running]:\\n\",\"stream\":\"stderr\"}\n") == .jsonLog)
        #expect(sniff("{\"msg\":\"dump\",\"x\":1}\n{\"msg\":\"goroutine profile: total 1\\n1 @ 0x1\\n\"}\n") == .jsonLog)
        // A dump whose preamble is log text stays a traceback: the header itself is bare.
        #expect(sniff("2024/11/27 15:07:24 starting\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n") == .traceback)
    }

    /// A raw (uncompressed) protobuf profile is read as such.
    @Test(.enabled(if: FormatsFixtures.corpusPresent, "../shared/corpus is absent"))
    func rawProtobufIsSniffed() throws {
        let path = FormatsFixtures.corpus.appendingPathComponent("generated/go1.27.3/pprof_goroutine_debug0.pb.gz").path
        let raw = try GzipSourceTestSupport.inflate(path)
        #expect(FormatSniffer.sniff(raw) == .protobuf)
        var sink = SnapshotCollector()
        try DumpReader.read(bytes: raw, into: &sink)
        #expect(sink.snapshots.first?.goroutineCount == 41)
    }
}

enum GzipSourceTestSupport {
    static func inflate(_ path: String) throws -> [UInt8] {
        let file = try FileSource(path: path)
        defer { file.close() }
        return try FormatsGzipTests.drain(GzipSource(file), chunk: 1 << 16)
    }
}
