import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// The same dumps imported into SQLite and into PostgreSQL must answer every question alike:
/// the snapshot listing, `top` of every snapshot at both levels, `diff`'s counts, the
/// histories the analysis reads (whole, per instance, by function, cut in time) and the
/// rendered report. Equal histories mean equal verdicts, whatever the rules become.
@Suite(.serialized, .enabled(if: SeriesTruth.present, "SampleTraces/series is absent"))
struct PostgresParityTests {
    static func imported(_ service: String, into store: any SnapshotStore) throws {
        let root = StoreFixtures.seriesRoot.appendingPathComponent(service)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted().map { root.appendingPathComponent($0).path }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }
        // One parser: files commit in input order, so both stores number snapshots alike.
        let summary = try Importer(store: store, options: ImportOptions(service: service, parallelism: 1)).run(inputs)
        #expect(summary.failures.isEmpty)
    }

    @Test(arguments: ["orders-api", "checkout", "ledger"])
    func everyAnswerIsTheSame(_ service: String) throws {
        let sqlite = try LeakStore()
        let postgres = try StoreBackend.postgres.emptyStore()
        try Self.imported(service, into: sqlite)
        try Self.imported(service, into: postgres)

        let listed = try sqlite.snapshots(service: nil, instance: nil)
        #expect(try postgres.snapshots(service: nil, instance: nil) == listed)
        #expect(!listed.isEmpty)
        for s in listed {
            for level in [SignatureLevel.line, .function] {
                #expect(try postgres.top(.id(s.id), instance: nil, by: level, limit: 1000) == sqlite.top(.id(s.id), instance: nil, by: level, limit: 1000))
                #expect(try postgres.groupCounts(snapshot: s.id, level: level) == sqlite.groupCounts(snapshot: s.id, level: level))
            }
        }
        #expect(try postgres.top(.latest, instance: listed[0].instance, by: .line, limit: 5) == sqlite.top(.latest, instance: listed[0].instance, by: .line, limit: 5))
        #expect(try postgres.topFrames(level: .function) == sqlite.topFrames(level: .function))
        #expect(try postgres.snapshotID(atOrBefore: Date(timeIntervalSince1970: Double(listed[listed.count / 2].timeMs) / 1000), instance: nil)
            == sqlite.snapshotID(atOrBefore: Date(timeIntervalSince1970: Double(listed[listed.count / 2].timeMs) / 1000), instance: nil))

        let middle = Date(timeIntervalSince1970: Double(listed[listed.count / 2].timeMs) / 1000)
        let filters = [
            LeakStore.HistoryFilter(),
            LeakStore.HistoryFilter(level: .function),
            LeakStore.HistoryFilter(instance: listed[0].instance),
            LeakStore.HistoryFilter(until: middle),
            LeakStore.HistoryFilter(since: middle, idSnapshots: 8),
            LeakStore.HistoryFilter(buckets: 12),
            LeakStore.HistoryFilter(level: .function, buckets: 20),
        ]
        for filter in filters {
            let expected = try sqlite.histories(filter)
            #expect(!expected.isEmpty)
            #expect(try postgres.histories(filter) == expected, "\(filter)")
            #expect(try postgres.analysis(filter, options: AnalysisOptions()) == sqlite.analysis(filter, options: AnalysisOptions()), "\(filter)")
        }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let a = try sqlite.reportDocument(source: "s", now: now).rendered(as: .json)
        let b = try postgres.reportDocument(source: "s", now: now).rendered(as: .json)
        #expect(a == b)
    }

    /// A file imported twice, and the same bytes at another time, as on SQLite (schema v2).
    @Test func duplicatesAreTheSameInstanceTimeAndContent() throws {
        let store = try StoreBackend.postgres.emptyStore()
        let dir = StoreFixtures.seriesRoot.appendingPathComponent("orders-api/inst-b")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted().first)
        let path = dir.appendingPathComponent(file).path
        let first = try Importer(store: store, options: ImportOptions(service: "s", instance: "i")).run([path])
        let again = try Importer(store: store, options: ImportOptions(service: "s", instance: "i")).run([path])
        let later = try Importer(store: store, options: ImportOptions(service: "s", instance: "i", at: Date(timeIntervalSince1970: 1_900_000_000))).run([path])
        #expect(first.snapshots == 1 && again.snapshots == 0 && again.skipped == 1 && later.snapshots == 1)
        #expect(try store.snapshots(service: nil, instance: nil).count == 2)
    }

    /// `prune` keeps exactly the snapshots at or after the cutoff on both backends, and on
    /// PostgreSQL drops the whole days before it.
    @Test(arguments: StoreBackend.allCases)
    func pruneKeepsWhatIsNewer(_ backend: StoreBackend) throws {
        let store = try backend.emptyStore()
        let dir = StoreFixtures.seriesRoot.appendingPathComponent("orders-api/inst-b")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted().prefix(4)
        let day = 86_400.0
        for (k, file) in files.enumerated() {
            // Three days apart, then one an hour after the third.
            let at = Date(timeIntervalSince1970: 1_800_000_000 + (k < 3 ? Double(k) * 3 * day : 6 * day + 3600))
            _ = try Importer(store: store, options: ImportOptions(service: "s", instance: "i", at: at)).run([dir.appendingPathComponent(file).path])
        }
        let cutoff = Date(timeIntervalSince1970: 1_800_000_000 + 6 * day + 1800)
        let summary = try store.prune(before: cutoff)
        #expect(summary.snapshots == 3)
        #expect(summary.partitionsDropped == (backend == .postgres ? 2 : 0))
        let left = try store.snapshots(service: nil, instance: nil)
        #expect(left.count == 1 && left.allSatisfy { $0.timeMs >= cutoff.unixMilliseconds })
        #expect(try store.top(.latest, instance: nil, by: .line, limit: 3).entries.count > 0)
        #expect(try store.histories(LeakStore.HistoryFilter()).allSatisfy { $0.instances.allSatisfy { $0.epochs.joined().count == 1 } })
    }
}
