import Foundation
import Testing
@testable import LeakTrailKit

/// Restarts, survivors, wait minutes and `(leaked)` marks: evidence beyond one epoch's counts.
@Suite struct AnalysisEvidenceTests {
    typealias F = AnalysisFixtures

    /// Epoch `k` of a process restarted every `length` snapshots.
    static func epoch(_ k: Int, _ n: Int, every: TimeInterval = 10, _ count: @escaping (Int, Double) -> Int) -> [SeriesPoint] {
        F.series(n, every: every, start: F.t0.addingTimeInterval(Double(k) * (Double(n) * every + 30)), count: count)
    }

    @Test func leakThatGrowsAgainAfterEachRestartIsOneLeak() {
        let epochs = (0..<3).map { k in Self.epoch(k, 24) { _, t in Int(t / 10) } }
        let v = F.verdict(epochs)
        #expect(v.verdict == .leak)
        #expect(v.reason == .growth)
        #expect(v.instances.count == 1)
        #expect(v.instances[0].epochs == 3)
        #expect(v.instances[0].growingEpochs == 3)
    }

    @Test func shortEpochsCombineIntoALeak() {
        // A crash-looping process: each epoch (9 captures, 80 s) is too short alone.
        let epochs = (0..<4).map { k in Self.epoch(k, 9) { i, _ in i * 2 } }
        #expect(epochs.allSatisfy { EpochTrend($0).shape(AnalysisOptions()) == .tooShort })
        let v = F.verdict(epochs)
        #expect(v.verdict == .leak)
        #expect(v.instances[0].pValue < 0.001)
    }

    @Test func restartedPoolIsOK() {
        // A pool refills to its bound after every restart: each epoch rises, then stays.
        let epochs = (0..<3).map { k in Self.epoch(k, 30) { _, t in min(20, Int(t / 2)) } }
        #expect(F.verdict(epochs).verdict == .ok)
    }

    @Test func leakJustRestartedIsStillALeak() {
        // Grew for 5 minutes; the process restarted two captures ago.
        let v = F.verdict([Self.epoch(0, 30) { _, t in Int(t / 10) }, Self.epoch(1, 2) { i, _ in i }])
        #expect(v.verdict == .leak)
    }

    @Test func leakFixedByARestartIsOK() {
        // Grew before the restart; flat for ten minutes since: the process running now is fine.
        let v = F.verdict([Self.epoch(0, 30) { _, t in Int(t / 10) }, Self.epoch(1, 60) { _, _ in 2 }])
        #expect(v.verdict == .ok)
    }

    /// `count` goroutines with ids 100…, the same ones in every capture, parked since
    /// `startWait` minutes before the first capture.
    static func parked(_ count: Int, minutes: Int, startWait: Int, waits: Bool = true) -> [SeriesPoint] {
        F.series(minutes * 2 + 1, every: 30) { _, _ in count }.map { p in
            var p = p
            let waited = startWait + Int(p.time.timeIntervalSince(F.t0) / 60)
            p.goroutineIDs = Array(100..<(100 + count))
            p.waitMinutes = waits ? waited...waited + 3 : nil
            return p
        }
    }

    @Test func stuckOnAMutex() {
        let v = F.verdict([Self.parked(4, minutes: 10, startWait: 2)], state: "sync.Mutex.Lock")
        #expect(v.verdict == .stuck)
        #expect(v.reason == .stuck)
        #expect(v.blocking == .mutex)
        #expect(v.instances[0].survivors == 4)
        #expect(v.instances[0].oldestWaitMinutes == 15)
        #expect(v.instances[0].oldestSurvivorSince == F.t0)
    }

    @Test func aFixedSetOnAChannelIsAFixedCostNotStuck() {
        // Three goroutines parked on a channel send for ten minutes: flat, same ids, ageing.
        let v = F.verdict([Self.parked(3, minutes: 10, startWait: 0)], state: "chan send")
        #expect(v.verdict == .ok)
    }

