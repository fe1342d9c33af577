import Foundation
import Testing
@testable import LeakTrailKit

/// The report of the committed sample series (3 instances, 6 minutes, a restart), checked
/// against recorded renderings in SampleTraces/golden/report/ and against the ground truth.
@Suite(.enabled(if: ReportFixtures.seriesPresent, "SampleTraces/series/orders-api is absent"))
struct ReportGoldenTests {
    typealias R = ReportFixtures

    @Test func markdownMatchesItsGolden() throws {
        let (matches, recorded) = try R.checkGolden(try R.document().rendered(as: .markdown), "orders-api.md")
        if recorded { Issue.record("recorded orders-api.md; review the diff and run again without LEAKTRAIL_RECORD_GOLDENS") }
        #expect(matches || recorded, "the Markdown report differs from SampleTraces/golden/report/orders-api.md; LEAKTRAIL_RECORD_GOLDENS=1 rewrites it")
    }

    @Test func jsonMatchesItsGolden() throws {
        let (matches, recorded) = try R.checkGolden(try R.document().rendered(as: .json), "orders-api.json")
        if recorded { Issue.record("recorded orders-api.json; review the diff and run again without LEAKTRAIL_RECORD_GOLDENS") }
        #expect(matches || recorded, "the JSON report differs from SampleTraces/golden/report/orders-api.json; LEAKTRAIL_RECORD_GOLDENS=1 rewrites it")
    }

    @Test func everyTrueLeakIsReportedOnItsInstances() throws {
        let doc = try R.document()
        let truth = try R.trueLeaks()
        #expect(!truth.isEmpty)
        for (function, instances) in truth {
            let finding = doc.findings.first { $0.verdict.culprit?.function == function }
            #expect(finding != nil, "\(function) is not in the report")
            #expect(Set(finding?.verdict.flaggedInstances.map(\.instance) ?? []) == instances, "\(function) flagged on the wrong instances")
        }
        #expect(doc.summary.leaks + doc.summary.stuck + doc.summary.suspects == doc.findings.count)
        #expect(doc.summary.services == ["orders-api"])
        #expect(doc.summary.instances.map(\.instance) == ["inst-a", "inst-b", "inst-c"])
        #expect(doc.summary.instances.first { $0.instance == "inst-c" }?.epochs == 2, "inst-c restarted once")
    }

    @Test func jsonCarriesTheLeaksContractUnchanged() throws {
        let doc = try R.document()
        let text = try doc.jsonText()
        let decoded = try LeakReport.decode(Data(text.utf8))
        #expect(decoded == LeakReport(doc.analysis))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let summary = try #require(object?["summary"] as? [String: Any])
        #expect(summary["generated_at"] as? String == "2026-12-04T16:00:00Z")
        #expect(summary["from"] as? String == "2026-11-27T16:25:34Z")
        #expect(summary["leaks"] as? Int == doc.summary.leaks)
    }

    @Test func theSameStoreGivesTheSameBytes() throws {
        let a = try R.document(), b = try R.document()
        for format in LeakReportFormat.allCases {
            #expect(try a.rendered(as: format) == b.rendered(as: format), "\(format) differs between two runs")
        }
    }

    @Test func htmlIsOneSelfContainedPageWithoutScript() throws {
        let html = try R.document().rendered(as: .html)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("script-src 'none'"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("src="), "nothing is loaded from anywhere")
        #expect(!html.contains("href=\"http"), "no link leaves the page")
        for function in try R.trueLeaks().keys { #expect(html.contains(function)) }
        // A chart per finding, with a real time axis and the restart of inst-c marked.
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == (try R.document().findings.count))
        #expect(html.contains(">16:27<") && html.contains(">16:30<"))
        #expect(html.contains("restart inst-c"))
    }
}
