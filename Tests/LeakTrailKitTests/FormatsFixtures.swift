import Foundation
@testable import LeakTrailKit

/// Where the format tests find their inputs: the shared corpus next to the package (never
/// copied in) and the real samples in `SampleTraces/formats/`.
enum FormatsFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("../shared/corpus").standardized
    static let formatsSamples = packageRoot.appendingPathComponent("SampleTraces/formats")

    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Corpus files (relative paths) whose names match, sorted; empty when the corpus is absent.
    static func corpusFiles(_ include: (String) -> Bool) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: corpus.path) else { return [] }
        return e.compactMap { $0 as? String }.filter(include).sorted()
    }

    static let debug1Files = corpusFiles { name in
        (name.hasSuffix("debug1.txt") && !name.contains("threadcreate")) || name.hasSuffix("goroutineleak_debug1.txt")
    }
    static let protoFiles = corpusFiles { $0.hasSuffix(".pb.gz") }
    static let threadcreateFiles = corpusFiles { $0.contains("threadcreate") || $0.hasSuffix(".thread") }

    /// Reads a file through the one public entry point, collecting whole snapshots.
    static func read(_ path: String) throws -> (DumpReader.Summary, SnapshotCollector) {
        var sink = SnapshotCollector()
        let summary = try DumpReader.read(path: path, into: &sink)
        return (summary, sink)
    }

    static func read(text: String, options: ParseOptions = .init()) throws -> SnapshotCollector {
        var sink = SnapshotCollector()
        try DumpReader.read(bytes: Array(text.utf8), options: options, into: &sink)
        return sink
    }

    /// `goroutine profile: total 41` → 41, read with Foundation so it does not share code with the parser.
    static func declaredTotal(ofDebug1 path: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let first = text.split(separator: "\n", maxSplits: 1).first ?? ""
        return Int(first.split(separator: " ").last ?? "") ?? -1
    }

    /// gzip of `bytes` made by the system `gzip`, for round trips.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c -n '\(file.path)' > '\(file.path).gz'"]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: file.path + ".gz")))
    }
}
