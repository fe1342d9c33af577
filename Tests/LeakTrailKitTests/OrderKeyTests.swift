import Testing
@testable import LeakTrailKit

/// The radix selection behind Theil–Sen medians gives exactly what sorting gives: on random
/// doubles of every sign and scale (with ±0, repeats and infinities), and on goroutine counts.
@Suite struct OrderKeyTests {
    static func random(_ seed: inout UInt64) -> UInt64 {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return seed >> 11
    }

    @Test func keysKeepTheOrderOfNumbers() {
        let values: [Double] = [-.infinity, -1e300, -2.5, -1, -1e-300, -0.0, 0, 1e-300, 1, 2.5, 1e300, .infinity]
        let keys = values.map(OrderKey.of)
        #expect(keys == keys.sorted() && OrderKey.of(-0.0) == OrderKey.of(0))
        #expect(values.allSatisfy { OrderKey.value(OrderKey.of($0)) == $0 })
    }

    @Test func medianEqualsTheSortedMedian() {
        var seed: UInt64 = 11
        for n in [1, 2, 3, 7, 64, 255, 1_000, 4_560] {
            for round in 0..<20 {
                let values: [Double] = (0..<n).map { _ in
                    let r = Self.random(&seed)
                    switch (r + UInt64(round)) % 5 {
                    case 0: return Double(Int(r % 7) - 3)                       // repeats and zeros
                    case 1: return Double(bitPattern: r | 0x3FF0_0000_0000_0000) // [1, 2)
                    default: return (Double(r % 2_000_001) - 1_000_000) / Double(1 + r % 997)
                    }
                }
                let sorted = values.sorted()
                let want = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
                var keys = values.map(OrderKey.of)
                let got = keys.withUnsafeMutableBufferPointer { OrderKey.median($0) }
                #expect(got == want, "n \(n) round \(round)")
            }
        }
    }

    @Test func integerSelectionEqualsSorting() {
        var seed: UInt64 = 5
        for n in [1, 2, 10, 333, 5_000] {
            let counts = (0..<n).map { i in i % 3 == 0 ? Int(Self.random(&seed) % 40) : Int(Self.random(&seed) % 1_000_000) - 10 }
            let sorted = counts.sorted()
            for k in [0, n / 2, n - 1] {
                let (below, at) = OrderKey.select(counts, k)
                #expect(at == sorted[k] && below == sorted[max(0, k - 1)], "n \(n) k \(k)")
            }
        }
    }
}
