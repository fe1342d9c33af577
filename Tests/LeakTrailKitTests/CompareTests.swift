import Foundation
import Testing
@testable import LeakTrailKit

/// Before and after on the committed series: a canary beside its baseline, one release in two
/// windows, and restarts — new leaks are called new, and nothing is called new or stopped on
/// data that could not show it.
@Suite(.enabled(if: TriageFixtures.seriesPresent, "SampleTraces/series is absent"))
struct CompareTests {
    typealias T = TriageFixtures

    static func compare(_ store: LeakStore, _ before: String, _ after: String, known: KnownGoroutines? = nil) throws -> Comparison {
        let request = CompareRequest(before: try CompareWindow.parse(before), after: try CompareWindow.parse(after), known: known, today: T.today)
        let comparisons = try store.compare(request)
        #expect(comparisons.count == 1)
        return try #require(comparisons.first)
    }

    static func culprits(_ c: Comparison, _ change: Comparison.Change) -> Set<String> {
        Set(c.entries.filter { $0.change == change }.compactMap { $0.current?.culprit?.function })
    }

    /// inst-b runs without leak flags, inst-a with four: as a canary beside its baseline, every
    /// leak of inst-a is new, and a canary gate fails on them.
    @Test func aCanaryWithNewLeaksFailsTheGate() throws {
        let c = try Self.compare(T.ordersAPI, "instance:inst-b", "instance:inst-a")
        let truth = try T.trueLeaks("orders-api")
        #expect(Self.culprits(c, .new) == truth["inst-a"])
        #expect(c.entries.allSatisfy { $0.change == .new && $0.before == nil && $0.after?.verdict == .leak })
        #expect(c.after.coverage.map(\.instance) == ["inst-a"] && c.before.coverage.map(\.instance) == ["inst-b"])
        guard case .matched(let signatures) = Comparison.gate([c], [.newLeak]) else {
            Issue.record("the canary gate passed")
            return
        }
        #expect(signatures.count == truth["inst-a"]?.count)
        #expect(Comparison.gate([c], [.newStuck]) == .pass, "nothing stuck on inst-a")
    }

    /// Accepting the canary's leaks (by function) lets it pass; one left out still fails it.
    @Test func acceptedNewLeaksDoNotFailTheGate() throws {
        let truth = try #require(try T.trueLeaks("orders-api")["inst-a"])
        let all = KnownGoroutines(path: "k", entries: truth.sorted().map { KnownGoroutine(anyFunction: $0, reason: "known") })
        let accepted = try Self.compare(T.ordersAPI, "instance:inst-b", "instance:inst-a", known: all)
        #expect(accepted.entries.allSatisfy { $0.change == .new && $0.after?.accepted != nil })
        #expect(Comparison.gate([accepted], [.newLeak]) == .pass)

        let allButSend = KnownGoroutines(path: "k", entries: all.entries.filter { $0.anyFunction != "example.com/leakgen/zoo.leakySend" })
        let partial = try Self.compare(T.ordersAPI, "instance:inst-b", "instance:inst-a", known: allButSend)
        guard case .matched(let signatures) = Comparison.gate([partial], [.newLeak]) else {
            Issue.record("the gate passed with leakySend not accepted")
            return
        }
        #expect(signatures.compactMap { s in partial.entries.first { $0.signature == s }?.current?.culprit?.function } == ["example.com/leakgen/zoo.leakySend"])
    }

    /// inst-c (send 12/min, mutex 1/min, select loop) against inst-a (send 30/min, mutex
    /// 2/min, ticker, recv): faster, new and stopped on one pair.
    @Test func fasterNewAndStoppedBetweenTwoInstances() throws {
        let c = try Self.compare(T.ordersAPI, "instance:inst-c", "instance:inst-a")
        let zoo = "example.com/leakgen/zoo."
        #expect(Self.culprits(c, .new) == [zoo + "leakyTicker", zoo + "leakyRecv"])
        #expect(Self.culprits(c, .faster).contains(zoo + "leakySend"))
        #expect(Self.culprits(c, .stopped) == [zoo + "leakySelectLoop"])
        let send = try #require(c.entries.first { $0.current?.culprit?.function == zoo + "leakySend" })
        #expect(send.why.hasPrefix("growth per leaking instance rose from +"))
        #expect(Comparison.gate([c], [.faster]) != .pass)
    }

