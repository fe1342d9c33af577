/// How every output writes an accepted finding: the reason first, then who answers for it and
/// until when, then where the entry is, so a reader can go and remove it.
enum AcceptanceText {
    /// `one refresher per process (owner team-shop, until 2027-03-31; .leaktrail.toml:4)`.
    static func line(_ a: Acceptance) -> String {
        var details: [String] = []
        if let owner = a.owner { details.append("owner \(owner)") }
        if let expires = a.expires { details.append("until \(expires)") }
        let who = details.isEmpty ? "" : details.joined(separator: ", ") + "; "
        return "\(a.reason) (\(who)\(a.source))"
    }
}
