import Foundation
import Testing
@testable import LeakTrailKit

/// Golden renderings of the real capture-format samples in `SampleTraces/formats/`
/// (how each was made: SampleTraces/README.md, "Phase 2"). Each rendering is stored in
/// `SampleTraces/golden/formats/<sample>.golden`; run with LEAKTRAIL_RECORD_GOLDENS=1 to
/// rewrite them (the test then fails so that a person reviews the diff).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: FormatsFixtures.formatsSamples.path), "SampleTraces/formats is absent"))
struct FormatsGoldenTests {
    static let samples = [
        "snapall/go1.27.3/goroutine_debug1.txt",        // debug=1 with labels
        "snapall/go1.27.3/goroutine_debug0.pb.gz",      // proto
        "snapall/go1.27.3/goroutineleak_debug1.txt",    // goroutineleak debug=1
        "snapall/go1.27.3/goroutineleak_debug0.pb.gz",  // goroutineleak proto
        "snapall/go1.19.8/goroutine_debug1.txt",
        "snapall/go1.19.8/goroutine_debug0.pb.gz",
        "log_std_prefix.log",                           // Go log prefix
        "log_rfc3339_prefix.log",                       // RFC 3339 prefix
        "cri_sigquit.log",                              // container runtime
        "slog_json_lines.log",                          // JSON, one dump line per record
        "slog_json_msg.log",                            // JSON, the whole dump in one message
    ]
    static let goldens = FormatsFixtures.packageRoot.appendingPathComponent("SampleTraces/golden/formats")
    static var recording: Bool { ProcessInfo.processInfo.environment["LEAKTRAIL_RECORD_GOLDENS"] == "1" }

    @Test(arguments: samples)
    func matchesItsGolden(_ sample: String) throws {
        let path = FormatsFixtures.formatsSamples.appendingPathComponent(sample).path
        try #require(FileManager.default.fileExists(atPath: path), "\(sample) is missing")
        let rendered = try Self.render(path)
        let golden = Self.goldens.appendingPathComponent(sample + ".golden")
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path); review the diff and run again without LEAKTRAIL_RECORD_GOLDENS")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(rendered == expected, "\(sample) differs from its golden; LEAKTRAIL_RECORD_GOLDENS=1 rewrites it")
    }

    /// Logs are read in UTC with a fixed "now", so Go `log` stamps give the same instants anywhere.
    static func render(_ path: String) throws -> String {
        var sink = SnapshotCollector()
        let file = try FileSource(path: path)
        defer { file.close() }
        var source = file
        let head = try PrefixedSource<FileSource>.head(of: &source, count: DumpReader.sniffLength)
        let format = FormatSniffer.sniff(head)
        switch format {
        case .prefixedLog, .jsonLog:
            var parser = LogDumpParser(logOptions: LogOptions(timeZone: TimeZone(identifier: "UTC")!, now: Date(timeIntervalSince1970: 1_800_000_000)))
            _ = try parser.parse(PrefixedSource(prefix: head, inner: source), into: &sink)
        default:
            _ = try DumpReader.parse(PrefixedSource(prefix: head, inner: source), as: format, options: .init(), into: &sink)
        }
        return renderSnapshots(sink, sniffed: format)
    }

    static func renderSnapshots(_ sink: SnapshotCollector, sniffed: SniffedFormat) -> String {
        var out = "sniffed: \(sniffed)\n"
        for issue in sink.looseIssues { out += "issue: \(issue)\n" }
        let time = ISO8601DateFormatter()
        time.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        time.timeZone = TimeZone(identifier: "UTC")
        for s in sink.snapshots {
            out += "\nsnapshot \(s.format.rawValue) profile=\(s.profile) line=\(s.startLine)"
            out += " time=\(s.time.map(time.string) ?? "-") goroutines=\(s.goroutineCount)"
            out += " declared=\(s.declaredTotal.map(String.init) ?? "-")\n"
            for issue in s.issues { out += "  issue: \(issue)\n" }
            for r in s.records {
                let sig = StackSignatures.of(r.frames)
                out += "  record count=\(r.count) line=\(r.sourceLine) leaked=\(r.leaked) sig=\(sig.line)/\(sig.function)"
                out += r.labels.isEmpty ? "\n" : " labels=\(r.labels.map { "\($0.key)=\($0.value.debugDescription)" }.joined(separator: ","))\n"
                for f in r.frames { out += "    \(f.function) \(f.file):\(f.line)\n" }
            }
            for g in s.goroutines {
                let sig = StackSignatures.of(g.frames)
                out += "  goroutine \(g.id) [\(g.state)] line=\(g.sourceLine) frames=\(g.frames.count) sig=\(sig.line)/\(sig.function)"
                out += " top=\(g.frames.first.map { "\($0.function) \($0.file):\($0.line)" } ?? "-")\n"
            }
        }
        return out
    }
}
