import Foundation

extension CollectSummary {
    /// `collect --format json`:
    /// `{"captures":N,"failures":N,"failures_by_kind":{"timeout":N,…},"bytes":N,"seconds":N,
    /// "ending":"rounds|duration|stopped|store_failed","store_error":"…"|null,
    /// "targets":[{"service":"…","instance":"…","url":"…","captures":N,"failures":N,"last_error":"…"|null}]}`
    public var json: String {
        let kinds = failuresByKind.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) }
        return JSONText.object([
            ("captures", String(captures)),
            ("failures", String(failures)),
            ("failures_by_kind", JSONText.object(kinds)),
            ("bytes", String(bytes)),
            ("seconds", String(format: "%.3f", seconds)),
            ("ending", JSONText.string(ending.rawValue)),
            ("store_error", storeError.map(JSONText.string) ?? "null"),
            ("targets", JSONText.array(targets.map(\.json))),
        ])
    }

    /// The text summary: one line per target that failed at all, then the totals.
    public var lines: [String] {
        var lines = targets.filter { $0.failures > 0 }.map { t in
            "\(t.target.name): \(t.captures) captured, \(t.failures) failed" + (t.lastError.map { ", last: \($0)" } ?? "")
        }
        let failed = failuresByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        lines.append("\(captures) captures from \(targets.count) targets in \(String(format: "%.1f", seconds)) s, "
            + "\(failures) failed" + (failed.isEmpty ? "" : " (\(failed))"))
        return lines
    }
}

extension CollectSummary.TargetTally {
    var json: String {
        JSONText.object([
            ("service", JSONText.string(target.service)),
            ("instance", JSONText.string(target.instance)),
            ("url", JSONText.string(target.url.absoluteString)),
            ("captures", String(captures)),
            ("failures", String(failures)),
            ("last_error", lastError.map(JSONText.string) ?? "null"),
        ])
    }
}
