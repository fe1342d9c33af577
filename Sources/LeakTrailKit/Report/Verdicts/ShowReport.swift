import Foundation

/// `show SIGNATURE`: everything about one signature for the person who will fix it.
public enum ShowReport {
    /// - Parameter source: the culprit's lines from the checkout (`--source DIR`), if given.
    public static func text(_ v: SignatureVerdict, history: SignatureHistory, source: SourceSnippet? = nil) -> String {
        var out = "signature \(v.signature.hex): \(v.verdict.rawValue)"
        if let reason = v.reason { out += " (\(reason.rawValue), confidence \(VerdictListings.number(v.confidence)))" }
        out += "\nstate: \(v.state) — blocked on \(v.blocking.rawValue)\n"
        if let c = v.culprit { out += "culprit: \(VerdictListings.location(c))\n" }
        if let a = v.accepted { out += "accepted: \(AcceptanceText.line(a))\n" }
        out += "advice: \(v.advice)\n"
        if let source { out += "\nsource: \(source.path)\n\(source.numberedText(indent: "  "))\n" }
        out += "\nstack:\n"
        for f in history.frames { out += "  \(f.function)\n      \(f.file):\(f.line)\n" }
        if let c = v.createdBy { out += "  created by \(c.function)\n      \(c.file):\(c.line)\n" }
        out += "\ninstances:\n"
        for f in v.instances {
            out += "  \(f.service)/\(f.instance): \(f.verdict.rawValue)\(f.reason.map { " (\($0.rawValue))" } ?? "")"
            out += ", \(f.lastCount) now, \(VerdictListings.number(f.growthPerHour))/h, \(f.snapshots) snapshots in \(f.epochs) epoch(s)"
            if let s = f.survivors { out += ", \(s) survivors" }
            if let since = f.oldestSurvivorSince { out += ", oldest seen since \(RFC3339.string(since))" }
            if let w = f.oldestWaitMinutes { out += ", oldest waiting \(w) min" }
            out += "\n"
            if let series = history.instances.first(where: { $0.service == f.service && $0.instance == f.instance }) {
                for (i, epoch) in series.epochs.enumerated() where !epoch.isEmpty {
                    out += "    epoch \(i + 1) \(Sparkline.render(epoch.map(\.count), width: 48)) \(epoch.map { String($0.count) }.joined(separator: " "))\n"
                }
            }
        }
        return out
    }
}
