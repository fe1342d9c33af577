import Foundation
import Testing
@testable import LeakTrailKit

/// Golden renderings of every committed traceback-family sample (SampleTraces/README.md says
/// how each was made): the whole parsed model — headers, frames with arguments, created-by,
/// elision, labels, issues and both signatures — as canonical text in
/// `SampleTraces/golden/traceback/<sample>.golden`. LEAKTRAIL_RECORD_GOLDENS=1 rewrites
/// them and fails, so that a person reviews the diff.
@Suite("Traceback goldens")
struct TracebackGoldenTests {
    static let root = Fixtures.sampleTraces
    static let samples: [String] = Fixtures.files(under: root) { path in
        let rel = String(path.dropFirst(root.path.count + 1))
        guard rel.hasPrefix("go1."), path.hasSuffix(".txt") else { return false }
        return true
    }.map { String($0.dropFirst(root.path.count + 1)) }
    static let goldens = root.appendingPathComponent("golden/traceback")
    static var recording: Bool { ProcessInfo.processInfo.environment["LEAKTRAIL_RECORD_GOLDENS"] == "1" }

    @Test func samplesExist() {
        #expect(Self.samples.count >= 18, "expected the committed dumps of Go 1.19, 1.21 and 1.27")
    }

    @Test(arguments: samples)
    func matchesItsGolden(_ sample: String) throws {
        var collector = SnapshotCollector()
        try DumpReader.read(path: Self.root.appendingPathComponent(sample).path, options: ParseOptions(keepArguments: true), into: &collector)
        let rendered = CanonicalText.render(collector)
        let golden = Self.goldens.appendingPathComponent(sample + ".golden")
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path); review the diff, then run without LEAKTRAIL_RECORD_GOLDENS")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(rendered == expected, "\(sample) differs from its golden; LEAKTRAIL_RECORD_GOLDENS=1 rewrites it")
    }

    /// The fast path (frames shared per distinct stack, signatures from cached frame hashes)
    /// gives the same goroutines and signatures as building every frame with its arguments.
    @Test(arguments: samples)
    func sharedFramesEqualBuiltFrames(_ sample: String) throws {
        let path = Self.root.appendingPathComponent(sample).path
        var fast = SnapshotCollector()
        var full = SnapshotCollector()
        try DumpReader.read(path: path, into: &fast)
        try DumpReader.read(path: path, options: ParseOptions(keepArguments: true), into: &full)
        let stripped = full.snapshots.map { s in
            s.goroutines.map { g -> Goroutine in
                var g = g
                g.frames = g.frames.map { var f = $0; f.arguments = nil; return f }
                return g
            }
        }
        #expect(fast.snapshots.map(\.goroutines) == stripped)
        var signatures = SignatureRecorder()
        try DumpReader.read(path: path, into: &signatures)
        #expect(signatures.pairs.allSatisfy { $0.0 == StackSignatures.of($0.1) }, "cached signatures equal the reference")
    }

    /// Every sample's goroutine count equals the independent header count, and none of the
    /// committed dumps (all made by real runs) raises an issue except where it was cut.
    @Test(arguments: samples)
    func countsAndIssues(_ sample: String) throws {
        let path = Self.root.appendingPathComponent(sample).path
        var collector = SnapshotCollector()
        try DumpReader.read(path: path, into: &collector)
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        #expect(collector.snapshots.reduce(0) { $0 + $1.goroutines.count } == Fixtures.independentHeaderCount(text))
        #expect(collector.snapshots.flatMap(\.issues).isEmpty, "\(collector.snapshots.flatMap(\.issues))")
    }
}

/// A stable, complete text form of parsed snapshots, for golden files.
enum CanonicalText {
    static func render(_ c: SnapshotCollector) -> String {
        var out = ""
        for issue in c.looseIssues { out += "issue \(issue)\n" }
        for (i, s) in c.snapshots.enumerated() {
            out += "snapshot \(i) format=\(s.format.rawValue) profile=\(s.profile) line=\(s.startLine) goroutines=\(s.goroutineCount)\n"
            for issue in s.issues { out += "  issue \(issue)\n" }
            for g in s.goroutines { out += render(g) }
        }
        return out
    }

    static func render(_ g: Goroutine) -> String {
        var head = "  goroutine \(g.id) line=\(g.sourceLine) state=\(g.state.debugDescription)"
        if let w = g.waitMinutes { head += " minutes=\(w)" }
        if g.lockedToThread { head += " locked" }
        if g.leaked { head += " leaked" }
        if g.durable { head += " durable" }
        if let b = g.synctestBubble { head += " bubble=\(b)" }
        if let gp = g.gp { head += " gp=0x\(String(gp, radix: 16))" }
        if let m = g.m { head += " m=\(m)" }
        if let mp = g.mp { head += " mp=0x\(String(mp, radix: 16))" }
        if g.stackUnavailable { head += " unavailable" }
        if g.truncated { head += " truncated" }
        if !g.labels.isEmpty { head += " labels={" + g.labels.map { "\($0.key.debugDescription): \($0.value.debugDescription)" }.joined(separator: ", ") + "}" }
        let sig = StackSignatures.of(g.frames)
        var out = head + " sig=\(sig.line)/\(sig.function)\n"
        for (i, f) in g.frames.enumerated() {
            if let e = g.elision, e.index == i { out += "    ...\(e.count.map(String.init) ?? "additional") frames elided...\n" }
            out += "    \(f.function)(\(f.arguments ?? "")) \(f.file):\(f.line)\(f.pcOffset.map { " +0x" + String($0, radix: 16) } ?? "")\n"
        }
        if let e = g.elision, e.index >= g.frames.count { out += "    ...\(e.count.map(String.init) ?? "additional") frames elided...\n" }
        if let c = g.createdBy {
            out += "    created by \(c.function) \(c.file):\(c.line)\(c.creatorGoroutineID.map { " in goroutine \($0)" } ?? "")\n"
        }
        for a in g.ancestors {
            out += "    ancestor \(a.goroutineID): \(a.frames.count) frames, created by \(a.createdBy?.function ?? "-")\n"
        }
        return out
    }
}

/// Keeps each goroutine's signatures as the parser computed them, with its frames.
struct SignatureRecorder: DumpSink {
    var pairs: [(StackSignatures, [Frame])] = []
    mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {}
    mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) { pairs.append((signatures, g.frames)) }
    mutating func record(_ r: ProfileRecord, signatures: StackSignatures) { pairs.append((signatures, r.frames)) }
    mutating func issue(_ issue: ParseIssue) {}
    mutating func endSnapshot(declaredTotal: Int?) {}
}
