import Foundation

/// `leaks --format sarif`: the findings as a SARIF 2.1.0 log for code scanning — one result per
/// flagged signature at its culprit's file and line, under a rule per blocking class or
/// catalogued leak, the advice in the message, the evidence (the `leaks` contract of the
/// finding) in its properties, the goroutine's stack as a SARIF stack. Accepted findings
/// carry an `accepted` suppression: shown as reviewed, never hidden.
public enum SARIFRenderer {
    public static func render(_ analysis: LeakAnalysis, locator: CodeLocator, toolVersion: String = LeakTrailVersion.current) throws -> String {
        let flagged = analysis.flagged
        let rules = Array(Set(flagged.map(FindingRule.init))).sorted()
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = try flagged.map { v in
            let rule = FindingRule(v)
            return try result(v, rule: rule, ruleIndex: index[rule.id] ?? 0, locator: locator)
        }
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: SARIFLog.Driver(name: "leaktrail", semanticVersion: toolVersion, rules: rules.map(rule))),
            originalUriBaseIds: ["SRCROOT": SARIFLog.ArtifactLocation(uri: locator.rootURI)],
            results: results,
            properties: .object(["coverage": try JSONValue.of(LeakReport(analysis).coverage)]))
        return try JSONOutput.encode(SARIFLog(runs: [run])) + "\n"
    }

    static func rule(_ r: FindingRule) -> SARIFLog.Rule {
        SARIFLog.Rule(id: r.id, name: r.name, shortDescription: .init(r.title), fullDescription: .init(r.advice), help: .init(r.advice),
                      defaultConfiguration: .init(level: r.level), properties: .init(tags: ["goroutine-leak", "concurrency"]))
    }

    static func result(_ v: SignatureVerdict, rule: FindingRule, ruleIndex: Int, locator: CodeLocator) throws -> SARIFLog.Result {
        let culprit = v.culprit ?? v.frames.first
        var frames = v.frames.map { location($0.function, $0.file, $0.line, locator) }
        if let c = v.createdBy {
            var created = location(c.function, c.file, c.line, locator)
            created.message = .init("created by \(c.function)")
            frames.append(created)
        }
        return SARIFLog.Result(
            ruleId: rule.id, ruleIndex: ruleIndex, level: rule.level, message: .init(FindingText.message(v)),
            locations: culprit.map { [location($0.function, $0.file, $0.line, locator)] } ?? [],
            partialFingerprints: ["leaktrailSignature/v1": v.signature.hex],
            stacks: [SARIFLog.Stack(message: .init("The goroutines' stack, innermost first"), frames: frames.map { SARIFLog.StackFrame(location: $0) })],
            suppressions: v.accepted.map { [SARIFLog.Suppression(justification: AcceptanceText.line($0))] },
            properties: .object(["leaktrail": try JSONValue.of(LeakReport.Leak(v))]))
    }

    /// A place in the code: relative to the root when the file is under it, else as printed
    /// (the standard library's `net/http/transport.go` is in no repository).
    static func location(_ function: String, _ file: String, _ line: Int, _ locator: CodeLocator) -> SARIFLog.Location {
        let artifact = locator.relativePath(for: file).map { SARIFLog.ArtifactLocation(uri: uri($0), uriBaseId: "SRCROOT") }
            ?? SARIFLog.ArtifactLocation(uri: uri(file))
        return SARIFLog.Location(
            physicalLocation: SARIFLog.PhysicalLocation(artifactLocation: artifact, region: line > 0 ? .init(startLine: line) : nil),
            logicalLocations: [SARIFLog.LogicalLocation(fullyQualifiedName: function, kind: "function")])
    }

    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