    @Test func aLockHeldForAMomentIsNotStuck() {
        // On a mutex, but the youngest has waited less than two minutes.
        let v = F.verdict([Self.parked(3, minutes: 3, startWait: 0).map { p in
            var p = p
            p.waitMinutes = 0...1
            return p
        }], state: "sync.Mutex.Lock")
        #expect(v.verdict == .ok)
    }

    @Test func idleReceiversAgeingAreOK() {
        // A fixed pool with nothing to do waits in chan receive for ever: that is healthy.
        for state in ["chan receive", "select", "IO wait", "sync.Cond.Wait"] {
            #expect(F.verdict([Self.parked(8, minutes: 10, startWait: 2)], state: state).verdict == .ok, "\(state)")
        }
    }

    @Test func mainGoroutineWaitingForeverIsOK() {
        let frames = [Frame(function: "sync.(*WaitGroup).Wait", file: "/go/src/sync/waitgroup.go", line: 118),
                      Frame(function: "main.main", file: "/src/main.go", line: 30)]
        let h = F.history([Self.parked(1, minutes: 10, startWait: 2)], state: "sync.WaitGroup.Wait", frames: frames, createdBy: nil)
        #expect(LeakAnalyzer.analyze(h).verdict == .ok)
    }

    @Test func fedPoolWithSameIDsIsNotStuck() {
        // Same workers in every capture, but their waits keep resetting: they work.
        let v = F.verdict([Self.parked(4, minutes: 10, startWait: 0, waits: false)], state: "sync.Mutex.Lock")
        #expect(v.verdict == .ok)
    }

    @Test func leakedMarkIsProof() {
        var points = F.series(10, every: 10) { _, _ in 2 }
        points[9].leaked = 2
        let v = F.verdict([points], state: "chan send")
        #expect(v.verdict == .leak)
        #expect(v.reason == .leakedMark)
        #expect(v.confidence == 1)
        #expect(v.instances[0].leakedMarks == 2)
    }

    @Test func survivorsAndTheOldest() {
        // Ids 1…k in capture k: every goroutine of the previous capture survives.
        let points = F.series(12, every: 10) { i, _ in i }.map { p -> SeriesPoint in
            var p = p
            p.goroutineIDs = Array(stride(from: 1, through: p.count, by: 1))
            return p
        }
        let s = SurvivorEvidence(points)
        #expect(s?.survivors == 10)
        #expect(s?.oldestID == 1)
        #expect(s?.oldestSince == F.t0.addingTimeInterval(10))
        #expect(SurvivorEvidence(points.map { var p = $0; p.goroutineIDs = nil; return p }) == nil)
    }

    @Test func churningGoroutinesHaveNoSurvivors() {
        let points = F.series(12, every: 10) { _, _ in 5 }.enumerated().map { i, p -> SeriesPoint in
            var p = p
            p.goroutineIDs = Array((i * 10)..<(i * 10 + 5))
            return p
        }
        #expect(SurvivorEvidence(points)?.survivors == 0)
    }

    @Test func tickerLoopIsToldFromSurvivorsThatNeverAge() {
        // A leak of pollers: the same goroutines for six minutes, yet no wait minute printed.
        let points = F.series(37, every: 10) { _, t in 1 + Int(t / 20) }.map { p -> SeriesPoint in
            var p = p
            p.goroutineIDs = Array(1...p.count)
            return p
        }
        let v = F.verdict([points])
        #expect(v.verdict == .leak)
        #expect(v.blocking == .tickerReceive)
        #expect(v.advice.contains("defer ticker.Stop()"))
    }

