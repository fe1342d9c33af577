import Foundation

/// When each target is due: every `every` seconds on a phase of its own, later after failures.
///
/// *No thundering herd.* Each target starts at a random phase within the first interval, so a
/// thousand targets are spread over the interval instead of all asked in the same second, and
/// each round moves by a little jitter (±5 %), so collectors started together drift apart.
/// *Backoff.* One failure keeps the schedule (a blip costs one point); each further failure in
/// a row doubles the wait, up to five minutes (or `every`, if longer); a success resets it.
/// *No catching up.* A round missed because the target was slow or all slots were busy is
/// skipped, never made up with a burst.
public struct CollectSchedule: Sendable {
    public var every: Double
    /// Whether the first round is spread over the interval (not for `--once`: one round wants
    /// its answers now, and the concurrency limit already paces it).
    public var spreadFirstRound: Bool
    public var jitter: Double = 0.05
    private var random: SplitMix64

    public init(every: Double, spreadFirstRound: Bool, seed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.every = every
        self.spreadFirstRound = spreadFirstRound
        random = SplitMix64(seed: seed)
    }

    /// The longest wait after failures.
    public var maxBackoff: Double { max(every, 300) }

    /// When a target first joining at `now` is due.
    public mutating func first(now: Double) -> Double {
        spreadFirstRound ? now + unit() * every : now
    }

    /// When a target whose round was due at `due` is next due, after `failures` failures in a
    /// row (0 after a success), seen at `now`.
    public mutating func next(after due: Double, failures: Int, now: Double) -> Double {
        if failures >= 2 {
            let wait = min(every * pow(2, Double(failures - 1)), maxBackoff)
            return now + wait * (1 + jitter * (2 * unit() - 1))
        }
        var next = due + every * (1 + jitter * (2 * unit() - 1))
        if next <= now {  // missed rounds: skip them, keep the phase
            next += ((now - next) / every).rounded(.up) * every
        }
        return next
    }

    /// A uniform number in [0, 1).
    private mutating func unit() -> Double {
        Double(random.next() >> 11) / Double(UInt64(1) << 53)
    }
}
