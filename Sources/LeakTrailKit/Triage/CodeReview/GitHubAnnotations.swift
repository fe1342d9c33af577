/// `leaks --format github`: one workflow command per finding, which GitHub Actions shows on
/// the pull request at the culprit's line (`::error file=…,line=…,title=…::message`).
/// Leaks and stuck sets are errors, suspects warnings, accepted findings notices (shown,
/// never failing). A finding whose file is not in the repository is annotated without a place.
public enum GitHubAnnotations {
    public static func render(_ analysis: LeakAnalysis, locator: CodeLocator) -> String {
        analysis.flagged.map { annotation($0, locator: locator) + "\n" }.joined()
    }

    static func annotation(_ v: SignatureVerdict, locator: CodeLocator) -> String {
        let command = v.accepted != nil ? "notice" : v.verdict == .suspect ? "warning" : "error"
        var properties: [(String, String)] = []
        if let c = v.culprit, let path = locator.relativePath(for: c.file) {
            properties.append(("file", path))
            if c.line > 0 { properties.append(("line", String(c.line))) }
        }
        let rule = FindingRule(v)
        properties.append(("title", (v.accepted != nil ? "Accepted: " : "") + "leaktrail \(rule.id)"))
        var message = FindingText.message(v)
        if let a = v.accepted { message = "Accepted: \(AcceptanceText.line(a))\n" + message }
        return "::\(command) " + properties.map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",") + "::" + escapeData(message)
    }

    /// The runner's escapes for a message: `%`, CR and LF.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value also escapes `:` and `,`, which end it.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
