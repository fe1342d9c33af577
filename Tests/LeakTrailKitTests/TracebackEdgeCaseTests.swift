import Foundation
import Testing
@testable import LeakTrailKit

/// Line shapes of FORMATS.md that the committed samples do not all show, one named case each.
@Suite("Traceback edge cases")
struct TracebackEdgeCaseTests {
    static func parse(_ text: String) throws -> SnapshotCollector {
        var c = SnapshotCollector()
        try DumpReader.read(bytes: Array(text.utf8), options: ParseOptions(keepArguments: true), into: &c)
        return c
    }

    static func only(_ text: String) throws -> Goroutine {
        let c = try parse(text)
        try #require(c.snapshots.count == 1 && c.snapshots[0].goroutines.count == 1, "\(c.snapshots)")
        return c.snapshots[0].goroutines[0]
    }

    @Test func crlfLineEndings() throws {
        let g = try Self.only("goroutine 7 [chan receive]:\r\nmain.f(0x1)\r\n\t/src/main.go:10 +0x1d\r\n")
        #expect(g.frames == [Frame(function: "main.f", file: "/src/main.go", line: 10, pcOffset: 0x1d, arguments: "0x1")])
    }

    @Test func locationIndentedBySpacesOrNothing() throws {
        let spaced = try Self.only("goroutine 1 [running]:\nmain.f()\n        /src/main.go:3 +0x1\n")
        let bare = try Self.only("goroutine 1 [running]:\nmain.f()\n/src/main.go:3 +0x1\n")
        #expect(spaced.frames.first?.file == "/src/main.go" && bare.frames.first?.line == 3)
    }

    @Test func windowsPathsUnknownFilesAndFramePointers() throws {
        let g = try Self.only("""
        goroutine 1 [running]:
        main.f()
        \tC:/Users/x/main.go:12 +0x1d
        C.g()
        \t??:0
        runtime.goexit({})
        \truntime/asm_amd64.s:1700 +0x1 fp=0xc000 sp=0xc001 pc=0x46
        """ + "\n")
        #expect(g.frames.map(\.file) == ["C:/Users/x/main.go", "??", "runtime/asm_amd64.s"])
        #expect(g.frames.map(\.line) == [12, 0, 1700])
        #expect(g.frames[2].pcOffset == 1)
    }

    @Test func elisionInTheMiddleKeepsLaterFrames() throws {
        let g = try Self.only("""
        goroutine 5 [chan receive]:
        main.a()
        \t/m.go:1 +0x1
        ...12 frames elided...
        main.b()
        \t/m.go:2 +0x1
        created by main.c in goroutine 1
        \t/m.go:3 +0x1
        """ + "\n")
        #expect(g.frames.map(\.function) == ["main.a", "main.b"])
        #expect(g.elision == Elision(index: 1, count: 12))
        #expect(g.createdBy == CreatedBy(function: "main.c", file: "/m.go", line: 3, creatorGoroutineID: 1))
    }

    @Test func oldElisionMarker() throws {
        let g = try Self.only("goroutine 5 [running]:\nmain.a()\n\t/m.go:1 +0x1\n...additional frames elided...\ncreated by main.c\n\t/m.go:3 +0x1\n")
        #expect(g.elision == Elision(index: 1, count: nil) && g.createdBy?.creatorGoroutineID == nil)
    }

    @Test func stackUnavailable() throws {
        let g = try Self.only("goroutine 24 [running]:\n\tgoroutine running on other thread; stack unavailable\ncreated by main.g\n\t/m.go:9 +0x2\n")
        #expect(g.stackUnavailable && g.frames.isEmpty && g.createdBy?.function == "main.g")
    }

