import Foundation
import Testing
@testable import LeakTrailKit

/// Dumps inside logs: synthetic edge cases, one per wrapper.
@Suite struct FormatsLogTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Date(timeIntervalSince1970: 1_795_795_200)  // 2026-11-27T00:00:00Z

    static func parse(_ text: String) -> SnapshotCollector {
        var parser = LogDumpParser(logOptions: LogOptions(timeZone: utc, now: now))
        var sink = SnapshotCollector()
        _ = try? parser.parse(MemorySource(Array(text.utf8)), into: &sink)
        return sink
    }

    static func date(_ iso: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: iso) ?? ISO8601DateFormatter().date(from: iso)!
    }

    @Test func twoDumpsInOneLogBecomeTwoSnapshotsAtTheirOwnTimes() {
        let sink = Self.parse("""
            2026-11-27T10:00:00.5Z app started
            2026-11-27T10:00:01.25Z goroutine 1 [running]:
            2026-11-27T10:00:01.25Z main.main()
            2026-11-27T10:00:01.25Z \t/app/main.go:10 +0x1d
            2026-11-27T10:00:01.25Z 
            2026-11-27T10:05:00Z goroutine 1 [running]:
            2026-11-27T10:05:00Z main.main()
            2026-11-27T10:05:00Z \t/app/main.go:10 +0x1d

            """)
        #expect(sink.snapshots.count == 2)
        #expect(sink.snapshots.map(\.time) == [Self.date("2026-11-27T10:00:01.25Z"), Self.date("2026-11-27T10:05:00Z")])
        #expect(sink.snapshots.map(\.startLine) == [2, 6])
        #expect(sink.snapshots.first?.goroutines.first?.frames.first == Frame(function: "main.main", file: "/app/main.go", line: 10, pcOffset: 0x1d))
    }

    @Test func containerRuntimePartialLinesAreJoined() {
        let sink = Self.parse("""
            2026-11-27T10:00:01.1Z stderr F goroutine 7 [chan receive]:
            2026-11-27T10:00:01.2Z stderr P main.veryLongFunctionNa
            2026-11-27T10:00:01.3Z stderr F me(...)
            2026-11-27T10:00:01.4Z stderr F \t/app/main.go:12 +0x2
            2026-11-27T10:00:01.5Z stderr F 

            """)
        let g = sink.snapshots.first?.goroutines.first
        #expect(g?.id == 7)
        #expect(g?.frames.first?.function == "main.veryLongFunctionName")
        #expect(sink.snapshots.first?.time == Self.date("2026-11-27T10:00:01.1Z"))
    }

    @Test func journaldShortTakesTheYearFromNow() {
        let sink = Self.parse("""
            Nov 26 15:07:24 web-1 api[123]: goroutine 3 [select]:
            Nov 26 15:07:24 web-1 api[123]: main.loop()
            Nov 26 15:07:24 web-1 api[123]: \t/app/loop.go:5 +0x10
            Nov 26 15:07:24 web-1 api[123]: 

            """)
        #expect(sink.snapshots.first?.goroutines.map(\.id) == [3])
        #expect(sink.snapshots.first?.time == Self.date("2026-11-26T15:07:24Z"))
    }

    /// Go's `log.Printf("%s", stack)` stamps only the first line of the message.
    @Test func onlyTheFirstLineStamped() {
        let sink = Self.parse("""
            2026/11/27 10:00:00.123456 goroutine 1 [running]:
            main.main()
            \t/app/main.go:10 +0x1d

            """)
        #expect(sink.snapshots.first?.goroutines.count == 1)
        let expected = Self.date("2026-11-27T10:00:00Z").addingTimeInterval(0.123456)
        #expect(abs((sink.snapshots.first?.time ?? .distantPast).timeIntervalSince(expected)) < 1e-6)
    }

    @Test func test2jsonOutputIsAStreamCutAnywhere() {
        let sink = Self.parse("""
            {"Time":"2026-11-27T10:00:00Z","Action":"output","Package":"p","Output":"goroutine 9 [chan "}
            {"Time":"2026-11-27T10:00:00Z","Action":"output","Package":"p","Output":"receive]:\\nmain.wait()\\n"}
            {"Time":"2026-11-27T10:00:00Z","Action":"output","Package":"p","Output":"\\t/app/w.go:3 +0x9\\n\\n"}

            """)
        #expect(sink.snapshots.first?.goroutines.first?.state == "chan receive")
        #expect(sink.snapshots.first?.goroutines.first?.frames.count == 1)
    }

    @Test func countProfileInsideALog() {
        let sink = Self.parse("""
            {"ts":1795795200.5,"msg":"goroutine profile: total 3\\n2 @ 0x1 0x2\\n#\\t0x1\\tmain.a+0x1\\t/app/a.go:1\\n\\n1 @ 0x3\\n#\\t0x3\\tmain.b+0x1\\t/app/b.go:2\\n"}
            {"ts":1795795201,"msg":"threadcreate profile: total 1\\n1 @ 0x0\\n#\\t0x0\\n"}
            {"ts":1795795202,"msg":"done"}

            """)
        #expect(sink.snapshots.count == 1)
        #expect(sink.snapshots.first?.format == .debug1)
        #expect(sink.snapshots.first?.goroutineCount == 3)
        #expect(sink.snapshots.first?.time == Date(timeIntervalSince1970: 1_795_795_200.5))
        #expect(sink.looseIssues.contains { $0.message.contains("threadcreate") })
    }

    /// Prefixes recognised per line, with where the carried text starts.
    static let prefixes: [(line: String, kind: LogLinePrefix.Kind?, rest: String)] = [
        ("2026-11-27T16:32:01.76059071Z stdout F ready", .containerRuntime, "ready"),
        ("2026-11-27T16:32:01.852760791Z stderr F ", .containerRuntime, ""),
        ("2026-11-27T16:32:00.977356Z goroutine 1 [running]:", .timestamp, "goroutine 1 [running]:"),
        ("2026-11-27T16:32:00+01:00 \t/app/x.go:1 +0x1", .timestamp, "\t/app/x.go:1 +0x1"),
        ("2026-11-27 16:32:00,123 panic: boom", .timestamp, "panic: boom"),
        ("2026/11/27 16:32:00 ", .goLog, ""),
        ("2026/11/27 16:32:00.123456 main.main()", .goLog, "main.main()"),
        ("Nov  7 15:07:24 host prog: goroutine 1 [running]:", .syslog, "goroutine 1 [running]:"),
        ("2026-11-27T15:07:24+0100 host prog[12]: main.main()", .syslog, "main.main()"),
        ("goroutine 1 [running]:", nil, ""),
        ("\t/app/2026-11-27T16:32:00.go:1", nil, ""),
    ]

    @Test(arguments: prefixes.indices)
    func prefixRecognised(_ i: Int) {
        let p = Self.prefixes[i]
        let bytes = Array(p.line.utf8)
        let match = bytes.withUnsafeBytes { LogLinePrefix.match($0, .init(zone: Self.utc, now: Self.now)) }
        #expect(match?.kind == p.kind, "\(p.line)")
        if let match {
            #expect(String(decoding: bytes[match.contentStart...], as: UTF8.self) == p.rest)
        }
    }
}
