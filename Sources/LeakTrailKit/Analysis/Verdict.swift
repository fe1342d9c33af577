/// The answer for one signature on one instance, or for a signature across the fleet.
/// Ordered by seriousness: `leak` > `suspect` > `ok`.
public enum Verdict: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case ok
    case suspect
    case leak

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }

    var rank: Int {
        switch self {
        case .ok: return 0
        case .suspect: return 1
        case .leak: return 2
        }
    }
}

/// Why a signature was flagged; the spellings are those of the JSON contract.
public enum VerdictReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// The count keeps rising (Mann–Kendall trend, retained, persisting to the end).
    case growth
    /// The runtime itself proved it: `(leaked)` marks or a `goroutineleak` profile.
    case leakedMark = "leaked-mark"
    /// The count is flat but the same goroutines stay parked and keep ageing: deadlock-like.
    case stuck
}
