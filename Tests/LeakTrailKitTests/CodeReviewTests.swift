import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// Findings for code review on the committed series: SARIF 2.1.0 validated against the
/// official schema, and GitHub workflow annotations, both pointing at the culprit's line in
/// the generator's checkout.
@Suite(.enabled(if: TriageFixtures.seriesPresent, "SampleTraces/series is absent"))
struct CodeReviewTests {
    typealias T = TriageFixtures

    static let schema = JSONSchemaCheck.sarifSchema(packageRoot: StoreFixtures.packageRoot)
    static var schemaPresent: Bool { FileManager.default.fileExists(atPath: schema.path) }
    static var canValidate: Bool { schemaPresent && JSONSchemaCheck.validatorAvailable }

    static func locator() throws -> CodeLocator {
        CodeLocator(root: T.generator.path, tree: try SourceTree(directory: T.generator.path))
    }

    static func sarif(_ store: LeakStore, known: KnownGoroutines? = nil) throws -> (text: String, object: [String: Any]) {
        var analysis = try T.analysis(store)
        if let known { analysis = known.apply(to: analysis, on: T.today) }
        let text = try SARIFRenderer.render(analysis, locator: try locator(), toolVersion: "9.9.9")
        return (text, try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]))
    }

    @Test func theSchemaCheckRunsInCI() {
        if JSONSchemaCheck.inCI {
            #expect(Self.schemaPresent, "../shared/schemas/sarif-schema-2.1.0.json is missing")
            #expect(JSONSchemaCheck.validatorAvailable, "python3 -m pip install jsonschema (.ci/run does)")
        }
    }

    @Test(.enabled(if: CodeReviewTests.canValidate, "../shared/schemas or Python's jsonschema is absent"),
          arguments: ["orders-api", "checkout", "ledger"])
    func sarifValidatesAgainstTheOfficialSchema(service: String) throws {
        let store = service == "orders-api" ? T.ordersAPI : service == "checkout" ? T.checkout : T.ledger
        let known = KnownGoroutines(path: ".leaktrail.toml", entries: [KnownGoroutine(file: "*/zoo/*", reason: "the zoo", owner: "o", expires: CalendarDay("2027-01-01"), line: 1)])
        let (text, _) = try Self.sarif(store, known: known)
        let errors = try JSONSchemaCheck.errors(in: Data(text.utf8), schema: Self.schema)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
    }

    /// The validator is not a rubber stamp: a log with a level SARIF does not have fails.
    @Test(.enabled(if: CodeReviewTests.canValidate, "../shared/schemas or Python's jsonschema is absent"))
    func theSchemaCatchesABrokenLog() throws {
        let (text, _) = try Self.sarif(T.ordersAPI)
        let broken = text.replacingOccurrences(of: #""level":"error""#, with: #""level":"fatal""#)
        #expect(broken != text)
        #expect(!(try JSONSchemaCheck.errors(in: Data(broken.utf8), schema: Self.schema)).isEmpty)
    }

    /// One result per finding, at the culprit's file (relative to the root) and line, under a
    /// rule per blocking class, the advice in the message, the evidence in the properties.
    @Test func oneResultPerFindingAtTheCulpritsLine() throws {
        let analysis = try T.analysis(T.ordersAPI)
        let (_, log) = try Self.sarif(T.ordersAPI)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == analysis.flagged.count)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs == ["leak/chan-receive", "leak/chan-send", "leak/select", "leak/sync.mutex", "leak/ticker-timer-receive"])
        for (result, v) in zip(results, analysis.flagged) {
            let location = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            let culprit = try #require(v.culprit)
            #expect(artifact["uri"] as? String == String(culprit.file.dropFirst("example.com/leakgen/".count)))
            #expect(artifact["uriBaseId"] as? String == "SRCROOT")
            #expect((location["region"] as? [String: Any])?["startLine"] as? Int == culprit.line)
            #expect(FileManager.default.fileExists(atPath: T.generator.appendingPathComponent(artifact["uri"] as! String).path))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.hasSuffix(v.advice) == true)
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIDs[ruleIndex] == result["ruleId"] as? String)
            let evidence = try #require((result["properties"] as? [String: Any])?["leaktrail"] as? [String: Any])
            #expect(evidence["signature"] as? String == v.signature.hex && evidence["goroutines"] as? Int == v.lastCount)
            #expect((evidence["instances"] as? [[String: Any]])?.count == v.flaggedInstances.count)
            #expect((result["partialFingerprints"] as? [String: String])?["leaktrailSignature/v1"] == v.signature.hex)
            #expect(result["suppressions"] == nil)
        }
        #expect(((run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])?["uri"] as? String
            == URL(fileURLWithPath: T.generator.path + "/").standardizedFileURL.resolvingSymlinksInPath().absoluteString)
    }

    /// Standard-library leaks have no file in the repository: their place stays as printed,
    /// without the root; the catalogue id is their rule. Accepted findings are suppressed, not left out.
    @Test func catalogueLeaksAndAcceptedFindings() throws {
        let known = KnownGoroutines(path: ".leaktrail.toml", entries: [KnownGoroutine(knownLeak: "database/sql.rows-not-closed", reason: "tracked", line: 4)])
        let (_, log) = try Self.sarif(T.checkout, known: known)
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let rows = try #require(results.first { $0["ruleId"] as? String == "leak/database/sql.rows-not-closed" })
        let artifact = (((rows["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]) as? [String: Any]
        #expect(artifact?["uri"] as? String == "database/sql/sql.go" && artifact?["uriBaseId"] == nil)
        let suppression = try #require((rows["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["status"] as? String == "accepted" && suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "tracked (.leaktrail.toml:4)")
        #expect(results.filter { $0["suppressions"] != nil }.count == 1)
        #expect(results.contains { $0["ruleId"] as? String == "stuck/sync.mutex" && $0["level"] as? String == "error" })
    }

    @Test func githubAnnotationsPointAtTheCulprit() throws {
        let analysis = try T.analysis(T.ordersAPI)
        let known = KnownGoroutines(path: ".leaktrail.toml", entries: [KnownGoroutine(topFunction: "example.com/leakgen/zoo.leakyTicker", reason: "50% known, by design", line: 2)])
        let text = GitHubAnnotations.render(known.apply(to: analysis, on: T.today), locator: try Self.locator())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == analysis.flagged.count)
        let send = try #require(lines.first { $0.contains("leak_send.go") })
        #expect(send.hasPrefix("::error file=zoo/leak_send.go,line=46,title=leaktrail leak/chan-send::Goroutine leak in zoo.leakySend"))
        let ticker = try #require(lines.first { $0.contains("leak_ticker.go") })
        #expect(ticker.hasPrefix("::notice file=zoo/leak_ticker.go,line=12,title=Accepted%3A leaktrail leak/ticker-timer-receive::Accepted: 50%25 known, by design (.leaktrail.toml:2)%0AGoroutine leak"))
        #expect(lines.allSatisfy { !$0.dropFirst(2).contains("\n") })
    }
}
