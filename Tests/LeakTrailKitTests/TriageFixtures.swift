import Foundation
@testable import LeakTrailKit

/// The committed series imported once each (in memory) for the triage tests, the generator's
/// module checkout (`SampleTraces/generator`, module `example.com/leakgen`) for source
/// context, and a fixed day for expiries.
enum TriageFixtures {
    static let generator = StoreFixtures.sampleTraces.appendingPathComponent("generator")
    static let seriesPresent = ["orders-api", "checkout", "ledger"].allSatisfy {
        StoreFixtures.exists(StoreFixtures.seriesRoot.appendingPathComponent($0))
    }
    static let today = CalendarDay("2026-12-01")!

    static let ordersAPI = imported("orders-api")
    static let checkout = imported("checkout")
    static let ledger = imported("ledger")

    static func imported(_ service: String) -> LeakStore {
        let store = try! LeakStore()
        let summary = try! Importer(store: store, options: ImportOptions(service: service))
            .run([StoreFixtures.seriesRoot.appendingPathComponent(service).path])
        precondition(summary.failures.isEmpty, "\(service) must import cleanly: \(summary.failures)")
        return store
    }

    static func analysis(_ store: LeakStore) throws -> LeakAnalysis {
        LeakAnalyzer.run(histories: try store.histories())
    }

    /// The flagged verdict whose culprit is `function`.
    static func finding(_ analysis: LeakAnalysis, culprit function: String) -> SignatureVerdict? {
        analysis.flagged.first { $0.culprit?.function == function }
    }

    /// Ground truth: service → instance → leaking culprit functions.
    static func trueLeaks(_ service: String) throws -> [String: Set<String>] {
        let url = StoreFixtures.seriesRoot.appendingPathComponent("ground_truth.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let instances = ((root?["services"] as? [String: Any])?[service] as? [String: Any])?["instances"] as? [String: Any] ?? [:]
        var out: [String: Set<String>] = [:]
        for (instance, value) in instances {
            out[instance] = Set(((value as? [String: Any])?["leaks"] as? [[String: Any]] ?? []).compactMap { $0["function"] as? String })
        }
        return out
    }
}
