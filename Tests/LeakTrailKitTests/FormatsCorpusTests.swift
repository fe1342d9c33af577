import Foundation
import Testing
@testable import LeakTrailKit

/// Every count profile of the shared corpus imports with its exact goroutine count.
@Suite(.enabled(if: FormatsFixtures.corpusPresent, "../shared/corpus is absent"))
struct FormatsCorpusTests {
    @Test(arguments: FormatsFixtures.debug1Files)
    func debug1ImportsWithItsDeclaredTotal(_ file: String) throws {
        let path = FormatsFixtures.corpus.appendingPathComponent(file).path
        let (summary, sink) = try FormatsFixtures.read(path)
        let expected = try FormatsFixtures.declaredTotal(ofDebug1: path)
        #expect(sink.snapshots.count == 1)
        let snapshot = try #require(sink.snapshots.first)
        #expect(snapshot.format == .debug1)
        #expect(snapshot.goroutineCount == expected)
        #expect(snapshot.declaredTotal == expected)
        #expect(snapshot.issues.isEmpty, "\(snapshot.issues)")
        #expect(sink.looseIssues.isEmpty)
        #expect(snapshot.records.allSatisfy { !$0.frames.isEmpty })
        let leak = file.contains("goroutineleak")
        #expect(snapshot.profile == (leak ? "goroutineleak" : "goroutine"))
        #expect(snapshot.records.allSatisfy { $0.leaked == leak })
        if case .countProfile = summary.format {} else { Issue.record("sniffed \(summary.format)") }
    }

    /// Sums of sample values, computed outside leaktrail by walking the protobuf wire format
    /// with a 30-line Python script (not kept), and `time_nanos`.
    static let protoTotals: [String: (goroutines: Int, samples: Int, timeNanos: Int64)] = [
        "generated/go1.19.8/pprof_goroutine_debug0.pb.gz": (37, 35, 1795795264313398364),
        "generated/go1.21.13/pprof_goroutine_debug0.pb.gz": (37, 35, 1795795271814851177),
        "generated/go1.22.10/pprof_goroutine_debug0.pb.gz": (37, 35, 1795795278237131633),
        "generated/go1.23.9/pprof_goroutine_debug0.pb.gz": (40, 38, 1795795285172537684),
        "generated/go1.24.11/pprof_goroutine_debug0.pb.gz": (40, 38, 1795795291674121597),
        "generated/go1.25.5/pprof_goroutine_debug0.pb.gz": (40, 38, 1795795298197142896),
        "generated/go1.26.6/goroutineleak_debug0.pb.gz": (15, 13, 1795795311598300921),
        "generated/go1.26.6/pprof_goroutine_debug0.pb.gz": (40, 38, 1795795304659962636),
        "generated/go1.27.3/goroutineleak_debug0.pb.gz": (16, 14, 1795795319086071100),
        "generated/go1.27.3/pprof_goroutine_debug0.pb.gz": (41, 39, 1795795312302611598),
        "go-profiler-notes/goroutine__1.net.http.pprof.goroutine.debug0.pb.gz": (10, 9, 1610639113677929000),
        "go-profiler-notes/goroutine__1.pprof.lookup.goroutine.debug0.pb.gz": (6, 5, 1610639113643822000),
        "go-profiler-notes/goroutine__2.net.http.pprof.goroutine.debug0.pb.gz": (10, 9, 1610639183701515000),
        "go-profiler-notes/goroutine__2.pprof.lookup.goroutine.debug0.pb.gz": (9, 8, 1610639183697667000),
    ]

