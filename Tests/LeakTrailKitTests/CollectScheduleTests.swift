import Foundation
import GRDB
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// `collect`'s schedule, bookkeeping and archive, without a network.
@Suite struct CollectScheduleTests {
    @Test func firstRoundsSpreadOverTheIntervalUnlessOnce() {
        var spread = CollectSchedule(every: 10, spreadFirstRound: true, seed: 7)
        let starts = (0..<1000).map { _ in spread.first(now: 100) }
        #expect(starts.allSatisfy { $0 >= 100 && $0 < 110 })
        // No thundering herd: every tenth of the interval gets some of the thousand targets.
        let buckets = Set(starts.map { Int($0 - 100) })
        #expect(buckets.count == 10)
        var once = CollectSchedule(every: 10, spreadFirstRound: false, seed: 7)
        #expect(once.first(now: 100) == 100)
    }

    @Test func roundsKeepTheirPhaseWithinTheJitter() {
        var s = CollectSchedule(every: 10, spreadFirstRound: true, seed: 1)
        var due = 103.0
        for _ in 0..<100 {
            let next = s.next(after: due, failures: 0, now: due + 0.2)
            #expect(next >= due + 9.5 && next <= due + 10.5)
            due = next
        }
        // One failure keeps the schedule: a blip costs one point.
        let afterOne = s.next(after: 200, failures: 1, now: 200.5)
        #expect(afterOne >= 209.5 && afterOne <= 210.5)
    }

    @Test func repeatedFailuresBackOffExponentiallyToACap() {
        var s = CollectSchedule(every: 10, spreadFirstRound: true, seed: 3)
        let waits = (2...9).map { s.next(after: 0, failures: $0, now: 1000) - 1000 }
        for (i, expected) in [20.0, 40, 80, 160, 300, 300, 300, 300].enumerated() {
            #expect(abs(waits[i] - expected) <= expected * 0.05 + 1e-9, "failure \(i + 2): \(waits[i])")
        }
        var slow = CollectSchedule(every: 600, spreadFirstRound: true, seed: 3)
        #expect(slow.maxBackoff == 600)
        #expect(slow.next(after: 0, failures: 5, now: 0) <= 630)
    }

    @Test func missedRoundsAreSkippedNotMadeUp() {
        var s = CollectSchedule(every: 10, spreadFirstRound: true, seed: 5)
        s.jitter = 0
        // Due at 100, the capture hung until 137: the next round is 140, not 110.
        #expect(s.next(after: 100, failures: 0, now: 137) == 140)
    }

    static func target(_ i: Int) -> CollectTarget {
        CollectTarget(service: "s", instance: "i\(i)", url: URL(string: "http://127.0.0.1:\(6000 + i)")!)
    }

    @Test func theBookHandsOutDueTargetsOnceAndRetiresThemAfterTheirRounds() {
        var book = TargetBook(schedule: CollectSchedule(every: 1, spreadFirstRound: false, seed: 1), rounds: 2)
        #expect(book.apply([Self.target(1), Self.target(2)], now: 0) == (2, 0))
        let first = [book.popDue(now: 0), book.popDue(now: 0)].compactMap { $0 }
        #expect(Set(first) == [Self.target(1), Self.target(2)])
        #expect(book.popDue(now: 5) == nil, "both in flight")
        book.finish(Self.target(1), error: nil, now: 0.5)
        book.finish(Self.target(2), error: "HTTP 500", now: 0.5)
        #expect(book.popDue(now: 0.5) == nil, "not due yet")
        #expect(book.popDue(now: 2)?.instance != nil && book.popDue(now: 2)?.instance != nil)
        book.finish(Self.target(1), error: nil, now: 2.1)
        book.finish(Self.target(2), error: nil, now: 2.1)
        #expect(book.idle, "two rounds each, then nothing is scheduled")
        #expect(book.tallies.map { [$0.captures, $0.failures] } == [[2, 0], [1, 1]])
        var status = CollectStatus()
        book.status(into: &status)
        #expect(status.targets == 2 && status.up == 2 && status.down == 0)
    }

