import Foundation
import Testing
@testable import LeakTrailKit

/// The same stacks captured as debug=2, debug=1 and protobuf from one process, back to back,
/// get the same signature ids (docs/formats.md: what each format lacks and how they meet).
@Suite(.enabled(if: FormatsFixtures.corpusPresent, "../shared/corpus is absent"))
struct FormatsSignatureTests {
    /// Signature → goroutine count for one file at one level.
    static func census(_ path: String, level: SignatureLevel) throws -> [StackSignature: Int] {
        var grouper = SnapshotGrouper(level: level)
        try DumpReader.read(path: path, into: &grouper)
        var counts: [StackSignature: Int] = [:]
        for group in grouper.results.flatMap(\.groups) { counts[group.signature, default: 0] += group.count }
        return counts
    }

    /// Two kinds of stacks differ by construction and are left out: the goroutine writing the
    /// dump (`writeGoroutine` vs `writeGoroutineStacks`; the `running` caller of
    /// `runtime.Stack`), and stacks deeper than a
    /// traceback prints (it elides the middle beyond 100 frames; profiles keep the innermost
    /// 128, or 32 before Go 1.23).
    static func withoutProfiler(_ path: String, level: SignatureLevel) throws -> [StackSignature: Int] {
        var grouper = SnapshotGrouper(level: level)
        try DumpReader.read(path: path, into: &grouper)
        var counts: [StackSignature: Int] = [:]
        for group in grouper.results.flatMap(\.groups)
        where !group.frames.contains(where: { $0.function.hasPrefix("runtime/pprof.") })
            && group.state != "running" && group.frames.count < 100 {
            counts[group.signature, default: 0] += group.count
        }
        return counts
    }

    static let generated = FormatsFixtures.corpus.appendingPathComponent("generated")

    @Test(arguments: ["go1.27.3", "go1.26.6", "go1.25.5", "go1.24.11", "go1.23.9", "go1.22.10", "go1.21.13", "go1.19.8"], SignatureLevel.allCases)
    func debug1AndProtoMeetAtEveryLevel(_ version: String, _ level: SignatureLevel) throws {
        let dir = Self.generated.appendingPathComponent(version)
        let text = try Self.withoutProfiler(dir.appendingPathComponent("pprof_goroutine_debug1.txt").path, level: level)
        let proto = try Self.withoutProfiler(dir.appendingPathComponent("pprof_goroutine_debug0.pb.gz").path, level: level)
        #expect(text == proto)
    }

    @Test(arguments: SignatureLevel.allCases)
    func tracebackDebug1AndProtoMeet(_ level: SignatureLevel) throws {
        let dir = Self.generated.appendingPathComponent("go1.27.3")
        let traceback = try Self.withoutProfiler(dir.appendingPathComponent("pprof_goroutine_debug2.txt").path, level: level)
        let text = try Self.withoutProfiler(dir.appendingPathComponent("pprof_goroutine_debug1.txt").path, level: level)
        let proto = try Self.withoutProfiler(dir.appendingPathComponent("pprof_goroutine_debug0.pb.gz").path, level: level)
        #expect(!traceback.isEmpty)
        #expect(traceback == text)
        #expect(traceback == proto)
    }

    static let snapall = FormatsFixtures.formatsSamples.appendingPathComponent("snapall")

    /// SampleTraces `snapall`: one still process, every format written back to back.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: snapall.path), "SampleTraces/formats/snapall is absent"),
          arguments: ["go1.19.8", "go1.21.13", "go1.27.3"], SignatureLevel.allCases)
    func snapallFormatsMeet(_ version: String, _ level: SignatureLevel) throws {
        let dir = Self.snapall.appendingPathComponent(version)
        let debug2 = try Self.withoutProfiler(dir.appendingPathComponent("goroutine_debug2.txt").path, level: level)
        #expect(debug2.values.reduce(0, +) > 20)
        for other in ["runtime_stack.txt", "goroutine_debug1.txt", "goroutine_debug0.pb.gz"] {
            let census = try Self.withoutProfiler(dir.appendingPathComponent(other).path, level: level)
            #expect(census == debug2, "\(version) \(other) at \(level)")
        }
        if version == "go1.27.3" {
            let text = try Self.census(dir.appendingPathComponent("goroutineleak_debug1.txt").path, level: level)
            let proto = try Self.census(dir.appendingPathComponent("goroutineleak_debug0.pb.gz").path, level: level)
            #expect(text == proto)
        }
    }

    /// The two leak profiles were taken one after the other, and each runs its own leak-finding
    /// GC: the later proto found one more leaked goroutine. Every stack of the earlier text
    /// profile is in the proto with the same count.
    @Test func goroutineleakDebug1AndProtoMeet() throws {
        for version in ["go1.26.6", "go1.27.3"] {
            let dir = Self.generated.appendingPathComponent(version)
            for level in SignatureLevel.allCases {
                let text = try Self.census(dir.appendingPathComponent("goroutineleak_debug1.txt").path, level: level)
                let proto = try Self.census(dir.appendingPathComponent("goroutineleak_debug0.pb.gz").path, level: level)
                #expect(!text.isEmpty)
                for (signature, count) in text {
                    #expect(proto[signature] == count, "\(version) \(level) \(signature)")
                }
            }
        }
    }

    /// Parsers hand signatures computed through ``SignatureCache``; they must equal the reference.
    @Test func cachedSignaturesEqualTheReference() throws {
        struct Check: DumpSink {
            var mismatches = 0
            var records = 0
            mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {}
            mutating func goroutine(_ goroutine: Goroutine, signatures: StackSignatures) {}
            mutating func record(_ record: ProfileRecord, signatures: StackSignatures) {
                records += 1
                if signatures != StackSignatures.of(record.frames) { mismatches += 1 }
            }
            mutating func issue(_ issue: ParseIssue) {}
            mutating func endSnapshot(declaredTotal: Int?) {}
        }
        var check = Check()
        for file in FormatsFixtures.debug1Files + FormatsFixtures.protoFiles {
            try DumpReader.read(path: FormatsFixtures.corpus.appendingPathComponent(file).path, into: &check)
        }
        #expect(check.records > 0)
        #expect(check.mismatches == 0)
    }
}