    @Test(arguments: FormatsFixtures.protoFiles)
    func protoImportsWithTheSumOfItsSampleValues(_ file: String) throws {
        let path = FormatsFixtures.corpus.appendingPathComponent(file).path
        let (summary, sink) = try FormatsFixtures.read(path)
        #expect(summary.format == .gzip)
        let snapshot = try #require(sink.snapshots.first)
        #expect(sink.snapshots.count == 1)
        #expect(snapshot.format == .pprof)
        #expect(snapshot.issues.isEmpty, "\(snapshot.issues)")
        let expected = try #require(Self.protoTotals[file], "no recorded total for \(file)")
        #expect(snapshot.goroutineCount == expected.goroutines)
        #expect(snapshot.records.count == expected.samples)
        let nanos = Int64(((snapshot.time?.timeIntervalSince1970 ?? 0) * 1e9).rounded())
        #expect(abs(nanos - expected.timeNanos) < 1_000, "time \(String(describing: snapshot.time))")
        #expect(snapshot.records.allSatisfy { $0.frames.allSatisfy { $0.function != "runtime.goexit" } })
        let leak = file.contains("goroutineleak")
        #expect(snapshot.profile == (leak ? "goroutineleak" : "goroutine"))
        #expect(snapshot.records.allSatisfy { $0.leaked == leak })
    }

    @Test(arguments: FormatsFixtures.threadcreateFiles)
    func threadcreateIsRefusedByName(_ file: String) throws {
        let path = FormatsFixtures.corpus.appendingPathComponent(file).path
        #expect(throws: DumpError.otherProfile(name: "threadcreate")) { try FormatsFixtures.read(path) }
    }

    /// The label set with every escape Go's `%q` can write, from a real 1.27 run.
    @Test func debug1LabelsAreUnquoted() throws {
        let path = FormatsFixtures.corpus.appendingPathComponent("generated/go1.27.3/pprof_goroutine_debug1.txt").path
        let (_, sink) = try FormatsFixtures.read(path)
        let sets = sink.snapshots.flatMap(\.records).map(\.labels).filter { !$0.isEmpty }
        let tricky = try #require(sets.first { $0.count == 4 })
        #expect(tricky.map(\.key) == ["path", "request", "tricky", "zkey"])
        #expect(tricky[0].value == "/a b")
        #expect(tricky[2].value == "x]y, z: \"q\"\n\tü\u{FFFD}")
        #expect(sets.contains([Label(key: "caller", value: "main")]))
    }

    /// The proto carries the same labels, raw bytes included (read leniently: invalid UTF-8).
    @Test func protoLabelsMatchDebug1() throws {
        let dir = FormatsFixtures.corpus.appendingPathComponent("generated/go1.27.3")
        let (_, text) = try FormatsFixtures.read(dir.appendingPathComponent("pprof_goroutine_debug1.txt").path)
        let (_, proto) = try FormatsFixtures.read(dir.appendingPathComponent("pprof_goroutine_debug0.pb.gz").path)
        let textSets = Set(text.snapshots.flatMap(\.records).map(\.labels))
        let protoSets = Set(proto.snapshots.flatMap(\.records).map(\.labels))
        #expect(textSets == protoSets)
    }

    /// Go 1.21+ protos name generic instantiations by full shape; signatures use `[...]`.
    @Test func protoShapeNamesNormalise() throws {
        let path = FormatsFixtures.corpus.appendingPathComponent("generated/go1.27.3/pprof_goroutine_debug0.pb.gz").path
        let (_, sink) = try FormatsFixtures.read(path)
        let names = Set(sink.snapshots.flatMap(\.records).flatMap(\.frames).map(\.function))
        #expect(names.contains("main.genWait[go.shape.struct { X int; Y int }]"))
        #expect(SignatureFrames.normalizedFunction("main.genWait[go.shape.struct { X int; Y int }]") == "main.genWait[...]")
        #expect(SignatureFrames.normalizedFunction("main.(*GM[go.shape.int]).Conv[go.shape.string]") == "main.(*GM[...]).Conv[...]")
        #expect(SignatureFrames.normalizedFunction("iter.Pull[go.shape.int].func1.1") == "iter.Pull[...].func1.1")
    }
}
