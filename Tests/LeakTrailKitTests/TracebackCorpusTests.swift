import Foundation
import Testing
@testable import LeakTrailKit

/// Every traceback-family file of the shared corpus parses with the exact goroutine count.
@Suite("Traceback corpus", .enabled(if: Fixtures.corpusPresent, "../shared/corpus is absent: corpus tests skipped"))
struct TracebackCorpusTests {
    static let files = Fixtures.corpusPresent ? Fixtures.corpusTracebackFiles() : []

    @Test("goroutine count equals the independent header count", arguments: files)
    func exactCount(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var collector = SnapshotCollector()
        let expected = Fixtures.independentHeaderCount(text)
        if expected == 0 {
            // Race reports and other text that mentions goroutines without a dump.
            #expect(throws: DumpError.self) { try DumpReader.read(path: path, into: &collector) }
            return
        }
        try DumpReader.read(path: path, into: &collector)
        let parsed = collector.snapshots.reduce(0) { $0 + $1.goroutines.count }
        #expect(parsed == expected, "\(path)")
    }
}
