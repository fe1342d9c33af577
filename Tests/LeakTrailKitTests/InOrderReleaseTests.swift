import Testing
@testable import LeakTrailKit

/// Results of parallel parsers come back in input order, whatever order they arrive in.
@Suite struct InOrderReleaseTests {
    @Test func everyArrivalOrderReleasesInIndexOrder() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let count = Int(rng.next() % 40) + 1
            var arrival = Array(0..<count)
            for i in arrival.indices.reversed() { arrival.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var order = InOrderRelease<Int>()
            var released: [Int] = []
            var arrived = Set<Int>()
            for i in arrival {
                released += order.accept(i, at: i)
                arrived.insert(i)
                // Released: exactly the run 0, 1, … of indices that have all arrived.
                let due = (0...count).first { !arrived.contains($0) }!
                #expect(released == Array(0..<due))
            }
            #expect(released == Array(0..<count) && order.rest().isEmpty)
        }
    }

    /// When an earlier item never comes (the writer stopped on a full disk), the later ones
    /// that did arrive are still handed out, in order.
    @Test func restReturnsWhatArrivedAfterAGap() {
        var order = InOrderRelease<String>()
        #expect(order.accept("b", at: 1).isEmpty && order.accept("d", at: 3).isEmpty)
        #expect(order.accept("a", at: 0) == ["a", "b"])
        #expect(order.rest() == ["d"] && order.rest().isEmpty)
    }
}