    /// One release over 18 minutes cut in two at le-3's restart: everything flagged is flagged
    /// in both halves — nothing new, nothing stopped — and the canary gate passes.
    @Test func oneReleaseInTwoWindowsShowsNothingNew() throws {
        let c = try Self.compare(T.ledger, "..2026-12-01T00:28:51Z", "2026-12-01T00:28:52Z..")
        #expect(!c.entries.isEmpty)
        #expect(c.entries.allSatisfy { $0.change == .still }, "\(c.entries.map { ($0.change, $0.current?.culprit?.function ?? "") })")
        #expect(Comparison.gate([c], [.newLeak, .newStuck, .faster]) == .pass)
    }

    /// epoch:2 holds le-3 alone (only it restarted): le-1's leaks and le-2's deadlock are not
    /// seen after, so they are unknown — never "stopped" — and the gate cannot pass.
    @Test func whatTheAfterWindowDoesNotSeeIsNeverCalledStopped() throws {
        let c = try Self.compare(T.ledger, "epoch:1", "epoch:2")
        #expect(c.after.coverage.map(\.instance) == ["le-3"])
        #expect(!c.entries.contains { $0.change == .stopped || $0.change == .notFlagged })
        let unknown = c.entries.filter { $0.change == .unknown }
        #expect(Set(unknown.flatMap { $0.before?.flaggedInstances.map(\.instance) ?? [] }) == ["le-1", "le-2"])
        #expect(Self.culprits(c, .still) == ["example.com/leakgen/zoo.watchConfig"])
        if case .notEnoughData = Comparison.gate([c], [.newLeak]) {} else { Issue.record("the gate should not pass") }
    }

    /// checkout cut at co-3's restart: co-3's idle-connection leak was rising but not yet proven
    /// in the first four minutes; after, it is. That is unknown, not new.
    @Test func aRiseTheBeforeWindowCouldNotProveIsNotNew() throws {
        let c = try Self.compare(T.checkout, "..2026-12-01T00:23:50Z", "2026-12-01T00:23:50Z..")
        #expect(Self.culprits(c, .new).isEmpty, "\(c.entries.filter { $0.change == .new }.map(\.why))")
        let readLoop = c.entries.filter { $0.change == .unknown && $0.current?.culprit?.function == "net/http.(*persistConn).readLoop" }
        #expect(readLoop.count == 1 && readLoop[0].why.hasPrefix("rising before as well on"))
    }

    @Test func tooLittleDataBeforeIsNeverNew() throws {
        // The first two and a half minutes: no instance has enough data.
        let c = try Self.compare(T.ordersAPI, "..2026-11-27T16:28:00Z", "2026-11-27T16:28:34Z..")
        #expect(!c.before.judgedAnything)
        #expect(!c.entries.isEmpty && c.entries.allSatisfy { $0.change == .unknown })
        if case .notEnoughData = Comparison.gate([c], [.newLeak]) {} else { Issue.record("the gate should not pass") }
    }

    @Test func windowsAreWrittenThreeWays() throws {
        let w = try CompareWindow.parse("2026-11-27T16:25:34Z..1796400000, instance:web-7d9*")
        #expect(w.since == TimeParser.time(option: "2026-11-27T16:25:34Z") && w.until == Date(timeIntervalSince1970: 1_796_400_000))
        #expect(w.selects(instance: "web-7d9f-x") && !w.selects(instance: "web-6c1a-x"))
        #expect(try CompareWindow.parse("epoch:2").epoch == 2)
        #expect(try CompareWindow.parse("..2026-11-27T16:25:34Z").since == nil)
        for bad in ["", "yesterday", "epoch:0", "epoch:x", "instance:", "2026-11-28T00:00:00Z..2026-11-27T00:00:00Z", "a..b", "1..2,3..4"] {
            #expect(throws: CompareWindowError.self, "\(bad)") { try CompareWindow.parse(bad) }
        }
    }

    @Test func everyFormatSaysTheSame() throws {
        let c = try Self.compare(T.ordersAPI, "instance:inst-b", "instance:inst-a")
        let json = try JSONSerialization.jsonObject(with: Data(try Comparison.rendered([c], as: .json).utf8)) as? [String: Any]
        let first = try #require((json?["comparisons"] as? [[String: Any]])?.first)
        #expect(first["service"] as? String == "orders-api")
        let entries = try #require(first["entries"] as? [[String: Any]])
        #expect(entries.count == c.entries.count)
        #expect(entries.allSatisfy { $0["change"] as? String == "new" && $0["before"] is NSNull && ($0["after"] as? [String: Any])?["verdict"] as? String == "leak" })
        #expect(((first["after"] as? [String: Any])?["window"] as? String) == "instance:inst-a")
        let table = try Comparison.rendered([c], as: .table)
        #expect(table.split(separator: "\n").count == c.entries.count + 1)
        let markdown = try Comparison.rendered([c], as: .markdown)
        #expect(markdown.contains("| **new** | `zoo.leakySend` | – | leak |"))
    }
}
