import Foundation

/// The formats `compare` prints: a table for people, Markdown for a pull request or a deploy
/// ticket, JSON for programs (docs/json.md).
public enum ComparisonFormat: String, Sendable, CaseIterable {
    case table
    case json
    case markdown
}

extension Comparison {
    /// `width`: the terminal's, for a table (nil: lines in full).
    public static func rendered(_ comparisons: [Comparison], as format: ComparisonFormat, width: Int? = nil) throws -> String {
        switch format {
        case .table: return listing(comparisons).rendered(as: .table, width: width)
        case .json: return try JSONOutput.encode(JSONDocument(comparisons: comparisons.map(JSONComparison.init))) + "\n"
        case .markdown: return markdown(comparisons)
        }
    }

    static func listing(_ comparisons: [Comparison]) -> Listing {
        let columns: [Listing.Column] = [
            .init("service", dropRank: 4), .init("change"), .init("signature"), .init("before"), .init("after"),
            .init("per instance /h", dropRank: 3), .init("instances", fit: .text, dropRank: 2), .init("culprit", fit: .location),
            .init("why", fit: .text, dropRank: 1),
        ]
        let rows = comparisons.flatMap { c in c.entries.map { e in row(e, service: c.service) } }
        return Listing(columns: columns, rows: rows, json: "")
    }

    static func row(_ e: Entry, service: String) -> [String] {
        [service, e.change.rawValue, e.signature.hex, verdictText(e.before), verdictText(e.after),
         "\(rateText(e.before)) → \(rateText(e.after))", "\(instancesText(e.before)) → \(instancesText(e.after))",
         e.current?.culprit.map { "\($0.function) \($0.file):\($0.line)" } ?? "", e.why]
    }

    /// `leak`, `leak (accepted)`, `ok`, `not judged` (only on instances with too little
    /// data), `–` (not captured).
    static func verdictText(_ v: SignatureVerdict?) -> String {
        guard let v else { return "–" }
        let seen = v.instances.filter { $0.firstSeen != nil }
        if v.verdict == .ok, !seen.isEmpty, !seen.contains(where: \.enoughData) { return "not judged" }
        return v.verdict.rawValue + (v.accepted == nil ? "" : " (accepted)")
    }

    static func rateText(_ v: SignatureVerdict?) -> String {
        guard let v, v.verdict == .leak else { return "–" }
        return ReportFormat.rate(Comparer.perInstanceRate(v))
    }

    static func instancesText(_ v: SignatureVerdict?) -> String {
        guard let v else { return "–" }
        let flagged = v.flaggedInstances.map(\.instance)
        return flagged.isEmpty ? "none" : flagged.joined(separator: ",")
    }

    static func markdown(_ comparisons: [Comparison]) -> String {
        var blocks = ["# Goroutine leaks before and after"]
        for c in comparisons {
            blocks.append("## " + MarkdownText.escape(c.service))
            blocks.append("Before: " + MarkdownText.code(c.before.window, inTable: false) + " · after: " + MarkdownText.code(c.after.window, inTable: false))
            for (name, side) in [("before", c.before), ("after", c.after)] where !side.lacking.isEmpty {
                blocks.append("> **Not enough data \(name)** — not judged:\n" + side.lacking.map { "> - " + MarkdownText.escape(CoverageText.lacking($0)) }.joined(separator: "\n"))
            }
            guard !c.entries.isEmpty else {
                blocks.append("Nothing flagged in either window.")
                continue
            }
            var lines = ["| Change | Culprit | Before | After | Growth per instance | Instances | Why |", "|---|---|---|---|---:|---|---|"]
            for e in c.entries {
                let culprit = e.current?.culprit.map { MarkdownText.code(ReportFormat.shortFunction($0.function)) } ?? MarkdownText.code(e.signature.hex)
                lines.append("| **\(e.change.rawValue)** | \(culprit) | \(verdictText(e.before)) | \(verdictText(e.after))"
                    + " | \(rateText(e.before)) → \(rateText(e.after)) | \(MarkdownText.escape(instancesText(e.before))) → \(MarkdownText.escape(instancesText(e.after)))"
                    + " | \(MarkdownText.escape(e.why)) |")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
