import Foundation

/// One leak or suspect in the HTML report: the chart of its series, the verdict and why, where
/// in the code, the evidence, the fix, and the stack with the reader's own frames
/// highlighted and the runtime's muted.
struct LeakFindingHTML {
    var finding: LeakReportDocument.Finding
    var number: Int
    var from: Date?
    var to: Date?
    var modules: [String]

    var v: SignatureVerdict { finding.verdict }

    func e(_ s: String) -> String { HTMLText.escape(s) }

    func render() -> String {
        var out = "<article class=\"finding \(v.verdict.rawValue)\(v.accepted == nil ? "" : " accepted")\" id=\"finding-\(number)\">\n<header>"
        out += "<span class=\"badge \(v.verdict.rawValue)\">\(v.verdict.rawValue)</span>"
            + (v.accepted == nil ? "" : " <span class=\"badge accepted\">accepted</span>")
        out += "<h3><span class=\"num\">\(number).</span> <code>\(e(v.culprit?.function ?? "unknown culprit"))</code></h3>"
        out += "<span class=\"why\">\(e(reasonText)) · \(ReportFormat.percent(v.confidence)) confidence</span></header>\n"
        if let c = v.culprit {
            out += "<p class=\"where\">at <code>\(e(c.file)):\(c.line)</code> · \(e(v.blocking.rawValue)) · signature <code>\(v.signature.hex)</code></p>\n"
        }
        out += "<div class=\"grid2\">\n<figure>\(chart)\(legend)</figure>\n\(facts)</div>\n"
        if let a = v.accepted {
            out += "<div class=\"accepted-note\"><strong>Accepted</strong>\(e(AcceptanceText.line(a)))</div>\n"
        }
        out += source
        out += "<div class=\"advice\"><strong>Fix</strong>\(e(v.advice))</div>\n"
        out += instanceTable + stack
        return out + "</article>\n"
    }

    /// The culprit's lines from the checkout, the blocking one marked.
    var source: String {
        guard let snippet = finding.source else { return "" }
        var out = "<p class=\"stack-title\">Source <code>\(e(snippet.path))</code></p>\n<pre class=\"source mono\">"
        let width = String(snippet.lines.last?.number ?? snippet.line).count
        for l in snippet.lines {
            let number = String(repeating: " ", count: width - String(l.number).count) + String(l.number)
            let text = "<span class=\"ln\">\(number)</span> \(e(l.text))"
            // The mark is a block: it ends its own line.
            out += l.number == snippet.line ? "<mark>\(text)</mark>" : text + "\n"
        }
        return out + "</pre>\n"
    }

    var reasonText: String {
        switch v.reason {
        case .leakedMark: return "marked (leaked) by the Go runtime"
        case .stuck: return "stuck: the same goroutines on a lock, flat, ageing"
        case .turnover: return "turnover: the count rose, its goroutines did not stay"
        case .growth, nil: return v.basis == .counts ? "keeps growing (on counts alone)" : "keeps growing, and keeps its goroutines"
        }
    }

    var chart: String {
        guard let from, let to else { return "" }
        let title = "Goroutines of \(v.culprit?.function ?? v.signature.hex) per instance over time"
        return SeriesChart(series: finding.series, flagged: Set(v.flaggedInstances.map { "\($0.service)/\($0.instance)" }),
                           from: from, to: to, title: title).svg()
    }

    var legend: String {
        let flagged = Set(v.flaggedInstances.map { "\($0.service)/\($0.instance)" })
        let verdicts = Dictionary(v.instances.map { ("\($0.service)/\($0.instance)", $0.verdict) }, uniquingKeysWith: { a, _ in a })
        var out = "<figcaption class=\"legend\">"
        for (i, s) in finding.series.enumerated() {
            let key = SeriesChart.key(s)
            out += "<span class=\"\(flagged.contains(key) ? "flagged" : "calm")\"><svg viewBox=\"0 0 22 10\" aria-hidden=\"true\">"
                + "<line class=\"c\(i % SeriesChart.colours)\" x1=\"1\" y1=\"5\" x2=\"21\" y2=\"5\"/></svg>"
                + "\(e(key)) (\(verdicts[key]?.rawValue ?? "ok")\(s.epochs.count > 1 ? ", \(s.epochs.count - 1) restart\(s.epochs.count == 2 ? "" : "s")" : ""))</span>"
        }
        return out + "</figcaption>"
    }

