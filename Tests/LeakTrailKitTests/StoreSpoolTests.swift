import Foundation
import Testing
@testable import LeakTrailKit

/// Goroutine rows past the in-memory limit move to a temporary file and come back whole, in
/// order; and restart evidence of a snapshot too large to hold is a coordinated sample that
/// still tells one process from the next.
@Suite struct StoreSpoolTests {
    /// Feeds `snapshots` (lists of ids) to a sink that spills every `spillRows` rows.
    static func sink(_ snapshots: [[Int]], spillRows: Int) -> BatchingSink {
        var sink = BatchingSink(spillRows: spillRows)
        for ids in snapshots {
            sink.beginSnapshot(format: .traceback, profile: "goroutine", startLine: 1, time: nil)
            for id in ids {
                let (g, s) = StoreFixtures.goroutine(id, id % 3 == 0 ? "recv" : "send", wait: id % 5)
                sink.goroutine(g, signatures: s)
            }
            sink.endSnapshot(declaredTotal: nil)
        }
        return sink
    }

    @Test func spilledRowsReadBackWholeAndInOrder() throws {
        let snapshots = [Array(1...1_000), Array((1...777).reversed()), [], Array(5_000...5_100)]
        let spilled = Self.sink(snapshots, spillRows: 64)
        let kept = Self.sink(snapshots, spillRows: .max)
        #expect(spilled.spillError == nil)
        for (a, b) in zip(spilled.snapshots, kept.snapshots) {
            let rows = try a.goroutines.all()
            #expect(rows.count == a.goroutines.count && rows.count == a.goroutineTotal)
            #expect(rows.sorted { $0.id < $1.id } == (try b.goroutines.all()))
            #expect(a.goroutines.ids == b.goroutines.ids)
            #expect(a.counts == b.counts)
        }
        // A snapshot that fitted in memory is sorted; one that spilled keeps dump order.
        #expect(try kept.snapshots[1].goroutines.all().map(\.id) == Array(1...777))
        #expect(try spilled.snapshots[1].goroutines.all().map(\.id) == Array((1...777).reversed()))
    }

    /// The store holds the same rows whether a file's rows spilled or not.
    @Test func spilledBatchCommitsTheSameRows() throws {
        let snapshots = [Array(1...3_000), Array(2_000...4_500)]
        var stored: [[Int]] = []
        for spillRows in [100, Int.max] {
            let sink = Self.sink(snapshots, spillRows: spillRows)
            let batches = sink.snapshots.enumerated().map { i, s in
                SnapshotBatch(format: s.format, profile: s.profile, startLine: 1, time: Date(timeIntervalSince1970: 1_800_000_000 + Double(i) * 60),
                              timeSource: .option, declaredTotal: nil, issues: [], goroutineTotal: s.goroutineTotal,
                              truncated: false, counts: s.counts, goroutines: s.goroutines)
            }
            let store = try LeakStore()
            _ = try store.commit(FileBatch(path: "/tmp/x/inst/big.txt", service: "svc", instance: "inst",
                                           contentHash: ContentHash.of(Array("spool \(spillRows)".utf8)), bytes: 0,
                                           snapshots: batches, stacks: sink.stacks, looseIssues: []))
            stored.append(try store.read { db in
                try Int.fetchAll(db, sql: "SELECT goroutine_id FROM goroutine_rows ORDER BY snapshot_id, goroutine_id")
            })
            #expect(try store.snapshots().map(\.epoch) == [1, 1])
        }
        #expect(stored[0].count == 3_000 + 2_501 && stored[0] == stored[1])
    }

    @Test func sampleKeepsEveryIDUpToCapacity() {
        let ids = (1...GoroutineIDSample.capacity).map(Int64.init).shuffled()
        let sample = GoroutineIDSample(ids)
        #expect(!sample.isSampled && sample.ids == ids.sorted())
        #expect(sample.minID == 1 && sample.maxID == Int64(GoroutineIDSample.capacity))
        #expect(GoroutineIDSample([0, -3, 7]).ids == [7])
    }

    @Test func sampleOfAHugeSnapshotIsBoundedAndIndependentOfOrder() {
        let ids = (1...300_000).map(Int64.init)
        let a = GoroutineIDSample(ids), b = GoroutineIDSample(ids.reversed())
        #expect(a.isSampled && a.ids.count <= GoroutineIDSample.capacity && a.ids.count > GoroutineIDSample.capacity / 4)
        #expect(a == b && a.maxID == 300_000 && a.minID == 1)
        #expect(a.ids.allSatisfy { GoroutineIDSample.rank($0) <= a.threshold })
    }

    @Test func restartRulesHoldOnSampledEvidence() {
        func evidence(_ ids: ClosedRange<Int64>...) -> ProcessEpochs.Evidence {
            let all = ids.flatMap { $0 }
            return .init(ids: GoroutineIDSample(all), total: all.count, truncated: false)
        }
        let before = evidence(1...200_000)
        // Same process: most old goroutines still there, new ones above.
        #expect(ProcessEpochs.restartReason(previous: before, next: evidence(1...150_000, 200_001...260_000)) == nil)
        // New process: low ids again, but other goroutines (the old ones ended).
        let next = evidence(1...20, 300_000...500_000)
        #expect(ProcessEpochs.restartReason(previous: evidence(1...20, 100...120_000), next: evidence(1...20, 100_100...130_000)) == nil)
        #expect(ProcessEpochs.restartReason(previous: next, next: evidence(1...20, 30...90_000))?.contains("sample") == true)
        // Small snapshots are never sampled, and say nothing of samples.
        let small = ProcessEpochs.restartReason(previous: evidence(1...20, 100...300), next: evidence(1...60))
        #expect(small != nil && small?.contains("sample") == false)
    }
}
