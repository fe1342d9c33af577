import Foundation
import Testing
@testable import LeakTrailKit

/// Thinning a long window to a point budget (``LeakStore/HistoryFilter/buckets``) must not
/// change a verdict. The committed real series are short, so a small budget forces the
/// thinning a fleet-week gets by default; at every minute of data (as `leaks --until` asks)
/// every signature on every instance must get the verdict it gets from every snapshot.
@Suite(.serialized, .enabled(if: SeriesTruth.present, "SampleTraces/series is absent"))
struct AnalysisBucketsTests {
    /// (signature, instance) → verdict, for every finding, `ok` ones included.
    static func verdicts(_ analysis: LeakAnalysis) -> [String: Verdict] {
        var out: [String: Verdict] = [:]
        for v in analysis.verdicts {
            for f in v.instances { out["\(v.signature.hex) \(f.instance)"] = f.verdict }
        }
        return out
    }

    /// The points the thinned histories hold against the full ones.
    static func points(_ histories: [SignatureHistory]) -> Int {
        histories.reduce(0) { $0 + $1.instances.reduce(0) { $0 + $1.snapshotCount } }
    }

    /// `everyMinute`: verdicts must match at every cutoff, not only at the end. Thinned to
    /// fewer points, a leak on the edge of proof may be proved a capture later or earlier —
    /// never falsely, which the ground truth checks at every cutoff either way.
    static func check(_ service: String, buckets: Int, everyMinute: Bool, on backend: StoreBackend) throws {
        let store = try AnalysisSeriesTests.store(service, on: backend)
        let truth = try AnalysisSeriesTests.truth(service)
        let cutoffs = try AnalysisSeriesTests.cutoffs(store)
        let full = try store.histories(LeakStore.HistoryFilter(buckets: nil))
        let thinned = try store.histories(LeakStore.HistoryFilter(buckets: buckets))
        // The budget really thinned the series: at most the buckets, each epoch's first
        // capture and the leak profiles per instance.
        #expect(points(thinned) < points(full) * 3 / 4, "\(points(thinned)) of \(points(full)) points kept")
        var changed: [String] = []
        var falseFlags: [String] = []
        var final: Set<AnalysisSeriesTests.Expected> = []
        for until in cutoffs {
            let expected = Self.verdicts(try store.analysis(LeakStore.HistoryFilter(until: until, buckets: nil), options: AnalysisOptions()))
            let got = Self.verdicts(try store.analysis(LeakStore.HistoryFilter(until: until, buckets: buckets), options: AnalysisOptions()))
            // A signature seen only in captures the thinning skipped is not judged at all:
            // nothing is flagged, as `ok` flags nothing.
            for key in Set(expected.keys).union(got.keys) where (got[key] ?? .ok) != (expected[key] ?? .ok) && (everyMinute || until == cutoffs.last) {
                changed.append("at \(RFC3339.string(until)): \(key) \((expected[key] ?? .ok).rawValue) → \((got[key] ?? .ok).rawValue)")
            }
            let (hits, wrong) = try AnalysisSeriesTests.judge(store, truth, until: until, buckets: buckets)
            falseFlags += wrong.map { "at \(RFC3339.string(until)): \($0)" }
            final = hits
        }
        #expect(falseFlags.isEmpty, "false flags after thinning to \(buckets) buckets: \(falseFlags)")
        #expect(Set(truth).subtracting(final).isEmpty, "missed at the end after thinning to \(buckets) buckets")
        #expect(changed.isEmpty, "verdicts changed by thinning to \(buckets) buckets: \(changed)")
    }

    /// 24 buckets: 10-second captures over 6 and 8 minutes kept at 15–20 s, 30-second ones
    /// over 18 minutes at 45 s — about two thirds of the points.
    static let budget = 24

    @Test(arguments: StoreBackend.allCases) func ordersAPI(_ backend: StoreBackend) throws {
        try Self.check("orders-api", buckets: Self.budget, everyMinute: true, on: backend)
    }

    @Test(arguments: StoreBackend.allCases) func checkout(_ backend: StoreBackend) throws {
        try Self.check("checkout", buckets: Self.budget, everyMinute: true, on: backend)
    }

    /// At 45 s for 30-second captures, one leak of le-3 is proved a minute later and another
    /// a minute earlier (both true leaks); every verdict at the end is the same.
    @Test(arguments: StoreBackend.allCases) func ledger(_ backend: StoreBackend) throws {
        try Self.check("ledger", buckets: Self.budget, everyMinute: false, on: backend)
    }

    /// The streamed analysis (`leaks`) and the analysis of every history at once agree.
    @Test func streamedAnalysisIsTheWholeOne() throws {
        let store = try AnalysisSeriesTests.store("checkout")
        for filter in [LeakStore.HistoryFilter(), LeakStore.HistoryFilter(level: .function), LeakStore.HistoryFilter(buckets: 16)] {
            let whole = LeakAnalyzer.run(histories: try store.histories(filter))
            #expect(try store.analysis(filter, options: AnalysisOptions()) == whole)
        }
    }
}