    @Test func aReloadRetiresRemovedTargetsAndSchedulesNewOnes() {
        var book = TargetBook(schedule: CollectSchedule(every: 1, spreadFirstRound: false, seed: 1), rounds: nil)
        _ = book.apply([Self.target(1), Self.target(2)], now: 0)
        let inFlight = book.popDue(now: 0)!
        #expect(book.apply([Self.target(3)], now: 0.2) == (1, 2))
        // The capture in flight still finishes and counts, but its target is not rescheduled.
        book.finish(inFlight, error: nil, now: 0.3)
        var handed: [CollectTarget] = []
        while let t = book.popDue(now: 10) { handed.append(t) }
        #expect(handed == [Self.target(3)])
        #expect(book.tallies.count == 3, "removed targets keep their tallies for the summary")
    }

    @Test func archiveNamesRoundTripThroughTheImportersRules() throws {
        let time = Date(timeIntervalSince1970: 1_795_792_044.123_4)
        let path = ArchiveLayout.relativePath(service: "check/out", instance: ".pod 1%", time: time, suffix: "debug2.txt.gz")
        #expect(path == "check%2Fout/%2Epod%201%25/20261127T150724.123Z-debug2.txt.gz")
        #expect(TimeParser.time(inFileName: path)?.unixMilliseconds == time.unixMilliseconds)
        #expect(ArchiveLayout.timestamp(Date(timeIntervalSince1970: 1_795_792_044)) == "20261127T150724.000Z")
        let root = try ScratchDirectory.make("leaktrail-archive")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent(path)
        #expect(ArchiveLayout.labels(of: file.path) == nil, "no marker: not an archive")
        try Data().write(to: root.appendingPathComponent(ArchiveLayout.markerName))
        let labels = try #require(ArchiveLayout.labels(of: file.path))
        #expect(labels.service == "check/out" && labels.instance == ".pod 1%")
    }

    @Test func gzipOutputDependsOnBytesAndNameOnlyAndReadsBack() throws {
        let text = Array(String(repeating: "goroutine 1 [running]:\nmain.main()\n\t/src/main.go:5 +0x1d\n\n", count: 200).utf8)
        let a = try GzipWriter.compress(text, name: "20261127T150724.123Z-debug2.txt")
        #expect(try GzipWriter.compress(text, name: "20261127T150724.123Z-debug2.txt") == a)
        #expect(try GzipWriter.compress(text, name: "20261127T150734.123Z-debug2.txt") != a)
        #expect(a.count < text.count / 4)
        var source = try GzipSource(MemorySource(a))
        var back: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        defer { buffer.deallocate() }
        while case let n = try source.read(into: buffer), n > 0 { back += buffer[0..<n] }
        #expect(back == text)
    }

    @Test func aCaptureOfIdenticalBytesAtAnotherTimeIsAnotherSnapshot() throws {
        let store = try LeakStore()
        let bytes = Array("goroutine 1 [select, 3 minutes]:\nmain.loop()\n\t/src/main.go:9 +0x1d\ncreated by main.main in goroutine 1\n\t/src/main.go:5 +0x25\n\n".utf8)
        let target = Self.target(1)
        for second in [0.0, 30] {
            let time = Date(timeIntervalSince1970: 1_795_792_044 + second)
            let batch = try CaptureBatch.make(bytes, target: target, time: time, source: "http://x", identity: CaptureIdentity.of(bytes, target: target, time: time),
                                              knownStacks: []).get()
            guard case .imported = try store.commit(batch) else { Issue.record("skipped as a duplicate"); return }
        }
        let times = try store.read { try Int64.fetchAll($0, sql: "SELECT time_ms FROM snapshots ORDER BY time_ms") }
        #expect(times == [1_795_792_044_000, 1_795_792_074_000])
        let sources = try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT time_source FROM snapshots") }
        #expect(sources == ["request"])
    }

    @Test func aBodyThatIsNoDumpIsAFailureNotAnEmptySnapshot() {
        let result = CaptureBatch.make(Array("<!DOCTYPE html><title>Sign in</title>".utf8), target: Self.target(1), time: Date(),
                                       source: "x", identity: ContentHash(high: 1, low: 1), knownStacks: [])
        guard case .failure(.notADump(let why)) = result else { Issue.record("\(result)"); return }
        #expect(why.contains("HTML"))
    }
}
