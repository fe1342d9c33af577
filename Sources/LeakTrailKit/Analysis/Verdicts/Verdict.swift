/// The answer for one signature on one instance, or for a signature across the fleet.
/// Ordered by seriousness: `leak` > `stuck` > `suspect` > `ok`.
///
/// `stuck` is not a kind of leak: a leak grows without bound, a stuck set (a deadlock) is
/// a fixed number of goroutines that will never move again. Both need a fix; CI gates choose
/// each with its own `--fail-on`.
public enum Verdict: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case ok
    /// Kept for stores and tools that know it; the current rules say `ok` or `leak`, never
    /// "maybe": growth that the evidence cannot yet settle is `ok` until it can.
    case suspect
    case stuck
    case leak

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }

    var rank: Int {
        switch self {
        case .ok: return 0
        case .suspect: return 1
        case .stuck: return 2
        case .leak: return 3
        }
    }
}

/// Why a signature was judged so; the spellings are those of the JSON contract.
public enum VerdictReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// The goroutines it gains are kept, and their number keeps rising.
    case growth
    /// The runtime itself proved it: `(leaked)` marks or a `goroutineleak` profile.
    case leakedMark = "leaked-mark"
    /// A fixed set on a lock that never moves and keeps ageing: a deadlock.
    case stuck
    /// (`ok`) The count rose, but its goroutines come and go: in-flight work under rising
    /// load, or batches sampled in step with their release. Not a leak, however steep.
    case turnover
}

/// What a verdict rests on: the strongest evidence the captures of the instance carried.
public enum EvidenceBasis: String, Hashable, Sendable, Codable, CaseIterable {
    /// The runtime's own proof (`(leaked)`, `goroutineleak` profiles).
    case leakedMarks = "leaked-marks"
    /// Goroutine ids and wait times followed across captures (tracebacks: `?debug=2`,
    /// `runtime.Stack`, SIGQUIT): whether the goroutines persist is known.
    case ids
    /// Goroutine counts alone (`?debug=1`, protobuf profiles): growth is seen, whether the
    /// same goroutines stay is not. Capturing `?debug=2` settles it.
    case counts
}
