import Foundation
import Testing
@testable import LeakTrailKit

/// The healthy shapes production is full of must stay `ok`; leaks, even slow ones, must not.
@Suite struct AnalysisShapeTests {
    typealias F = AnalysisFixtures

    @Test func flatPoolIsOK() {
        // Eight fixed workers for 30 minutes, one or two of them busy at each capture.
        var noise = F.Noise(seed: 1)
        let v = F.verdict([F.series(120, every: 15) { _, _ in 8 - noise.int(0...2) }])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].shape == .flat)
    }

    @Test func poolThatGrowsToItsBoundAndStaysIsOK() {
        // A connection pool fills to 50 in three minutes, then stays there for twelve.
        var noise = F.Noise(seed: 2)
        let points = F.series(60, every: 15) { _, t in min(50, Int(t / 3.6)) - noise.int(0...2) }
        let v = F.verdict([points])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].shape == .stopped)
    }

    @Test func noisyPlateauIsNeverFlagged() {
        // Over many seeds: growth that stopped, then jitter around the bound.
        for seed in 0..<200 as Range<UInt64> {
            var noise = F.Noise(seed: seed)
            let points = F.series(40, every: 10) { _, t in min(40, Int(t / 3)) + noise.int(-3...3) }
            #expect(F.verdict([points]).verdict == .ok, "seed \(seed)")
        }
    }

    @Test func sawtoothIsOK() {
        // A batch collects goroutines for 50 s, then releases them all; 10 minutes at 5 s.
        let v = F.verdict([F.series(120, every: 5) { i, _ in (i % 10) * 4 }])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].shape == .flat)
    }

    @Test func sawtoothWithUnevenTeethIsOK() {
        // A batch released every 40–60 s, collecting 2–6 goroutines per capture, down to a
        // small floor of stragglers; over many seeds.
        for seed in 0..<100 as Range<UInt64> {
            var noise = F.Noise(seed: seed)
            var level = 0
            var age = 0
            var length = 10
            let points = F.series(180, every: 5) { _, _ in
                age += 1
                if age >= length {
                    (level, age, length) = (noise.int(0...2), 0, noise.int(8...12))
                } else {
                    level += noise.int(2...6)
                }
                return level
            }
            #expect(F.verdict([points]).verdict == .ok, "seed \(seed)")
        }
    }

    @Test func burstsAreOK() {
        // Short-lived request goroutines: a baseline of 3, bursts of 20–60 in one capture in ten.
        for seed in 0..<50 as Range<UInt64> {
            var noise = F.Noise(seed: seed)
            let points = F.series(60, every: 10) { _, _ in noise.chance(0.1) ? noise.int(20...60) : noise.int(0...3) }
            #expect(F.verdict([points]).verdict == .ok, "seed \(seed)")
        }
    }

    @Test func burstAtTheEndIsOK() {
        let points = F.series(60, every: 10) { i, _ in i >= 57 ? 80 : 3 }
        #expect(F.verdict([points]).verdict == .ok)
    }

    @Test func noiseIsOK() {
        for seed in 0..<200 as Range<UInt64> {
            var noise = F.Noise(seed: seed)
            let points = F.series(60, every: 10) { _, _ in 20 + noise.int(-6...6) }
            #expect(F.verdict([points]).verdict == .ok, "seed \(seed)")
        }
    }

    @Test func fastLeakIsFound() {
        // 20 goroutines a minute for 10 minutes, alongside a few short-lived ones; counts only.
        var noise = F.Noise(seed: 4)
        let v = F.verdict([F.series(60, every: 10) { _, t in Int(t / 3) + noise.int(0...2) }])
        #expect(v.verdict == .leak)
        #expect(v.reason == .growth)
        #expect(v.basis == .counts)
        #expect(v.confidence >= 0.75 && v.confidence <= 0.8, "counts alone earn at most 0.8")
        let f = v.instances[0]
        #expect(abs(f.growthPerHour - 1200) < 60)
        #expect(f.projectedIn24Hours > 28_000)
    }

    @Test func slowLeakInFiveMinutesOfTenSecondSnapshots() {
        // Three goroutines a minute, five minutes, a capture every 10 s: 15 goroutines in all,
        // arriving at random. A leak that happens to pause over the last sixth of the window
        // looks like a pool at its bound to counts alone; the others are found.
        var found = 0, tried = 0
        for seed in 0..<100 as Range<UInt64> {
            var noise = F.Noise(seed: seed)
            var leaked = 0
            let points = F.series(31, every: 10) { _, _ in
                if noise.chance(0.5) { leaked += 1 }
                return leaked
            }
            guard leaked >= 10 else { continue }
            tried += 1
            if F.verdict([points]).verdict == .leak { found += 1 }
        }
        #expect(tried > 50 && Double(found) >= 0.9 * Double(tried), "\(found) of \(tried)")
        let steady = F.verdict([F.series(31, every: 10) { _, t in Int(t / 20) }])
        #expect(steady.verdict == .leak)
        #expect(abs(steady.instances[0].growthPerHour - 180) < 10)
    }

    @Test func tooLittleDataIsNeverFlaggedAndSaysSo() {
        let v = F.verdict([F.series(6, every: 10) { i, _ in i * 5 }])
        #expect(v.verdict == .ok)
        #expect(v.instances[0].enoughData == false)
        // Counts alone need twice the lag: four minutes, not three.
        let short = F.verdict([F.series(20, every: 10) { i, _ in i * 5 }])
        #expect(short.verdict == .ok && short.instances[0].enoughData == false)
    }

    @Test func slowLeakPausedAtAStepIsStillALeak() {
        // One goroutine every 75 s: the last step was 60 s ago, a fifth of the window.
        let v = F.verdict([F.series(31, every: 10) { _, t in 1 + Int((t + 67) / 75) }])
        #expect(v.verdict == .leak)
    }

    @Test func leakThatStartedLateIsFound() {
        // Flat for ten minutes, then a new code path starts leaking 6 a minute.
        let v = F.verdict([F.series(90, every: 10) { _, t in 4 + max(0, Int((t - 600) / 10)) }])
        #expect(v.verdict == .leak)
    }

    @Test func leakThatPausedRecentlyIsStillALeak() {
        // Grew 10 minutes, then nothing more for the last 2.5 of 12.5: it kept all it gained.
        let v = F.verdict([F.series(75, every: 10) { _, t in t <= 600 ? Int(t / 10) : 60 }])
        #expect(v.verdict == .leak)
    }

    @Test func growthGivenBackIsOK() {
        // Rose for 5 minutes, then released down to its start level.
        let v = F.verdict([F.series(60, every: 10) { i, _ in i < 30 ? i : max(0, 60 - 2 * i) }])
        #expect(v.verdict == .ok)
    }

    @Test func zeroFillTurnsAbsencesIntoZeros() {
        let times = (0..<5).map { F.t0.addingTimeInterval(Double($0) * 10) }
        let filled = SeriesPoint.zeroFilled([SeriesPoint(time: times[3], count: 4)], at: times)
        #expect(filled.map(\.count) == [0, 0, 0, 4, 0])
        #expect(filled[0].goroutineIDs == [])
    }
}
