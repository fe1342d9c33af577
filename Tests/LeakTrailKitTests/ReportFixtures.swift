import Foundation
@testable import LeakTrailKit

/// The sample series imported once and turned into a report document, plus the ground truth
/// it was generated with (SampleTraces/series/GROUND_TRUTH.md).
enum ReportFixtures {
    static let seriesDirectory = StoreFixtures.seriesRoot.appendingPathComponent("orders-api")
    static let seriesPresent = StoreFixtures.exists(seriesDirectory.appendingPathComponent("inst-a"))
    static let goldens = StoreFixtures.sampleTraces.appendingPathComponent("golden/report")
    /// A fixed clock, so the generation time in the report never changes.
    static let now = Date(timeIntervalSince1970: 1_796_400_000) // 2026-12-04T16:00:00Z
    static var recording: Bool { ProcessInfo.processInfo.environment["LEAKTRAIL_RECORD_GOLDENS"] == "1" }

    /// A fresh in-memory store of the whole series, reported with a relative source so the
    /// document does not depend on where the checkout lives.
    static func document() throws -> LeakReportDocument {
        let store = try LeakStore()
        let summary = try Importer(store: store, options: ImportOptions(service: "orders-api")).run([seriesDirectory.path])
        precondition(summary.failures.isEmpty, "the sample series must import cleanly: \(summary.failures)")
        return try store.reportDocument(source: "SampleTraces/series/orders-api", now: now)
    }

    /// Ground truth: leak culprit function → instances it leaks on.
    static func trueLeaks() throws -> [String: Set<String>] {
        let url = StoreFixtures.seriesRoot.appendingPathComponent("ground_truth.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let services = root?["services"] as? [String: Any]
        let instances = (services?["orders-api"] as? [String: Any])?["instances"] as? [String: Any] ?? [:]
        var leaks: [String: Set<String>] = [:]
        for (instance, value) in instances {
            for leak in (value as? [String: Any])?["leaks"] as? [[String: Any]] ?? [] {
                if let f = leak["function"] as? String { leaks[f, default: []].insert(instance) }
            }
        }
        return leaks
    }

    /// Compares `rendered` with the golden file `name`, or records it (and fails, so a person
    /// reviews the diff) under LEAKTRAIL_RECORD_GOLDENS=1.
    static func checkGolden(_ rendered: String, _ name: String) throws -> (matches: Bool, recorded: Bool) {
        let golden = goldens.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: goldens, withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
            return (false, true)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        return (rendered == expected, false)
    }
}
