/// Why a flagged signature is known and accepted: a team looked at it, said why it may stay,
/// and who answers for it. An accepted finding is still shown (marked `accepted`) but no CI
/// gate fails on it.
///
/// The analyzer never sets this: acceptance is applied afterwards, from a checked-in list of
/// known goroutines (`.leaktrail.toml`, see docs/ci.md), so the same store gives the same
/// verdicts whatever the list says.
public struct Acceptance: Hashable, Sendable {
    /// Why it may stay (required in the list).
    public var reason: String
    public var owner: String?
    /// The last day the entry accepts, `YYYY-MM-DD`; nil for no end.
    public var expires: String?
    /// Where the entry is written: `path:line`.
    public var source: String

    public init(reason: String, owner: String? = nil, expires: String? = nil, source: String) {
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.source = source
    }
}