    @Test func ancestors() throws {
        let g = try Self.only("""
        goroutine 25 [chan receive]:
        main.bar()
        \t/a.go:57 +0x1
        created by main.d1
        \t/a.go:69 +0x2
        [originating from goroutine 24]:
        main.d1(...)
        \t/a.go:70 +0x3
        created by main.main
        \t/a.go:20 +0x4
        """ + "\n")
        #expect(g.frames.count == 1 && g.createdBy?.function == "main.d1")
        #expect(g.ancestors == [Ancestor(goroutineID: 24, frames: [Frame(function: "main.d1", file: "/a.go", line: 70, pcOffset: 3, arguments: "...")],
                                         createdBy: CreatedBy(function: "main.main", file: "/a.go", line: 20))])
    }

    @Test func headerGluedToALogLineAndProseAround() throws {
        let c = try Self.parse("""
        2026/11/27 15:00:00 starting
        ...dumping all stacksgoroutine 1 [running]:
        main.main()
        \t/m.go:1 +0x1

        some log line between blocks
        goroutine 2 [select]:
        main.loop()
        \t/m.go:2 +0x1

        exit status 2
        """ + "\n")
        #expect(c.snapshots.count == 1)
        #expect(c.snapshots[0].goroutines.map(\.id) == [1, 2])
        #expect(c.snapshots[0].issues.isEmpty)
    }

    @Test func cutMidLineKeepsTheLastGoroutineTruncated() throws {
        let c = try Self.parse("goroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n\ngoroutine 9 [chan send]:\nmain.chanSend(0x0?)\n\t/m.go:2")
        let gs = c.snapshots[0].goroutines
        #expect(gs.map(\.id) == [1, 9] && gs[1].truncated && !gs[0].truncated)
        #expect(c.snapshots[0].issues.count == 1)
    }

    @Test func repeatedIDsStartANewSnapshot() throws {
        let one = "goroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n\ngoroutine 7 [select]:\nmain.l()\n\t/m.go:2 +0x1\n"
        let c = try Self.parse(one + "\n=== next capture ===\n" + one)
        #expect(c.snapshots.count == 2 && c.snapshots.allSatisfy { $0.goroutines.count == 2 })
        #expect(c.snapshots[1].startLine == 10)
    }

    @Test func crashSectionsAfterSeparatorsAreOneSnapshot() throws {
        let c = try Self.parse("""
        SIGQUIT: quit
        PC=0x1 m=0 sigcode=0

        goroutine 0 gp=0x1 m=0 mp=0x2 [idle]:
        runtime.futex(0x1)
        \truntime/sys.s:1 +0x1 fp=0x1 sp=0x2 pc=0x3

        goroutine 1 gp=0x3 m=nil [chan receive, 3 minutes]:
        main.main()
        \t/m.go:1 +0x1 fp=0x1 sp=0x2 pc=0x3
        rax    0x0
        rflags 0x212

        -----

        SIGQUIT: quit
        PC=0x2 m=1 sigcode=0

        goroutine 0 gp=0x4 m=1 mp=0x5 [idle]:
        runtime.usleep(0x1)
        \truntime/sys.s:2 +0x1 fp=0x1 sp=0x2 pc=0x3
        rax    0x0
        """ + "\n")
        #expect(c.snapshots.count == 1)
        let gs = c.snapshots[0].goroutines
        #expect(gs.map(\.id) == [0, 1, 0])
        #expect(gs[1].gp == 3 && gs[1].m == nil && gs[1].waitMinutes == 3 && gs[0].m == 0 && gs[0].mp == 2 && gs[2].mp == 5)
        #expect(c.snapshots[0].issues.isEmpty)
    }

    @Test func aNewPanicAfterADumpIsANewSnapshot() throws {
        let dump = "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n\ngoroutine 5 [select]:\nmain.l()\n\t/m.go:2 +0x1\n"
        let c = try Self.parse(dump + "exit status 2\n" + dump.replacingOccurrences(of: "goroutine 5", with: "goroutine 6"))
        #expect(c.snapshots.count == 2)
    }

    @Test func headerMarksItemsAndLabels() throws {
        let g126 = try Self.only("goroutine 5 [select (leaked), 3 minutes, locked to thread labels:{\"request\": \"42\", \"p\": \"a]b, c: \\\"q\\\"\\n\"}]:\nmain.f()\n\t/m.go:1 +0x1\n")
        #expect(g126.state == "select" && g126.leaked && g126.waitMinutes == 3 && g126.lockedToThread)
        #expect(g126.labels == [Label(key: "request", value: "42"), Label(key: "p", value: "a]b, c: \"q\"\n")])
        let g127 = try Self.only("goroutine 5 [chan send, 2 minutes] {handler: /api/search, tricky: \"x]y, z: \\xff\\u00fc\"}:\nmain.f()\n\t/m.go:1 +0x1\n")
        #expect(g127.state == "chan send" && g127.waitMinutes == 2)
        #expect(g127.labels == [Label(key: "handler", value: "/api/search"), Label(key: "tricky", value: "x]y, z: \u{FFFD}ü")])
        let bubble = try Self.only("goroutine 9 [select (no cases) (durable), synctest bubble 1]:\nmain.f()\n\t/m.go:1 +0x1\n")
        #expect(bubble.state == "select (no cases)" && bubble.durable && bubble.synctestBubble == 1)
        let old = try Self.only("goroutine 12 [chan receive (synctest), synctest group 7]:\nmain.f()\n\t/m.go:1 +0x1\n")
        #expect(old.state == "chan receive" && old.durable && old.synctestBubble == 7)
    }

    @Test func indentedDump() throws {
        let c = try Self.parse("Failures:\n  Expected: nil\n  goroutine 8 [running]:\n  foo/bar.TestX.func1()\n        /home/x/bar_test.go:209 +0x469\n  created by foo/bar.TestX\n        /home/x/bar_test.go:200 +0x1\n")
        let g = try #require(c.snapshots.first?.goroutines.first)
        #expect(g.frames.first?.function == "foo/bar.TestX.func1" && g.createdBy?.function == "foo/bar.TestX")
    }

    @Test func fullGenericShapeNamesKeepTheirSpaces() throws {
        let g = try Self.only("goroutine 3 [chan receive]:\nmain.genWait[go.shape.struct { X int; Y int }](0x1)\n\t/m.go:124 +0x1\n")
        #expect(g.frames.first?.function == "main.genWait[go.shape.struct { X int; Y int }]")
        #expect(StackSignature.of(g.frames, level: .line) == StackSignature.of([Frame(function: "main.genWait[...]", file: "/m.go", line: 124)], level: .line))
    }

    @Test func systemStackSectionsAreNotGoroutines() throws {
        let c = try Self.parse("fatal error: stack overflow\n\nruntime stack:\nruntime.throw({0x1, 0x2})\n\truntime/panic.go:1 +0x1 fp=0x1 sp=0x2 pc=0x3\n\ngoroutine 1 gp=0x1 m=0 mp=0x2 [running]:\nmain.f()\n\t/m.go:1 +0x1\n")
        #expect(c.snapshots.count == 1 && c.snapshots[0].goroutines.map(\.id) == [1])
    }

    @Test func panicMessageLinesAreNotHeaders() throws {
        let c = try Self.parse("panic: boom: line one\n\tline two\n\tgoroutine 99 [fake]:\n\ngoroutine 51 [running]:\nmain.main.func2()\n\t/m.go:332 +0x25\n")
        #expect(c.snapshots[0].goroutines.map(\.id) == [51])
    }

    @Test func malformedLinesBecomeIssuesAndTheRestIsKept() throws {
        let c = try Self.parse("goroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n\ngoroutine 2 [running]:\nmain.main)(\n\t/m.go:2 +0x1\n\ngoroutine 3 [running]:\nmain.foo()\n\t/m.go:3 +0x1\n")
        let s = try #require(c.snapshots.first)
        #expect(s.goroutines.map(\.id) == [1, 2, 3])
        let issue = try #require(s.issues.first)
        #expect(issue.line == 6 && issue.text == "main.main)(")
    }
}

