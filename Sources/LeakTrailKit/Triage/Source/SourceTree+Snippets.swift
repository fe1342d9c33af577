import Foundation

extension SourceTree {
    /// The lines around `frame`'s line in its file, that line marked; nil when the file is not
    /// in the checkout or is shorter than the line (a checkout of another version: better no
    /// code than the wrong code).
    public func snippet(for frame: Frame, context: Int = 3) -> SourceSnippet? {
        guard frame.line > 0, let url = file(for: frame.file),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        guard frame.line <= lines.count else { return nil }
        let shown = max(1, frame.line - context)...min(lines.count, frame.line + context)
        return SourceSnippet(
            path: relativePath(url), line: frame.line,
            lines: shown.map { SourceSnippet.Line(number: $0, text: String(lines[$0 - 1].dropLast(lines[$0 - 1].hasSuffix("\r") ? 1 : 0))) })
    }

    /// The report with each finding's culprit lines attached, where the checkout has them.
    public func attach(to doc: LeakReportDocument) -> LeakReportDocument {
        var out = doc
        out.findings = doc.findings.map { f in
            var f = f
            f.source = f.verdict.culprit.flatMap { snippet(for: $0) }
            return f
        }
        return out
    }
}
