import Foundation
import LeakTrailTestSupport
@testable import LeakTrailKit

/// Helpers for the store tests: synthetic dumps fed straight into a ``BatchingSink``, temporary
/// store files, and the sample series (skipped visibly when absent).
enum StoreFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleTraces = packageRoot.appendingPathComponent("SampleTraces")
    static let restartSeries = sampleTraces.appendingPathComponent("restart/inst-r")
    static let seriesRoot = sampleTraces.appendingPathComponent("series")
    static let corpusGenerated = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/generated/go1.27.3")

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL { try ScratchDirectory.make("leaktrail-store") }

    static func frames(_ names: [String]) -> [Frame] {
        names.enumerated().map { Frame(function: $1, file: "example.com/app/\($1.split(separator: ".").last!).go", line: 10 + $0) }
    }

    /// A goroutine blocked in `leaf`, called from `main.worker`.
    static func goroutine(_ id: Int, _ leaf: String, state: String = "chan receive", wait: Int? = nil) -> (Goroutine, StackSignatures) {
        let f = frames(["example.com/app.\(leaf)", "main.worker"])
        return (Goroutine(id: id, state: state, waitMinutes: wait, frames: f), StackSignatures.of(f))
    }

    /// One snapshot of `goroutines` as a file batch, as if a parser had read it.
    static func batch(_ goroutines: [(Int, String)], path: String = "/tmp/x/inst/dump.txt", instance: String = "inst",
                      time: Date = Date(timeIntervalSince1970: 1_800_000_000), known: Set<UInt64> = []) -> FileBatch {
        var sink = BatchingSink(knownStacks: known)
        sink.beginSnapshot(format: .traceback, profile: "goroutine", startLine: 1, time: nil)
        for (id, leaf) in goroutines {
            let (g, s) = goroutine(id, leaf, wait: id % 3 == 0 ? id % 7 : nil)
            sink.goroutine(g, signatures: s)
        }
        sink.endSnapshot(declaredTotal: nil)
        let snapshots = sink.snapshots.map { s in
            SnapshotBatch(format: s.format, profile: s.profile, startLine: s.startLine, time: time, timeSource: .option,
                          declaredTotal: nil, issues: s.issues, goroutineTotal: s.goroutineTotal, truncated: s.truncated,
                          counts: s.counts, goroutines: s.goroutines)
        }
        var hasher = ContentHasher()
        let identity = Array("\(path)|\(goroutines)|\(time.timeIntervalSince1970)".utf8)
        identity.withUnsafeBytes { hasher.add($0) }
        return FileBatch(path: path, service: "svc", instance: instance, contentHash: hasher.finish(), bytes: identity.count,
                         snapshots: snapshots, stacks: sink.stacks, looseIssues: [])
    }

    /// Reads a dump with the plain collector, for counts to compare with the store.
    static func collect(_ path: String) throws -> [Snapshot] {
        var collector = SnapshotCollector()
        try DumpReader.read(path: path, into: &collector)
        return collector.snapshots
    }

    static func count(_ store: LeakStore, _ sql: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

import GRDB
