import Foundation
import Testing
@testable import LeakTrailKit

/// The real series of SampleTraces/series (leakgen serve, three instances, one restarted,
/// three capture formats) against its ground truth: every true leak flagged on exactly its
/// instances, with the right culprit, and nothing healthy flagged anywhere.
@Suite(.serialized) struct AnalysisSeriesTests {
    static let root = StoreFixtures.seriesRoot

    /// (instance, culprit function) of every true leak.
    static func truth() throws -> Set<String> {
        let data = try Data(contentsOf: root.appendingPathComponent("ground_truth.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var leaks: Set<String> = []
        for (_, service) in json?["services"] as? [String: Any] ?? [:] {
            for (instance, value) in (service as? [String: Any])?["instances"] as? [String: Any] ?? [:] {
                for leak in (value as? [String: Any])?["leaks"] as? [[String: Any]] ?? [] {
                    leaks.insert("\(instance) \(leak["function"] as? String ?? "?")")
                }
            }
        }
        return leaks
    }

    static func flagged(until: Date? = nil, options: AnalysisOptions = AnalysisOptions()) throws -> (Set<String>, [SignatureVerdict]) {
        let store = try LeakStore()
        _ = try Importer(store: store, options: ImportOptions(service: "orders-api")).run([root.appendingPathComponent("orders-api").path])
        let verdicts = LeakAnalyzer.analyze(histories: try store.histories(.init(until: until)), options: options)
        var found: Set<String> = []
        for v in verdicts where v.verdict != .ok {
            for f in v.flaggedInstances { found.insert("\(f.instance) \(v.culprit?.function ?? "?")") }
        }
        return (found, verdicts)
    }

    @Test(.enabled(if: StoreFixtures.exists(root.appendingPathComponent("ground_truth.json"))))
    func everyTrueLeakAndNothingElse() throws {
        let truth = try Self.truth()
        let (found, verdicts) = try Self.flagged(options: AnalysisOptions(modulePrefixes: ["example.com/leakgen"]))
        #expect(truth.count == 7)
        #expect(found.subtracting(truth).isEmpty, "false positives: \(found.subtracting(truth).sorted())")
        #expect(truth.subtracting(found).isEmpty, "missed: \(truth.subtracting(found).sorted())")
        // Precision and recall over (instance, leak) pairs.
        let hits = Double(found.intersection(truth).count)
        #expect(hits / Double(max(1, found.count)) == 1)
        #expect(hits / Double(truth.count) == 1)
        // The fix that matches each blocking operation.
        let advice = Dictionary(verdicts.filter { $0.verdict != .ok }.map { ($0.culprit?.function ?? "", $0.blocking) }, uniquingKeysWith: { a, _ in a })
        #expect(advice["example.com/leakgen/zoo.leakySend"] == .chanSend)
        #expect(advice["example.com/leakgen/zoo.leakyTicker"] == .tickerReceive)
        #expect(advice["example.com/leakgen/zoo.leakyRecv"] == .chanReceive)
        #expect(advice["example.com/leakgen/zoo.leakyMutexWaiter"] == .mutex)
        #expect(advice["example.com/leakgen/zoo.leakySelectLoop"] == .select)
    }
}