    var facts: String {
        let flagged = v.flaggedInstances
        let survivors = flagged.compactMap(\.survivors)
        let oldest = flagged.compactMap(\.oldestWaitMinutes).max()
        var rows: [(String, String)] = [
            ("Growth", "<span class=\"big\">\(e(ReportFormat.rate(v.growthPerHour)))</span>"),
            ("Now → +24 h", "<span class=\"big\">\(ReportFormat.count(v.lastCount)) → \(ReportFormat.count(v.projectedIn24Hours))</span> goroutines"),
            ("Memory held", "\(ReportFormat.bytes(finding.memoryBytes)) <span class=\"why\">(\(ReportFormat.bytes(v.stackBytesEach)) each)</span>"),
            ("Blocking", e(v.blocking.rawValue) + (v.state == v.blocking.rawValue ? "" : " <span class=\"why\">(state \(e(v.state)))</span>")),
            ("Survivors", survivors.isEmpty ? "unknown (no goroutine ids)" : "\(ReportFormat.count(survivors.reduce(0, +))) kept their id between the last two captures"),
            ("Oldest wait", oldest.map { "\($0) min" } ?? "not printed by the runtime"),
            ("Instances", "\(flagged.count) of \(v.instances.filter { $0.firstSeen != nil }.count) flagged"),
        ]
        if let c = v.createdBy {
            rows.append(("Created by", "<code title=\"\(e(c.function))\">\(e(ReportFormat.shortFunction(c.function)))</code><br><code class=\"why\">\(e(c.file)):\(c.line)</code>"))
        }
        return "<dl class=\"facts\">" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"
    }

    var instanceTable: String {
        var out = "<table class=\"instances\">\n<thead><tr><th>Instance</th><th>Verdict</th><th class=\"num\">Confidence</th>"
            + "<th class=\"num\">First → last</th><th class=\"num\">Growth</th><th class=\"num\">Snapshots</th>"
            + "<th class=\"num\">Survivors</th><th class=\"num\">Oldest wait</th><th>Seen</th></tr></thead>\n<tbody>\n"
        for i in v.instances {
            let seen = [i.firstSeen, i.lastSeen].compactMap { $0 }.map { ReportFormat.clock($0, seconds: true) }.joined(separator: "–")
            out += "<tr class=\"\(i.isFlagged ? "flagged" : "calm")\"><td><code>\(e(i.service))/\(e(i.instance))</code></td>"
                + "<td>\(i.isFlagged ? "<span class=\"badge \(i.verdict.rawValue)\">\(i.verdict.rawValue)</span>" : "ok · \(e(i.shape.rawValue))")</td>"
                + "<td class=\"num\">\(ReportFormat.percent(i.confidence))</td><td class=\"num\">\(i.firstCount) → \(i.lastCount)</td>"
                + "<td class=\"num\">\(e(ReportFormat.rate(i.growthPerHour)))</td><td class=\"num\">\(i.snapshots)\(i.epochs > 1 ? " (\(i.epochs) epochs)" : "")</td>"
                + "<td class=\"num\">\(i.survivors.map(ReportFormat.count) ?? "–")</td><td class=\"num\">\(i.oldestWaitMinutes.map { "\($0) min" } ?? "–")</td>"
                + "<td class=\"mono\">\(seen.isEmpty ? "–" : seen)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    var stack: String {
        var out = "<p class=\"stack-title\">Stack, innermost first — your code highlighted, runtime and standard library muted</p>\n<ol class=\"stack mono\">\n"
        for f in v.frames {
            let origin = CodeOrigin.of(f.function, modulePrefixes: modules)
            let cls = origin == .user ? "user" : origin == .runtime ? "runtime" : "std"
            out += "<li class=\"\(cls)\"><span class=\"fn\">\(e(f.function))</span><span class=\"pos\">\(e(f.file)):\(f.line)</span></li>\n"
        }
        if let c = v.createdBy {
            let cls = CodeOrigin.of(c.function, modulePrefixes: modules) == .user ? "user" : "std"
            out += "<li class=\"created \(cls)\"><span class=\"label\">created by</span><span class=\"fn\">\(e(c.function))</span>"
                + "<span class=\"pos\">\(e(c.file)):\(c.line)</span></li>\n"
        }
        return out + "</ol>\n"
    }
}
