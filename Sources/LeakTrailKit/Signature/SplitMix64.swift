/// SplitMix64 (Steele, Lea and Flood, 2014): a finaliser that spreads every bit of its input
/// over every bit of its output, and the small seeded generator built on it. leaktrail uses it
/// wherever it needs well-mixed bits that are the same on every machine and every run — the
/// last step of a signature id, the rank of a goroutine id in a coordinated sample — and its
/// tests use the generator for noise that replays.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's step, 2^64 / φ.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// `x` mixed: the generator's output for state `x`.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ gamma
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        let x = state
        state &+= Self.gamma
        return Self.mix(x)
    }
}
