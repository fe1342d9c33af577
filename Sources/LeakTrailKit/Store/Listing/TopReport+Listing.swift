extension TopReport {
    /// `top`: the largest signatures of one snapshot.
    public var listing: Listing {
        let columns: [Listing.Column] = [
            .init("signature"), .init("goroutines", numeric: true), .init("state", fit: .text), .init("wait", numeric: true, dropRank: 3),
            .init("leaked", numeric: true, dropRank: 2), .init("stacks", numeric: true, dropRank: 1), .init("top frame", fit: .location),
        ]
        let rows = entries.map { e in
            [e.signature.hex, String(e.count), e.state, e.waitText, String(e.leaked), String(e.stacks), e.topFrame]
        }
        let s = snapshot
        let json = JSONText.object([
            ("snapshot", JSONText.object([
                ("id", String(s.id)), ("time", JSONText.string(s.time)), ("service", JSONText.string(s.service)),
                ("instance", JSONText.string(s.instance)), ("epoch", String(s.epoch)), ("goroutines", String(s.goroutines)),
            ])),
            ("by", JSONText.string(level.rawValue)),
            ("signatures", JSONText.array(entries.map(\.json))),
        ])
        return Listing(columns: columns, rows: rows, json: json)
    }
}

extension TopEntry {
    /// `3-17` minutes, `5`, or empty when no member printed a wait.
    var waitText: String {
        guard let lo = waitMin, let hi = waitMax else { return "" }
        return lo == hi ? String(lo) : "\(lo)-\(hi)"
    }

    var json: String {
        let wait = waitMin.map { lo in
            JSONText.object([("min", String(lo)), ("max", JSONText.optional(waitMax))])
        } ?? "null"
        return JSONText.object([
            ("signature", JSONText.string(signature.hex)), ("count", String(count)), ("state", JSONText.string(state)),
            ("wait_minutes", wait), ("leaked", String(leaked)), ("stacks", String(stacks)),
            ("top_frame", JSONText.string(topFrame)),
        ])
    }
}
