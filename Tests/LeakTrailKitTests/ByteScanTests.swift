import Testing
@testable import LeakTrailKit

/// The word-at-a-time scans agree with plain byte loops on every length and position,
/// including matches at word edges, bytes ≥ 0x80 next to a match, and ranges under 8 bytes.
@Suite struct ByteScanTests {
    /// Lines of `(`, space, TAB, 0x80–0xFF and letters, seeded so a failure replays.
    static func lines() -> [[UInt8]] {
        var seed: UInt64 = 7
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 33
        }
        let alphabet: [UInt8] = [0x28, 0x20, 0x09, 0x80, 0xFF, 0xA8, 0x61, 0x29, 0x21, 0x08, 0x27]
        return (0..<2_000).map { i in (0..<(i % 40)).map { _ in next() % 4 == 0 ? alphabet[Int(next() % 11)] : 0x61 } }
    }

    @Test func lastAndFirstIndexMatchByteLoops() {
        for line in Self.lines() {
            line.withUnsafeBytes { b in
                for from in 0...min(3, line.count) {
                    let to = line.count
                    #expect(ByteScan.lastIndex(of: 0x28, in: b, from: from, to: to) == (from..<to).last { line[$0] == 0x28 })
                    #expect(ByteScan.firstIndex(of: 0x20, in: b, from: from, to: to) == (from..<to).first { line[$0] == 0x20 })
                    #expect(ByteScan.containsBlank(b, from: from, to: to) == line[from..<to].contains { $0 == 0x20 || $0 == 0x09 })
                }
            }
        }
    }

    @Test func namedCases() {
        let cases: [(String, Int?)] = [
            ("main.f()", 6), ("main.(*T).M(0x1, {0x2, 0x3})", 11), ("(", 0), ("", nil),
            ("abcdefgh(", 8), ("(abcdefgh", 0), ("ab(cdefghijklmnop", 2), ("é(é", 2),
        ]
        for (text, want) in cases {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { b in
                #expect(ByteScan.lastIndex(of: UInt8(ascii: "("), in: b, from: 0, to: bytes.count) == want, "\(text)")
            }
        }
    }
}
