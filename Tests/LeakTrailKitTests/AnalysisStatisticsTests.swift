import Foundation
import Testing
@testable import LeakTrailKit

/// Mann–Kendall and Theil–Sen against values computed by hand (and checked in Python).
@Suite struct AnalysisStatisticsTests {
    @Test func mannKendallWithTies() {
        // Pairs of [1, 2, 3, 2, 5]: rises − falls = 4 + 2 + 0 + 1 = 7; the tie (2, 2) adds
        // 2·1·9 = 18 to the correction: Var = (5·4·15 − 18) / 18 = 15.667.
        let mk = MannKendall([1, 2, 3, 2, 5])
        #expect(mk.s == 7)
        #expect(abs(mk.variance - 282.0 / 18) < 1e-12)
        #expect(abs(mk.z - 1.5158734579197342) < 1e-12)
        #expect(abs(mk.pIncreasing - 0.06477567645220444) < 1e-12)
        #expect(abs(mk.pTwoSided - 0.1295513529044089) < 1e-12)
    }

    @Test func mannKendallStrictlyIncreasing() {
        // n = 10: S = 45, Var = 10·9·25/18 = 125, Z = 44/√125 = 3.9355, p = 4.15e-5.
        let mk = MannKendall(Array(1...10))
        #expect(mk.s == 45)
        #expect(mk.variance == 125)
        #expect(abs(mk.pIncreasing - 4.1515351663224993e-05) < 1e-15)
        #expect(mk.tau == 1)
    }

    @Test func mannKendallNoInformation() {
        #expect(MannKendall([4, 4, 4, 4]).pIncreasing == 1)
        #expect(MannKendall([1, 2]).pIncreasing == 1)
        #expect(MannKendall([Int]()).s == 0)
        #expect(MannKendall([5, 4, 3, 2, 1]).s == -10)
    }

    @Test func mannKendallMatchesTheDoubleLoop() {
        var noise = AnalysisFixtures.Noise(seed: 7)
        let x = (0..<300).map { _ in noise.int(0...20) }
        var s = 0
        for i in 0..<x.count { for j in (i + 1)..<x.count { s += x[j] > x[i] ? 1 : x[j] < x[i] ? -1 : 0 } }
        #expect(MannKendall(x).s == s)
    }

    @Test func combinedEpochsAddUp() {
        let a = MannKendall([1, 2, 3, 4, 5])
        let b = MannKendall([0, 1, 1, 3])
        let c = MannKendall.combined([a, b])
        #expect(c.s == a.s + b.s)
        #expect(c.variance == a.variance + b.variance)
        #expect(c.pIncreasing < a.pIncreasing)
    }

    @Test func theilSenOddAndEven() {
        // Slopes of [1, 2, 3, 2, 5] at t = 0…4: −1, 0, 1/3, six 1s, 3 → median 1.
        #expect(TheilSen.slope(times: [0, 1, 2, 3, 4], values: [1, 2, 3, 2, 5]) == 1)
        // Slopes of [0, 3, 1, 4]: −2, 0.5, 0.5, 4/3, 3, 3 → median (0.5 + 4/3) / 2.
        #expect(abs(TheilSen.slope(times: [0, 1, 2, 3], values: [0, 3, 1, 4]) - (0.5 + 4.0 / 3) / 2) < 1e-12)
        #expect(TheilSen.slope(times: [0, 1, 2], values: [7, 7, 7]) == 0)
    }

    @Test func theilSenIgnoresABurst() {
        // 2 per second with one wild capture: least squares would bend, the median does not.
        var values = (0..<20).map { $0 * 2 }
        values[10] = 500
        #expect(TheilSen.slope(times: (0..<20).map(Double.init), values: values) == 2)
    }

    @Test func theilSenOnLongSeriesIsBinned() {
        let n = 1000
        let slope = TheilSen.slope(times: (0..<n).map { Double($0) * 10 }, values: (0..<n).map { $0 / 3 })
        #expect(abs(slope - 1.0 / 30) < 0.001)
    }

    @Test func medianBySelection() {
        let a: [Double] = [5, 1, 4, 2, 3]
        #expect(TheilSen.median(a) == 3)
        let b: [Double] = [4, 1, 3, 2]
        #expect(TheilSen.median(b) == 2.5)
    }
}
