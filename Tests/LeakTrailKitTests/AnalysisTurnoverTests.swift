import Foundation
import Testing
@testable import LeakTrailKit

/// Growth whose goroutines do not stay is turnover, however steep; a leak keeps what it gains,
/// even beside churn on the same stack. Synthetic populations with ids, as tracebacks give.
@Suite struct AnalysisTurnoverTests {
    typealias F = AnalysisFixtures

    @Test func loadThatRampsUpIsTurnover() {
        // Requests arrive at a rate rising from 1 to 10 a second over 10 minutes; each lives
        // 0.5–3 s. The in-flight count climbs for the whole window.
        var p = Population()
        var noise = F.Noise(seed: 7)
        var t = 0.0
        while t < 600 {
            p.add(at: t, life: Double(noise.int(500...3000)) / 1000)
            t += 1 / (1 + 9 * t / 600)
        }
        let v = F.verdict([p.captures(61)])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].reason == .turnover)
        #expect(v.instances[0].basis == .ids)
        #expect(v.instances[0].persisted == 0)
    }

    @Test func aBatchAliasingWithTheCaptureIntervalIsTurnover() {
        // One member joins every 100 ms; the batch is released every 9.8 s; captured every 10 s:
        // the count climbs by two at every capture, yet no member lives to the next capture.
        var p = Population()
        var t = 0.0
        while t < 480 {
            let release = (t / 9.8).rounded(.down) * 9.8 + 9.8
            p.add(at: t, life: release - t)
            t += 0.1
        }
        let points = p.captures(48)
        #expect(points[40].count > points[4].count + 50, "the count climbs: \(points.map(\.count))")
        let v = F.verdict([points])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].reason == .turnover)
    }

    @Test func aLeakWithIdsIsFoundOnWhatItKeeps() {
        var p = Population()
        for i in 0..<16 { p.add(at: Double(i) * 30, life: nil) }  // two a minute, for ever
        let v = F.verdict([p.captures(49)])
        #expect(v.verdict == .leak)
        #expect(v.basis == .ids)
        let f = v.instances[0]
        #expect(f.persisted != nil && f.persisted == f.persistedOf)
        #expect(abs(f.growthPerHour - 120) < 15)
    }

    @Test func aLeakBesideChurnOnTheSameStackIsFoundOnItsPersistingPart() {
        // Healthy connections come and go (10–30 open at any time, each a few seconds); one
        // leaked connection a minute stays.
        var p = Population()
        var noise = F.Noise(seed: 11)
        for s in stride(from: 0.0, to: 600, by: 0.5) where noise.chance(0.7) {
            p.add(at: s, life: Double(noise.int(2000...40000)) / 1000)
        }
        for m in 0..<10 { p.add(at: Double(m) * 60 + 5, life: nil) }
        let v = F.verdict([p.captures(61)])
        #expect(v.verdict == .leak)
        let f = v.instances[0]
        #expect(f.persistedOf.map { f.persisted! < $0 } == true, "churn is in the population too")
        #expect(abs(f.growthPerHour - 60) < 20, "the persisting part's rate: \(f.growthPerHour)")
    }

    @Test func aPoolWhoseConnectionsRetireIsOKAtEveryCutoff() {
        // A pool fills to 40 in two minutes (one every 3 s); each connection retires after
        // 90–150 s and is replaced.
        var p = Population()
        var noise = F.Noise(seed: 3)
        var slots: [Double] = []
        for k in 0..<40 { slots.append(Double(k) * 3) }
        for start in slots {
            var t = start
            while t < 900 {
                let life = Double(noise.int(90...150))
                p.add(at: t, life: life)
                t += life
            }
        }
        let points = p.captures(91)
        for end in stride(from: 6, through: 91, by: 6) {
            #expect(F.verdict([Array(points.prefix(end))]).verdict == .ok, "at \(end * 10) s")
        }
    }

    @Test func aSingletonParkedForeverIsAFixedCost() {
        var p = Population()
        p.add(at: 0, life: nil)
        for state in ["select (no cases)", "chan receive", "IO wait", "sync.Cond.Wait", "sleep", "sync.WaitGroup.Wait"] {
            let points = p.captures(60).map { q in
                var q = q
                let minutes = Int(q.time.timeIntervalSince(F.t0) / 60)
                q.waitMinutes = minutes...minutes
                return q
            }
            #expect(F.verdict([points], state: state).verdict == .ok, "\(state)")
        }
    }

    /// A capture's goroutines waiting since the start, as `, N minutes` says.
    static func ageing(_ p: SeriesPoint) -> SeriesPoint {
        var p = p
        let minutes = Int(p.time.timeIntervalSince(F.t0) / 60)
        p.waitMinutes = minutes...minutes
        return p
    }

    @Test func eachInstanceIsJudgedOnItsOwnEvidence() {
        // One stack: a watcher per reload on a nil channel on one instance (leaks), one watcher
        // on a real channel on the other (flat).
        var leaky = Population()
        for i in 0..<24 { leaky.add(at: Double(i) * 20, life: nil) }
        var healthy = Population()
        healthy.add(at: 0, life: nil)
        let history = SignatureHistory(
            signature: StackSignature(value: 0xabc), state: "chan receive", frames: F.leakFrames, createdBy: F.leakCreator,
            instances: [InstanceSeries(service: "svc", instance: "a", state: "chan receive (nil chan)", epochs: [leaky.captures(49)]),
                        InstanceSeries(service: "svc", instance: "b", state: "chan receive", epochs: [healthy.captures(49).map(Self.ageing)])])
        let v = LeakAnalyzer.analyze(history)
        #expect(v.verdict == .leak)
        #expect(v.flaggedInstances.map(\.instance) == ["a"])
        #expect(v.blocking == .nilChanReceive)
        #expect(v.advice == BlockingOperation.nilChanReceive.advice)
        let b = v.instances.first { $0.instance == "b" }
        #expect(b?.verdict == .ok && b?.blocking == .chanReceive)
        #expect(v.figures.goroutines == v.flaggedInstances[0].lastCount, "figures cover the flagged instance only")
    }
}
