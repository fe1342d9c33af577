import Foundation
import Testing
@testable import LeakTrailKit

/// The store's parts on synthetic input: hashing, time parsing, batching, commit, queries.
@Suite struct StoreUnitTests {
    @Test func contentHashIsTheSameInAnyChunking() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = ContentHash.of(bytes)
        for chunk in [1, 3, 15, 16, 17, 64, 999] {
            var h = ContentHasher()
            bytes.withUnsafeBytes { raw in
                var i = 0
                while i < raw.count {
                    let n = min(chunk, raw.count - i)
                    h.add(UnsafeRawBufferPointer(rebasing: raw[i..<(i + n)]))
                    i += n
                }
            }
            #expect(h.finish() == whole, "chunk size \(chunk)")
        }
        #expect(ContentHash.of([]) == ContentHash(high: 0, low: 0))
        #expect(ContentHash.of(Array(bytes.dropLast())) != whole)
        #expect(whole.hex.count == 32)
    }

    /// MurmurHash3_x64_128 reference value (seed 0) for "hello": cbd8a7b341bd9b02 5b1e906a48ae1d19.
    @Test func contentHashMatchesMurmur3Reference() {
        #expect(ContentHash.of(Array("hello".utf8)) == ContentHash(high: 0xcbd8_a7b3_41bd_9b02, low: 0x5b1e_906a_48ae_1d19))
        let fox = ContentHash.of(Array("The quick brown fox jumps over the lazy dog".utf8))
        #expect(fox == ContentHash(high: 0xe34b_bc7b_bc07_1b6c, low: 0x7a43_3ca9_c49a_9347))
    }

    static let timeCases: [(String, Double?)] = [
        ("goroutine-20261127T150724Z.txt", 1_795_792_044),
        ("dump-2026-11-27T15:07:24Z.txt", 1_795_792_044),
        ("dump_2026-11-27T15-07-24.500Z.txt", 1_795_792_044.5),
        ("dump-2026-11-27T16:07:24+01:00.txt", 1_795_792_044),
        ("goroutines.1795792044.txt", 1_795_792_044),
        ("goroutines-1795792044123.txt", 1_795_792_044.123),
        ("goroutines.txt", nil),
        ("pod-12345-goroutines.txt", nil),
        ("20261399T999999Z.txt", nil),
    ]

    @Test(arguments: timeCases) func timeInFileNames(_ name: String, _ expected: Double?) {
        let t = TimeParser.time(inFileName: "/var/dumps/web-1/" + name)?.timeIntervalSince1970
        if let expected {
            #expect(t.map { abs($0 - expected) < 0.001 } == true, "\(name) gave \(String(describing: t))")
        } else {
            #expect(t == nil)
        }
    }

    @Test func timeOptionMustBeWholeTime() {
        #expect(TimeParser.time(option: "20261127T150724Z")?.timeIntervalSince1970 == 1_795_792_044)
        #expect(TimeParser.time(option: "1795792044")?.timeIntervalSince1970 == 1_795_792_044)
        #expect(TimeParser.time(option: "yesterday") == nil)
        #expect(TimeParser.time(option: "x20261127T150724Z") == nil)
        #expect(TimeParser.rfc3339(milliseconds: 1_795_792_044_000) == "2026-11-27T15:07:24Z")
        #expect(TimeParser.rfc3339(milliseconds: 1_795_792_044_250) == "2026-11-27T15:07:24.250Z")
    }

    @Test func batchingSinkCountsAndKeepsEachStackOnce() throws {
        let b = StoreFixtures.batch([(1, "recv"), (5, "send"), (3, "recv"), (9, "recv")])
        #expect(b.stacks.count == 2)
        let s = b.snapshots[0]
        #expect(s.goroutineTotal == 4)
        #expect(try s.goroutines.all().map(\.id) == [1, 3, 5, 9])
        #expect(s.counts.map(\.count).sorted() == [1, 3])
        #expect(s.counts.map(\.signature) == s.counts.map(\.signature).sorted())
        let recv = s.counts.first { $0.count == 3 }!
        #expect(recv.waitMin == 2 && recv.waitMax == 3 && recv.state == "chan receive")
        let known = Set(b.stacks.map(\.signature.value))
        #expect(StoreFixtures.batch([(1, "recv")], known: known).stacks.isEmpty)
    }

    @Test func commitStoresRowsAndSkipsTheSameContent() throws {
        let store = try LeakStore()
        let b = StoreFixtures.batch([(1, "recv"), (2, "send"), (3, "recv")])
        guard case .imported(let ids, let newStacks) = try store.commit(b) else { Issue.record("not imported"); return }
        #expect(ids.count == 1 && newStacks == 2)
        #expect(try store.commit(b) == .skipped(existing: ids[0]))
        #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM goroutines") == 3)
        #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM snapshot_stacks") == 2)
        let second = StoreFixtures.batch([(1, "recv"), (4, "other")], time: Date(timeIntervalSince1970: 1_800_000_060))
        guard case .imported(_, let added) = try store.commit(second) else { Issue.record("not imported"); return }
        #expect(added == 1)
        #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM stacks") == 3)
        #expect(try store.integrityCheck() == "ok")
    }

    /// A quiet instance's `?debug=1` profile is often byte-identical from one capture to the
    /// next: the same bytes at another time, or on another instance, are a new observation.
    @Test func theSameBytesAtAnotherTimeOrInstanceAreANewSnapshot() throws {
        let store = try LeakStore()
        let b = StoreFixtures.batch([(1, "recv"), (2, "send")])
        guard case .imported(let first, _) = try store.commit(b) else { Issue.record("not imported"); return }
        var later = b
        later.snapshots[0].time = b.snapshots[0].time.addingTimeInterval(60)
        var elsewhere = b
        elsewhere.instance = "other"
        guard case .imported(let second, _) = try store.commit(later),
              case .imported(let third, _) = try store.commit(elsewhere) else { Issue.record("dropped as a duplicate"); return }
        #expect(Set(first + second + third).count == 3)
        #expect(try store.commit(later) == .skipped(existing: second[0]))
        #expect(try store.commit(elsewhere) == .skipped(existing: third[0]))
        #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM snapshots") == 3)
    }

    /// A batch whose rows break a constraint half-way must leave nothing behind.
    @Test func aFailingCommitLeavesNoTrace() throws {
        let store = try LeakStore()
        var bad = StoreFixtures.batch([(1, "recv"), (2, "send")])
        bad.snapshots[0].counts.append(bad.snapshots[0].counts[0])  // duplicate key in snapshot_stacks
        #expect(throws: (any Error).self) { try store.commit(bad) }
        for table in ["snapshots", "snapshot_stacks", "goroutines", "stacks", "instances", "services"] {
            #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM \(table)") == 0, "\(table)")
        }
        _ = try store.commit(StoreFixtures.batch([(1, "recv")]))
        #expect(try store.snapshots().count == 1)
    }

    /// Snapshots taken at one moment share an epoch: if one of them starts a new process, all
    /// of them are in it, whichever was committed first, and the moments after follow.
    @Test func snapshotsAtOneMomentShareAnEpoch() throws {
        let store = try LeakStore()
        func at(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + s) }
        let full = (1...20).map { ($0, "recv") }, low = (1...3).map { ($0, "recv") }
        for (name, ids, time) in [("a", full, at(1)), ("b", full, at(2)), ("c2", full, at(3)), ("d", full, at(4)), ("c1", low, at(3))] {
            _ = try store.commit(StoreFixtures.batch(ids, path: "/tmp/x/inst/\(name).txt", time: time))
        }
        let epochs = Dictionary(uniqueKeysWithValues: try store.snapshots().map { ($0.source, $0.epoch) })
        // c1 restarts low after c2 (same moment, committed first); c2 joins c1's epoch and d follows.
        #expect(["a", "b", "c2", "c1", "d"].map { epochs["/tmp/x/inst/\($0).txt"] } == [1, 1, 2, 2, 2], "\(epochs)")
        // Many more at that moment change nothing for the moments around it.
        for k in 0..<50 { _ = try store.commit(StoreFixtures.batch(full, path: "/tmp/x/inst/c-\(k).txt", time: at(3))) }
        let after = try store.snapshots()
        #expect(after.filter { $0.time == TimeParser.rfc3339(milliseconds: at(3).unixMilliseconds) }.allSatisfy { $0.epoch == 2 })
        #expect(after.map(\.epoch) == after.map(\.epoch).sorted() && Set(after.map(\.epoch)) == [1, 2])
    }

    /// A capture at 1,800,000,000.0006 s is stored as ms 1,800,000,000,001 (rounded). The same
    /// instant given as `--since` or `--until` must keep it: the bounds round as stored times do
    /// (truncating `until` to ...000 ms dropped it).
    @Test func timeBoundsRoundAsStoredTimesDo() throws {
        let store = try LeakStore()
        let at = Date(timeIntervalSince1970: 1_800_000_000.0006)
        _ = try store.commit(StoreFixtures.batch([(1, "recv"), (2, "send")], time: at))
        #expect(try StoreFixtures.count(store, "SELECT time_ms FROM snapshots") == 1_800_000_000_001)
        #expect(try store.histories(.init(since: at)).count == 2)
        #expect(try store.histories(.init(until: at)).count == 2)
        #expect(try store.histories(.init(until: at.addingTimeInterval(-0.001))).isEmpty)
        #expect(try store.histories(.init(since: at.addingTimeInterval(0.001))).isEmpty)
        let filter = LeakStore.HistoryFilter(since: at, until: at)
        #expect(filter.contains(milliseconds: 1_800_000_000_001) && !filter.contains(milliseconds: 1_800_000_000_000))
    }

    @Test func topRanksSignaturesAndMergesByFunction() throws {
        let store = try LeakStore()
        _ = try store.commit(StoreFixtures.batch([(1, "recv"), (2, "recv"), (3, "send"), (4, "recv")]))
        let top = try store.top(.latest, by: .line, limit: 10)
        #expect(top.entries.map(\.count) == [3, 1])
        #expect(top.entries[0].topFrame.hasPrefix("example.com/app.recv "))
        #expect(try store.top(.latest, by: .function, limit: 1).entries.map(\.count) == [3])
        #expect(throws: StoreError.self) { try store.top(.id(99)) }
        #expect(throws: StoreError.self) { try store.top(.latest, instance: "nope") }
    }

    @Test func listingsHaveTheDocumentedShapes() throws {
        let store = try LeakStore()
        _ = try store.commit(StoreFixtures.batch([(1, "recv")], path: "/d/i\"q/dump.txt"))
        let listing = StoredSnapshot.listing(try store.snapshots())
        #expect(listing.json == #"{"snapshots":[{"id":1,"time":"2027-01-15T08:00:00Z","service":"svc","instance":"inst","epoch":1,"format":"traceback","goroutines":1,"source":"/d/i\"q/dump.txt"}]}"#)
        #expect(listing.rendered(as: .csv) == "id,time,service,instance,epoch,format,goroutines,source\n1,2027-01-15T08:00:00Z,svc,inst,1,traceback,1,\"/d/i\"\"q/dump.txt\"\n")
        #expect(listing.rendered(as: .table).split(separator: "\n").count == 2)
    }
}
