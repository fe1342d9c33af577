/// What `analyze` prints on the terminal: the headline and one line per leak or suspect
/// (verdict, culprit, state, growth per hour, instances), most serious first. The report file
/// holds the rest.
public struct LeakSummaryTableRenderer {
    public var style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ doc: LeakReportDocument) -> String {
        let s = doc.summary
        var out = style.bold(LeakReportMarkdownRenderer.headline(s)) + " in \(s.services.joined(separator: ", "))"
            + " · \(s.instances.count) instance\(s.instances.count == 1 ? "" : "s") · \(LeakReportMarkdownRenderer.window(s))\n"
        for c in doc.coverage where !c.enough { out += style.warning("not enough data: " + CoverageText.lacking(c)) + "\n" }
        guard !doc.findings.isEmpty else { return out }
        let rows = doc.findings.map { f -> [String] in
            let v = f.verdict
            return [v.verdict.rawValue + (v.accepted == nil ? "" : " (accepted)"), v.culprit.map { ReportFormat.shortFunction($0.function) } ?? v.signature.hex, v.state,
                    ReportFormat.rate(v.growthPerHour), v.flaggedInstances.map(\.instance).joined(separator: ",")]
        }
        let header = ["VERDICT", "CULPRIT", "STATE", "GROWTH", "INSTANCES"]
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                c == 3 ? text.leftPadded(to: widths[c]) : c == cells.count - 1 ? text : text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        out += "\n" + style.muted(line(header)) + "\n"
        for (row, f) in zip(rows, doc.findings) {
            let text = line(row)
            out += (f.verdict.accepted != nil ? style.muted(text) : f.verdict.verdict == .leak ? style.alert(text) : style.warning(text)) + "\n"
        }
        return out
    }
}
