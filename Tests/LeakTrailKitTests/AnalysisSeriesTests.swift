import Foundation
import Testing
@testable import LeakTrailKit

/// The committed real series of SampleTraces/series against their ground truth, asked as a
/// user asks them: at every minute of data (`leaks --until`) and at the end. Every true leak
/// must be flagged on exactly its instances by the end, stuck sets as `stuck`, and nothing
/// healthy may be flagged at any moment — a tool that cries wolf once gets switched off.
///
/// orders-api: 3 instances × 6 min at 10 s, one restart, three formats. checkout: 4 instances
/// × 8 min at 10 s — ramping load, an aliasing batch, singletons, a deadlock, a watcher leaking
/// on one instance only, standard-library leaks beside churn, a restart, a counts-only
/// instance. ledger: 3 instances × 18 min at 30 s, slow leaks, a deadlock, a restart.
@Suite(.serialized, .enabled(if: SeriesTruth.present, "SampleTraces/series is absent"))
struct AnalysisSeriesTests {
    static let root = StoreFixtures.seriesRoot
    static let truthURL = SeriesTruth.url

    /// One expected flag: the function must be among the signature's frames, and the instance's
    /// wait reason must equal `state` when both are known.
    struct Expected: Hashable, CustomStringConvertible {
        var instance: String
        var verdict: Verdict
        var function: String
        var state: String?

        func matches(_ instance: String, _ f: InstanceFinding, frames: [Frame]) -> Bool {
            instance == self.instance && f.verdict == verdict && frames.contains { $0.function == function }
                && (state == nil || f.state.isEmpty || f.state == state)
        }

        var description: String { "\(instance) \(verdict.rawValue) \(function) [\(state ?? "any")]" }
    }

