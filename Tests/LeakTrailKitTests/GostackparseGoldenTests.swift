import Foundation
import Testing
@testable import LeakTrailKit

/// Compares with a peer parser's recorded answers (DataDog/gostackparse): every goroutine it
/// read must be read the same here. Where it reported an error, leaktrail must report an issue
/// too — and may keep more (gostackparse drops a goroutine with a malformed line; we keep what
/// could be read, marked).
@Suite("gostackparse golden answers", .enabled(if: Fixtures.corpusPresent, "../shared/corpus is absent"))
struct GostackparseGoldenTests {
    struct Golden: Decodable {
        var Errors: [String]?
        var Goroutines: [GoldenGoroutine]?
    }
    struct GoldenGoroutine: Decodable {
        var ID: Int
        var State: String
        var Wait: Int64
        var LockedToThread: Bool
        var Stack: [GoldenFrame]
        var FramesElided: Bool
        var CreatedBy: GoldenFrame?
    }
    struct GoldenFrame: Decodable, Equatable {
        var Func: String
        var File: String
        var Line: Int
    }

    static let goldens = Fixtures.corpusPresent
        ? Fixtures.files(under: Fixtures.corpus.appendingPathComponent("gostackparse")) { $0.hasSuffix(".golden.json") } : []

    @Test("every goroutine gostackparse read is read the same", arguments: goldens)
    func matches(goldenPath: String) throws {
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: URL(fileURLWithPath: goldenPath)))
        let dump = goldenPath.replacingOccurrences(of: ".golden.json", with: ".txt")
        var collector = SnapshotCollector()
        do { try DumpReader.read(path: dump, into: &collector) } catch DumpError.notADump {
            #expect((golden.Goroutines ?? []).isEmpty, "\(dump): not read but gostackparse found goroutines")
            return
        }
        let ours = collector.snapshots.flatMap(\.goroutines)
        let issues = collector.snapshots.flatMap(\.issues) + collector.looseIssues
        for g in golden.Goroutines ?? [] {
            let mine = try #require(ours.first { $0.id == g.ID }, "\(dump): goroutine \(g.ID) missing")
            #expect(mine.state == g.State, "\(dump) #\(g.ID)")
            #expect((mine.waitMinutes ?? 0) == Int(g.Wait / 60_000_000_000), "\(dump) #\(g.ID)")
            #expect(mine.lockedToThread == g.LockedToThread, "\(dump) #\(g.ID)")
            #expect(mine.frames.map { GoldenFrame(Func: $0.function, File: $0.file, Line: $0.line) } == g.Stack, "\(dump) #\(g.ID)")
            #expect((mine.elision != nil) == g.FramesElided, "\(dump) #\(g.ID)")
            #expect(mine.createdBy.map { GoldenFrame(Func: $0.function, File: $0.file, Line: $0.line) } == g.CreatedBy, "\(dump) #\(g.ID)")
        }
        #expect(issues.isEmpty == (golden.Errors ?? []).isEmpty, "\(dump): issues \(issues) vs \(golden.Errors ?? [])")
    }
}