/// Inputs that must fail cleanly: an error that says what the input looked like, no crash.
@Suite("Traceback inputs that must fail")
struct TracebackFailureTests {
    @Test(arguments: [
        ("empty", [UInt8](), "an empty file"),
        ("binary garbage", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }, "binary data"),
        ("prose", Array("hello\nthis is a log\nno dump here\n".utf8), "text without goroutine headers"),
    ])
    func notADump(_ name: String, _ bytes: [UInt8], _ lookedLike: String) {
        var c = SnapshotCollector()
        #expect(throws: DumpError.notADump(lookedLike: lookedLike), "\(name)") { try DumpReader.read(bytes: bytes, into: &c) }
    }

    @Test func truncatedMidGoroutineIsKeptWithAnIssue() throws {
        var c = SnapshotCollector()
        try DumpReader.read(bytes: Array("goroutine 1 [chan receive]:\nmain.f(0x1".utf8), into: &c)
        let g = try #require(c.snapshots.first?.goroutines.first)
        #expect(g.truncated && g.id == 1)
        #expect(c.snapshots[0].issues.map(\.message) == ["the input ends inside goroutine 1; it is kept, marked truncated"])
    }
}

/// Hostile shapes the reader must survive in bounded memory.
@Suite("Line reader limits")
struct LineReaderLimitTests {
    @Test func aHundredMegabyteLineIsCutAndTheDumpAfterItIsRead() throws {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
        bytes.append(0x0A)
        bytes += Array("goroutine 1 [running]:\nmain.main()\n\t/m.go:1 +0x1\n".utf8)
        var c = SnapshotCollector()
        try DumpReader.read(bytes: bytes, into: &c)
        #expect(c.snapshots.first?.goroutines.map(\.id) == [1])
        #expect(c.looseIssues.count == 1 && c.looseIssues[0].line == 1 && c.looseIssues[0].message.contains("longer than"))
    }

    @Test func nulBytesAndInvalidUTF8InNames() throws {
        let bytes: [UInt8] = Array("goroutine 4 [chan receive]:\nmain.f".utf8) + [0xFF, 0x00, 0xFE] + Array("(0x1)\n\t/m\u{0}.go:3 +0x1\n".utf8)
        var c = SnapshotCollector()
        try DumpReader.read(bytes: bytes, into: &c)
        let g = try #require(c.snapshots.first?.goroutines.first)
        #expect(g.frames.count == 1 && g.frames[0].line == 3 && g.frames[0].function.hasPrefix("main.f"))
    }
}