    static func truth(_ service: String) throws -> [Expected] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: Any]
        let instances = ((json?["services"] as? [String: Any])?[service] as? [String: Any])?["instances"] as? [String: Any] ?? [:]
        var out: [Expected] = []
        for (instance, value) in instances {
            let entry = value as? [String: Any] ?? [:]
            for (key, verdict) in [("leaks", Verdict.leak), ("stuck", .stuck)] {
                for e in entry[key] as? [[String: Any]] ?? [] {
                    out.append(Expected(instance: instance, verdict: verdict, function: e["function"] as? String ?? "?", state: e["state"] as? String))
                }
            }
        }
        return out
    }

    /// The series imported as `import SERVICE/*` would, plus the given extra inputs as
    /// separately named instances (formats of one capture imported on their own).
    static func store(_ service: String, extra: [(instance: String, paths: [String])] = [], on backend: StoreBackend = .sqlite) throws -> any SnapshotStore {
        let store = try backend.emptyStore()
        let dirs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(service).path).sorted()
        let inputs = dirs.map { root.appendingPathComponent(service).appendingPathComponent($0).path }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }
        _ = try Importer(store: store, options: ImportOptions(service: service)).run(inputs)
        for (instance, paths) in extra {
            _ = try Importer(store: store, options: ImportOptions(service: service, instance: instance)).run(paths)
        }
        return store
    }

    /// What the store says at `until`: the flags that match the truth, and those that do not.
    static func judge(_ store: any SnapshotStore, _ truth: [Expected], until: Date?,
                      buckets: Int? = LeakStore.HistoryFilter.defaultBuckets) throws -> (hits: Set<Expected>, wrong: [String]) {
        let analysis = try store.analysis(LeakStore.HistoryFilter(until: until, buckets: buckets), options: AnalysisOptions())
        var hits: Set<Expected> = []
        var wrong: [String] = []
        for v in analysis.verdicts {
            for f in v.flaggedInstances {
                if let e = truth.first(where: { $0.matches(f.instance, f, frames: v.frames) }) {
                    hits.insert(e)
                } else {
                    wrong.append("\(f.instance) \(f.verdict.rawValue) \(v.culprit?.function ?? v.signature.hex) [\(f.state)] \(f.basis.rawValue)")
                }
            }
        }
        return (hits, wrong)
    }

    /// Every minute from the first snapshot, then the end.
    static func cutoffs(_ store: any SnapshotStore) throws -> [Date] {
        let times = try store.snapshots(service: nil, instance: nil).map { Date(timeIntervalSince1970: Double($0.timeMs) / 1000) }
        guard let first = times.min(), let last = times.max() else { return [] }
        return Array(stride(from: first.addingTimeInterval(60), to: last, by: 60)) + [last]
    }

    static func check(_ service: String, extra: [(instance: String, paths: [String])] = [], extraTruth: [Expected] = [],
                      on backend: StoreBackend) throws {
        let truth = try Self.truth(service) + extraTruth
        #expect(!truth.isEmpty)
        let store = try Self.store(service, extra: extra, on: backend)
        var falseFlags: [String] = []
        var final: Set<Expected> = []
        for until in try cutoffs(store) {
            let (hits, wrong) = try judge(store, truth, until: until)
            falseFlags += wrong.map { "at \(RFC3339.string(until)): \($0)" }
            final = hits
        }
        #expect(falseFlags.isEmpty, "false flags: \(falseFlags)")
        let missed = Set(truth).subtracting(final)
        #expect(missed.isEmpty, "missed at the end: \(missed.sorted { $0.description < $1.description })")
    }

    /// The files of one instance with a suffix, as their own counts-only instance.
    static func files(_ service: String, _ instance: String, suffix: String) throws -> [String] {
        let dir = root.appendingPathComponent(service).appendingPathComponent(instance)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(suffix) }.sorted()
            .map { dir.appendingPathComponent($0).path }
    }

    @Test(arguments: StoreBackend.allCases) func ordersAPI(_ backend: StoreBackend) throws {
        // inst-a's debug=1 and protobuf captures, on their own, are counts-only instances.
        let leaks = try Self.truth("orders-api").filter { $0.instance == "inst-a" }
        let counts = ["inst-a.debug1", "inst-a.pb"]
        try Self.check("orders-api",
                       extra: [(counts[0], try Self.files("orders-api", "inst-a", suffix: ".debug1.txt")),
                               (counts[1], try Self.files("orders-api", "inst-a", suffix: ".pb.gz"))],
                       extraTruth: counts.flatMap { name in leaks.map { Expected(instance: name, verdict: .leak, function: $0.function, state: nil) } },
                       on: backend)
    }

    @Test(arguments: StoreBackend.allCases) func checkout(_ backend: StoreBackend) throws {
        let leaks = try Self.truth("checkout").filter { $0.instance == "co-2" && $0.verdict == .leak }
        let counts = ["co-2.debug1", "co-2.pb"]
        try Self.check("checkout",
                       extra: [(counts[0], try Self.files("checkout", "co-2", suffix: ".debug1.txt")),
                               (counts[1], try Self.files("checkout", "co-2", suffix: ".pb.gz"))],
                       extraTruth: counts.flatMap { name in leaks.map { Expected(instance: name, verdict: .leak, function: $0.function, state: nil) } },
                       on: backend)
    }

    @Test(arguments: StoreBackend.allCases) func ledger(_ backend: StoreBackend) throws {
        try Self.check("ledger", on: backend)
    }

    @Test func theFixIsTheOneForWhatEachLeakBlocksOn() throws {
        let store = try Self.store("checkout")
        let verdicts = LeakAnalyzer.analyze(histories: try store.histories(LeakStore.HistoryFilter()), options: AnalysisOptions(modulePrefixes: ["example.com/leakgen"]))
        func verdict(_ function: String, on instance: String) -> SignatureVerdict? {
            verdicts.first { v in v.frames.contains { $0.function == function } && v.flaggedInstances.contains { $0.instance == instance } }
        }
        // The watcher leaks on co-2 only, on a nil channel; co-1 and co-3 hold one healthy watcher.
        let watcher = try #require(verdict("example.com/leakgen/zoo.watchConfig", on: "co-2"))
        #expect(Set(watcher.flaggedInstances.map(\.instance)).isSubset(of: ["co-2", "co-4"]))
        #expect(watcher.blocking == .nilChanReceive)
        #expect(watcher.instances.first { $0.instance == "co-1" }?.verdict == .ok)
        // Leaks without user code: the culprit is the entry point, the advice the catalogue's.
        let readLoop = try #require(verdict("net/http.(*persistConn).readLoop", on: "co-1"))
        #expect(readLoop.culprit?.function == "net/http.(*persistConn).readLoop")
        #expect(readLoop.knownLeak?.id == "net/http.response-body")
        let idle = try #require(verdict("net/http.(*persistConn).readLoop", on: "co-3"))
        #expect(idle.knownLeak?.id == "net/http.idle-connections")
        #expect(verdict("net/http.(*persistConn).writeLoop", on: "co-1")?.knownLeak?.id == "net/http.client-connections")
        #expect(verdict("net/http.(*conn).serve", on: "co-1")?.knownLeak?.id == "net/http.server-connections")
        #expect(verdict("database/sql.(*Rows).awaitDone", on: "co-2")?.knownLeak?.id == "database/sql.rows-not-closed")
        #expect(verdict("context.(*cancelCtx).propagateCancel.func2", on: "co-3")?.knownLeak?.id == "context.not-cancelled")
        let deadlock = try #require(verdicts.first { $0.verdict == .stuck && $0.frames.contains { $0.function.hasSuffix("zoo.readBalance") } })
        #expect(deadlock.blocking == .mutex && deadlock.flaggedInstances.map(\.instance) == ["co-2"])
        // Turnover is said, not hidden: the aliasing batch and the ramping load rose, and are ok.
        let batch = try #require(verdicts.first { v in v.frames.contains { $0.function == "example.com/leakgen/zoo.awaitFlush" } })
        #expect(batch.verdict == .ok && batch.instances.contains { $0.reason == .turnover })
        // Counts alone say so.
        let quiet = try #require(verdict("example.com/leakgen/zoo.watchConfig", on: "co-4"))
        #expect(quiet.instances.first { $0.instance == "co-4" }?.basis == .counts)
    }
}

/// Where the ground truth of the committed series lives.
enum SeriesTruth {
    static let url = StoreFixtures.seriesRoot.appendingPathComponent("ground_truth.json")
    static let present = StoreFixtures.exists(url)
}
