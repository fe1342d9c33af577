extension SnapshotDiff {
    /// `diff A B`: one row per changed signature, largest change first.
    public func listing(topFrames: [StackSignature: String]) -> Listing {
        let columns: [Listing.Column] = [
            .init("change"), .init("signature"), .init("before", numeric: true), .init("after", numeric: true),
            .init("delta", numeric: true), .init("top frame", fit: .location),
        ]
        let rows = entries.map { e in
            [e.change.rawValue, e.signature.hex, String(e.before), String(e.after), (e.delta > 0 ? "+" : "") + String(e.delta),
             topFrames[e.signature] ?? ""]
        }
        let json = JSONText.object([("changes", JSONText.array(entries.map { e in
            JSONText.object([("change", JSONText.string(e.change.rawValue)), ("signature", JSONText.string(e.signature.hex)),
                             ("before", String(e.before)), ("after", String(e.after)),
                             ("top_frame", JSONText.string(topFrames[e.signature] ?? ""))])
        }))])
        return Listing(columns: columns, rows: rows, json: json)
    }
}