    @Test func receiverThatAgesIsAPlainReceive() {
        let points = F.series(37, every: 10) { _, t in 1 + Int(t / 20) }.map { p -> SeriesPoint in
            var p = p
            let waited = Int(p.time.timeIntervalSince(F.t0) / 60)
            p.goroutineIDs = Array(1...p.count)
            p.waitMinutes = 0...waited
            return p
        }
        let v = F.verdict([points])
        #expect(v.verdict == .leak)
        #expect(v.blocking == .chanReceive)
    }

    @Test func fleetViewCountsAgreeingInstances() {
        let leak = F.series(60, every: 10) { _, t in Int(t / 6) }
        let flat = F.series(60, every: 10) { _, _ in 3 }
        let h = SignatureHistory(
            signature: StackSignature(value: 1), state: "chan send", frames: F.leakFrames, createdBy: nil,
            instances: [
                InstanceSeries(service: "shop", instance: "c", epochs: [leak]),
                InstanceSeries(service: "shop", instance: "a", epochs: [flat]),
                InstanceSeries(service: "shop", instance: "b", epochs: [leak]),
            ])
        let v = LeakAnalyzer.analyze(h)
        #expect(v.verdict == .leak)
        #expect(v.fleet == [FleetAgreement(service: "shop", observed: 3, flagged: 2, flaggedInstances: ["b", "c"])])
        #expect(v.instances.map(\.instance) == ["b", "c", "a"])
        #expect(LeakReport(verdicts: [v]).leaks[0].instances.map(\.instance) == ["b", "c"])
    }

    @Test func mostSeriousFirst() {
        let histories = [
            F.history([F.series(60, every: 10) { _, _ in 3 }], signature: 1),
            F.history([F.series(60, every: 10) { _, t in Int(t / 60) }], signature: 2),
            F.history([F.series(60, every: 10) { _, t in Int(t / 6) }], signature: 3),
            F.history([F.series(6, every: 10) { i, _ in i * 5 }], signature: 4),
        ]
        let order = LeakAnalyzer.analyze(histories: histories).map(\.signature.value)
        #expect(order == [3, 2, 4, 1])
    }
}

extension AnalysisEvidenceTests {
    @Test func slowLeakAcrossARestartAddsUp() {
        // One goroutine a minute, three minutes per epoch: two per epoch, too few alone.
        let epochs = (0..<2).map { k in Self.epoch(k, 18) { _, t in Int(t / 60) } }
        #expect(epochs.allSatisfy { EpochTrend($0).shape(AnalysisOptions()) != .growing })
        #expect(F.verdict(epochs).verdict == .leak)
    }
}

extension AnalysisEvidenceTests {
    @Test func poolRefillingAfterARestartIsOK() {
        // The pool filled and stopped at 40 before the restart; since, it is filling again.
        let before = Self.epoch(0, 30) { _, t in min(40, Int(t / 3)) - (t > 150 ? 2 : 0) }
        let since = Self.epoch(1, 14) { _, t in min(40, Int(t / 3)) }
        #expect(EpochTrend(before).shape(AnalysisOptions()) == .stopped)
        #expect(F.verdict([before, since]).verdict == .ok)
    }
}

extension AnalysisEvidenceTests {
    @Test func aDeadlockThatFormsMidWindowIsStuckFromWhenItFormed() {
        // Four minutes of nothing, then three goroutines block on a mutex for good.
        let points = F.series(61, every: 10) { _, t in t < 240 ? 0 : 3 }.map { p -> SeriesPoint in
            var p = p
            let t = p.time.timeIntervalSince(F.t0)
            p.goroutineIDs = t < 240 ? [] : [500, 501, 502]
            let waited = t < 240 ? 0 : Int((t - 240) / 60)
            p.waitMinutes = t < 300 ? nil : waited...waited
            return p
        }
        let v = F.verdict([points], state: "sync.Mutex.Lock")
        #expect(v.verdict == .stuck, "\(v.instances[0])")
        // Two minutes after it formed, not yet.
        #expect(F.verdict([Array(points.prefix(30))], state: "sync.Mutex.Lock").verdict == .ok)
    }
}
