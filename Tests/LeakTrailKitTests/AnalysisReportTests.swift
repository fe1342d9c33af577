import Foundation
import Testing
@testable import LeakTrailKit

/// The JSON contract of `leaks --format json`, byte for byte.
@Suite struct AnalysisReportTests {
    typealias F = AnalysisFixtures

    static func contractHistory() -> SignatureHistory {
        // shop-1 leaks two goroutines per capture for ten minutes (every one survives);
        // shop-2 has the same stack flat at 3 and is not listed.
        let leak = F.series(60, every: 10) { i, _ in 2 * i }.map { p -> SeriesPoint in
            var p = p
            p.goroutineIDs = Array(stride(from: 1000, to: 1000 + p.count, by: 1))
            p.waitMinutes = p.count == 0 ? nil : 0...Int(p.time.timeIntervalSince(F.t0) / 60)
            return p
        }
        let flat = F.series(60, every: 10) { _, _ in 3 }
        let frames = [
            Frame(function: "runtime.gopark", file: "/usr/local/go/src/runtime/proc.go", line: 435),
            Frame(function: "runtime.chansend1", file: "/usr/local/go/src/runtime/chan.go", line: 161),
            Frame(function: "github.com/acme/shop/price.fetch.func1", file: "/src/price/fetch.go", line: 27),
        ]
        return SignatureHistory(
            signature: StackSignature(value: 0x0123_4567_89ab_cdef), state: "chan send", frames: frames,
            createdBy: CreatedBy(function: "github.com/acme/shop/price.fetch", file: "/src/price/fetch.go", line: 24),
            instances: [
                InstanceSeries(service: "shop", instance: "shop-2", epochs: [flat]),
                InstanceSeries(service: "shop", instance: "shop-1", epochs: [leak]),
            ])
    }

    static let expected = """
    {"coverage":[{"basis":"ids","enough":true,"epochs":1,"instance":"shop-1","needed_snapshots":8,"needed_span_seconds":180,\
    "service":"shop","snapshots":60,"span_seconds":590},{"basis":"counts","enough":true,"epochs":1,"instance":"shop-2",\
    "needed_snapshots":8,"needed_span_seconds":240,"service":"shop","snapshots":60,"span_seconds":590}],\
    "leaks":[{"accepted":null,"advice":"Nobody receives what this goroutine sends. Give the result channel a buffer (make(chan T, 1)) so the sender can always finish, or send inside a select with a case <-ctx.Done(): return.",\
    "basis":"ids",\
    "created_by":{"file":"/src/price/fetch.go","function":"github.com/acme/shop/price.fetch","line":24},\
    "culprit":{"file":"/src/price/fetch.go","function":"github.com/acme/shop/price.fetch.func1","line":27},\
    "frames":[{"file":"/src/price/fetch.go","function":"github.com/acme/shop/price.fetch.func1","line":27}],\
    "goroutines":118,"growth_per_hour":720,"in_24h":17398,\
    "instances":[{"basis":"ids","confidence":1,"first_count":2,"first_seen":"2026-11-18T11:06:50Z","growth_per_hour":720,"instance":"shop-1",\
    "last_count":118,"last_seen":"2026-11-18T11:16:30Z","oldest_wait_minutes":9,"persisted":{"kept":88,"lag_seconds":148,"of":88},\
    "reason":"growth","service":"shop","snapshots":60,"state":"chan send","survivors":116,"verdict":"leak"}],\
    "known_leak":null,"memory_bytes":966656,\
    "reason":"growth","signature":"0123456789abcdef","state":"chan send","verdict":"leak"}]}
    """

    @Test func contractDocument() throws {
        let text = try LeakReport(LeakAnalyzer.run(histories: [Self.contractHistory()])).jsonText()
        #expect(text == Self.expected)
    }

    @Test func contractRoundTrips() throws {
        let report = LeakReport(verdicts: LeakAnalyzer.analyze(histories: [Self.contractHistory()]))
        let back = try LeakReport.decode(Data(try report.jsonText().utf8))
        #expect(back == report)
    }

    @Test func unknownsAreNullNotMissing() throws {
        // Count profiles only: no ids, no wait minutes; a stack with no frames to blame.
        var h = Self.contractHistory()
        h.instances = [InstanceSeries(service: "s", instance: "i", epochs: [F.series(60, every: 10) { i, _ in i }])]
        h.createdBy = nil
        let text = try LeakReport(verdicts: [LeakAnalyzer.analyze(h)]).jsonText()
        #expect(text.contains(#""created_by":null"#))
        #expect(text.contains(#""survivors":null"#))
        #expect(text.contains(#""oldest_wait_minutes":null"#))
    }

    @Test func healthySignaturesAreLeftOut() throws {
        let ok = F.history([F.series(60, every: 10) { _, _ in 3 }])
        #expect(try LeakReport(verdicts: LeakAnalyzer.analyze(histories: [ok])).jsonText() == #"{"coverage":[],"leaks":[]}"#)
    }

    @Test func sameInputSameBytes() throws {
        let a = try LeakReport(verdicts: LeakAnalyzer.analyze(histories: [Self.contractHistory()])).jsonText()
        let b = try LeakReport(verdicts: LeakAnalyzer.analyze(histories: [Self.contractHistory()])).jsonText()
        #expect(a == b)
    }
}

extension AnalysisReportTests {
    /// A report over too little data says so in every format rather than print a clean result.
    @Test func reportsNameTheInstancesThatWereNotJudged() throws {
        let history = F.history([F.series(5, every: 10) { i, _ in i * 3 }])
        let verdicts = LeakAnalyzer.analyze(histories: [history])
        let captures = history.instances[0].epochs[0].map {
            LeakReportContext.Capture(service: "shop", instance: "shop-1", time: $0.time, epoch: 1, goroutines: $0.count)
        }
        let doc = LeakReportDocument(verdicts: verdicts, histories: [history],
                                     context: LeakReportContext(source: "test", captures: captures, now: F.t0))
        #expect(doc.summary.lacking == 1 && doc.analysis.judgedNothing)
        let line = "shop/shop-1: 5 snapshots over 40 s; a verdict needs 8 over 4 min in one process lifetime"
        #expect(try doc.rendered(as: .markdown).contains("Not enough data") && (try doc.rendered(as: .markdown)).contains(line))
        #expect(try doc.rendered(as: .html).contains("Not enough data"))
        #expect(try doc.rendered(as: .json).contains(#""enough":false"#))
        #expect(LeakSummaryTableRenderer(style: TerminalStyle(colour: false)).render(doc).contains("not enough data: " + line))
        #expect(doc.analysis.gate([.leak]) == .notEnoughData(doc.coverage))
    }
}
