extension StoredSnapshot {
    /// `snapshots`: id, time, service, instance, epoch, format, goroutines, source.
    public static func listing(_ snapshots: [StoredSnapshot]) -> Listing {
        let columns: [Listing.Column] = [
            .init("id", numeric: true), .init("time"), .init("service", fit: .text, dropRank: 1), .init("instance", fit: .text),
            .init("epoch", numeric: true), .init("format", dropRank: 2), .init("goroutines", numeric: true), .init("source", fit: .path),
        ]
        let rows = snapshots.map { s in
            [String(s.id), s.time, s.service, s.instance, String(s.epoch), s.format, String(s.goroutines), s.source]
        }
        let json = JSONText.object([("snapshots", JSONText.array(snapshots.map(\.json)))])
        return Listing(columns: columns, rows: rows, json: json)
    }

    /// `{"id":N,"time":"…","service":"…","instance":"…","epoch":N,"format":"…","goroutines":N,"source":"…"}`
    var json: String {
        JSONText.object([
            ("id", String(id)), ("time", JSONText.string(time)), ("service", JSONText.string(service)),
            ("instance", JSONText.string(instance)), ("epoch", String(epoch)), ("format", JSONText.string(format)),
            ("goroutines", String(goroutines)), ("source", JSONText.string(source)),
        ])
    }
}
