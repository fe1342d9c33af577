import Foundation

/// `show SIGNATURE`: everything about one signature for the person who will fix it.
public enum ShowReport {
    /// - Parameters:
    ///   - source: the culprit's lines from the checkout (`--source DIR`), if given.
    ///   - width: the terminal's, when given: a series longer than a line keeps its latest
    ///     counts, the earlier ones replaced by `…`.
    public static func text(_ v: SignatureVerdict, history: SignatureHistory, source: SourceSnippet? = nil, width: Int? = nil) -> String {
        var out = "signature \(v.signature.hex): \(v.verdict.rawValue)"
        if let reason = v.reason { out += " (\(reason.rawValue), confidence \(VerdictListings.number(v.confidence)))" }
        out += "\nstate: \(v.state) — blocked on \(v.blocking.rawValue)\n"
        if let c = v.culprit { out += "culprit: \(VerdictListings.location(c))\n" }
        if let a = v.accepted { out += "accepted: \(AcceptanceText.line(a))\n" }
        // A healthy signature gets no advice: telling someone to fix what is not broken is
        // how a tool loses their trust.
        if v.verdict != .ok { out += "advice: \(v.advice)\n" }
        if let source { out += "\nsource: \(source.path)\n\(source.numberedText(indent: "  "))\n" }
        out += "\nstack:\n"
        for f in history.frames { out += "  \(f.function)\n      \(f.file):\(f.line)\n" }
        if let c = v.createdBy { out += "  created by \(c.function)\n      \(c.file):\(c.line)\n" }
        out += "\ninstances:\n"
        for f in v.instances {
            out += "  \(f.service)/\(f.instance): \(f.verdict.rawValue)\(f.reason.map { " (\($0.rawValue))" } ?? "")"
            out += ", \(f.lastCount) now, \(VerdictListings.number(f.growthPerHour))/h, \(f.snapshots) snapshots in \(f.epochs) epoch\(f.epochs == 1 ? "" : "s")"
            if let s = f.survivors { out += ", \(s) survivors" }
            if let since = f.oldestSurvivorSince { out += ", oldest seen since \(RFC3339.string(since))" }
            if let w = f.oldestWaitMinutes { out += ", oldest waiting \(w) min" }
            out += "\n"
            if let series = history.instances.first(where: { $0.service == f.service && $0.instance == f.instance }) {
                for (i, epoch) in series.epochs.enumerated() where !epoch.isEmpty {
                    let head = "    epoch \(i + 1) \(Sparkline.render(epoch.map(\.count), width: 48)) "
                    out += head + latest(epoch.map { String($0.count) }, width: width.map { $0 - head.count }) + "\n"
                }
            }
        }
        return out
    }

    /// The counts, space-separated; those that do not fit in `width` dropped from the front.
    static func latest(_ counts: [String], width: Int?) -> String {
        let all = counts.joined(separator: " ")
        guard let width, all.count > width else { return all }
        var kept: [String] = []
        var used = 1  // the "…"
        for c in counts.reversed() where used + 1 + c.count <= width {
            kept.append(c)
            used += 1 + c.count
        }
        return (["…"] + kept.reversed()).joined(separator: " ")
    }
}
