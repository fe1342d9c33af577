/// The formats the leak report is written in.
public enum LeakReportFormat: String, Sendable, CaseIterable {
    case html
    case markdown
    case json

    /// The format a file name asks for (`.md`, `.markdown`, `.json`), HTML otherwise.
    public static func inferred(fromPath path: String) -> LeakReportFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".json") { return .json }
        return .html
    }
}

extension LeakReportDocument {
    /// The whole report in one format, ending with a newline.
    public func rendered(as format: LeakReportFormat) throws -> String {
        switch format {
        case .html: return LeakReportHTMLRenderer().render(self)
        case .markdown: return LeakReportMarkdownRenderer().render(self)
        case .json: return try jsonText() + "\n"
        }
    }
}
