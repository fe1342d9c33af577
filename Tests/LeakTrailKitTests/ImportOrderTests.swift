import Foundation
import GRDB
import Testing
@testable import LeakTrailKit

/// Files are committed in the order they were given, whatever order the parsers finish in,
/// so snapshot ids follow the inputs (and `import --verbose` prints them in order).
@Suite struct ImportOrderTests {
    @Test(.enabled(if: StoreImportTests.seriesPresent)) func snapshotIdsFollowTheInputsWhenAnEarlyFileIsSlow() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = StoreImportTests.seriesFiles("inst-a")
        // A first file many times larger than the others: parallel parsers finish the small
        // ones long before it.
        let big = dir.appendingPathComponent("inst-big/goroutine-20261127T160000Z.txt")
        try FileManager.default.createDirectory(at: big.deletingLastPathComponent(), withIntermediateDirectories: true)
        let dump = try Data(contentsOf: URL(fileURLWithPath: small.last!))
        try Data((0..<150).flatMap { _ in dump + Data("\n".utf8) }).write(to: big)
        let inputs = [big.path] + small
        let store = try LeakStore()
        var reported: [String] = []
        let summary = try Importer(store: store, options: .init(parallelism: 4, queueCapacity: 1)).run(inputs, report: { reported.append($0.path) })
        #expect(summary.failures.isEmpty && summary.snapshots >= inputs.count)
        #expect(reported == inputs, "reported in input order")
        let sources = try store.read { db in try String.fetchAll(db, sql: "SELECT source FROM snapshots ORDER BY id") }
        var firstSeen: [String] = []
        for s in sources where firstSeen.last != s { firstSeen.append(s) }
        #expect(firstSeen == inputs, "ids in input order")
    }
}
