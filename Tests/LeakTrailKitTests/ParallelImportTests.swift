import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// A large input is imported with its hash computed on a thread of its own and its text
/// parsed on every core; the batch the writer gets must be the one the single-threaded,
/// hash-as-you-read path makes.
@Suite("Parallel import")
struct ParallelImportTests {
    /// Every committed traceback sample, one after another until the file holds `megabytes`:
    /// goroutine ids repeat, so it holds many snapshots, crash sections and prose between them.
    static func concatenatedSamples(megabytes: Int) throws -> URL {
        let dir = try ScratchDirectory.make("parallel-import")
        let url = dir.appendingPathComponent("samples.txt")
        var bytes: [UInt8] = []
        let files = Fixtures.files(under: Fixtures.sampleTraces) { $0.hasSuffix(".txt") && !$0.contains("debug1") }
        while bytes.count < megabytes << 20 {
            for path in files {
                let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                if FormatSniffer.sniff(Array(data.prefix(DumpReader.sniffLength))) == .traceback { bytes += data + [0x0A] }
            }
        }
        try Data(bytes).write(to: url)
        return url
    }

    @Test("a 6 MB file of many dumps becomes the same batch on every core as on one")
    func sameBatch() throws {
        let url = try Self.concatenatedSamples(megabytes: 6)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let options = ImportOptions(instance: "big", at: Date(timeIntervalSince1970: 1_795_000_000))
        func batch(_ parsing: ParseOptions) throws -> FileBatch {
            try InputParser.batch(url.path, options: options, knownStacks: [], parsing: parsing).get()
        }
        // One thread, hashing as it reads: the reference.
        let one = try batch(ParseOptions(keepAncestors: false, threads: 1, chunkSize: 1 << 40))
        // The hash on its own thread, the parse on one thread, then on three with small chunks.
        let hashedApart = try batch(ParseOptions(keepAncestors: false, threads: 1))
        let many = try batch(ParseOptions(keepAncestors: false, threads: 3, chunkSize: 64 << 10))
        let whole = Array(try Data(contentsOf: url))
        #expect(one.contentHash == ContentHash.of(whole) && one.bytes == whole.count)
        #expect(one.snapshots.count > 50, "the samples hold many dumps")
        for other in [hashedApart, many] {
            #expect(other.contentHash == one.contentHash && other.bytes == one.bytes)
            #expect(other.stacks == one.stacks)
            #expect(other.looseIssues == one.looseIssues)
            #expect(other.snapshots.count == one.snapshots.count)
            for (a, b) in zip(one.snapshots, other.snapshots) {
                #expect(a.startLine == b.startLine && a.time == b.time && a.format == b.format && a.profile == b.profile)
                #expect(a.issues == b.issues && a.goroutineTotal == b.goroutineTotal && a.truncated == b.truncated)
                #expect(a.counts == b.counts)
                #expect(a.goroutines == b.goroutines)
            }
        }
    }
}
