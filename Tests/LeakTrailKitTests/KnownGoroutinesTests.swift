import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// The list of known goroutines (`.leaktrail.toml`): how it is read, what each selector
/// matches on the committed series, and that the gate skips what it accepts.
@Suite struct KnownGoroutinesParserTests {
    @Test func readsEveryKeyOfAnEntry() throws {
        let text = """
        # known goroutines
        [[accept]]
        signature = "758A9C606B6C2653"   # upper case is fine
        reason = "batch sender, fixed in #12"
        owner = "team-orders"
        expires = 2027-03-31

        [[accept]]
        top_function = "example.com/leakgen/zoo.leakyTicker"
        any_function = "example.com/leakgen/zoo.StartTickerLeak"
        file = "*/zoo/leak_ticker.go"
        known_leak = "net/http.response-body"
        reason = 'literal \\ string'
        expires = "2027-01-02"
        """
        let list = try KnownGoroutinesParser.parse(text, path: "k.toml")
        #expect(list.entries.count == 2)
        let a = list.entries[0], b = list.entries[1]
        #expect(a.signature?.hex == "758a9c606b6c2653" && a.reason == "batch sender, fixed in #12" && a.owner == "team-orders")
        #expect(a.expires == CalendarDay("2027-03-31") && a.line == 2)
        #expect(b.topFunction == "example.com/leakgen/zoo.leakyTicker" && b.anyFunction == "example.com/leakgen/zoo.StartTickerLeak")
        #expect(b.file == "*/zoo/leak_ticker.go" && b.knownLeak == "net/http.response-body" && b.reason == #"literal \ string"#)
        #expect(b.expires == CalendarDay("2027-01-02") && b.owner == nil && b.line == 8)
    }

    @Test func anEmptyListAcceptsNothing() throws {
        #expect(try KnownGoroutinesParser.parse("", path: "k.toml").entries.isEmpty)
        #expect(try KnownGoroutinesParser.parse("# nothing yet\n", path: "k.toml").entries.isEmpty)
    }

    /// Every mistake names the file and the line to fix, and says what to write.
    @Test(arguments: [
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\nreasons = \"y\"\n", 4, "unknown key reasons"),
        ("[[accept]]\nreason = \"x\"\n\n[[accept]]\nsignature = \"758a9c606b6c2653\"\n", 1, "selects nothing"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\n\n[[accept]]\nsignature = \"758a9c606b6c2653\"\n", 5, "reason is missing"),
        ("[[accept]]\nsignature = \"758a9c6\"\nreason = \"x\"\n", 2, "give all 16 hex digits"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\nexpires = \"next year\"\n", 4, "expires must be a date"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\nexpires = 2027-02-30\n", 4, "not valid TOML"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\nexpires = 2027-02-28T10:00:00Z\n", 4, "expires must be a date"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = 3\n", 3, "reason must be a string"),
        ("[[accept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"  \"\n", 3, "reason is empty"),
        ("[[accept]\nsignature = \"758a9c606b6c2653\"\n", 1, "not valid TOML"),
        ("\n\n[[acept]]\nsignature = \"758a9c606b6c2653\"\nreason = \"x\"\n", 3, "unknown key acept"),
        ("accept = \"everything\"\n", 1, "accept must be a list of tables"),
    ] as [(String, Int, String)])
    func aBadListSaysWhereAndWhat(text: String, line: Int, message: String) {
        do {
            _ = try KnownGoroutinesParser.parse(text, path: "conf/.leaktrail.toml")
            Issue.record("accepted a bad list: \(text)")
        } catch let error as KnownGoroutinesError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("conf/.leaktrail.toml:\(line): "), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func daysAreReadStrictly() {
        #expect(CalendarDay("2027-03-31")?.description == "2027-03-31")
        for bad in ["2027-3-31", "2027-02-29", "27-03-31", "2027-03-31T00:00:00Z", "", "２０２７-03-31"] {
            #expect(CalendarDay(bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(utc: Date(timeIntervalSince1970: 1_796_400_000)).description == "2026-12-04")
        #expect(CalendarDay("2026-12-31")! < CalendarDay("2027-01-01")!)
    }

    @Test func theListIsFoundByWalkingUp() throws {
        let top = try ScratchDirectory.make("leaktrail-known")
        let deep = top.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        #expect(KnownGoroutines.find(from: deep) == nil || !KnownGoroutines.find(from: deep)!.path.hasPrefix(top.path))
        try "".write(to: top.appendingPathComponent("a/.leaktrail.toml"), atomically: true, encoding: .utf8)
        #expect(KnownGoroutines.find(from: deep)?.standardizedFileURL.path == top.appendingPathComponent("a/.leaktrail.toml").standardizedFileURL.path)
        // A directory of that name is not a list.
        try FileManager.default.createDirectory(at: deep.appendingPathComponent(".leaktrail.toml"), withIntermediateDirectories: true)
        #expect(KnownGoroutines.find(from: deep)?.path.hasSuffix("a/.leaktrail.toml") == true)
    }
}

@Suite(.enabled(if: TriageFixtures.seriesPresent, "SampleTraces/series is absent"))
struct KnownGoroutinesMatchingTests {
    typealias T = TriageFixtures

    static let zoo = "example.com/leakgen/zoo."

    /// Each selector accepts exactly the finding it names on the real series, nothing else.
    @Test func eachSelectorAcceptsExactlyItsFinding() throws {
        let analysis = try T.analysis(T.ordersAPI)
        let send = try #require(T.finding(analysis, culprit: Self.zoo + "leakySend"))
        let cases: [(KnownGoroutine, String)] = [
            (KnownGoroutine(signature: send.signature, reason: "r"), "leakySend"),
            (KnownGoroutine(topFunction: Self.zoo + "leakyTicker", reason: "r"), "leakyTicker"),
            (KnownGoroutine(anyFunction: Self.zoo + "leakyRecv", reason: "r"), "leakyRecv"),
            (KnownGoroutine(file: "*/zoo/leak_mutex.go", reason: "r"), "leakyMutexWaiter"),
            (KnownGoroutine(topFunction: Self.zoo + "leakySelectLoop", file: "example.com/leakgen/zoo/leak_select.go", reason: "r"), "leakySelectLoop"),
        ]
        for (entry, culprit) in cases {
            let list = KnownGoroutines(path: "k.toml", entries: [entry])
            let accepted = analysis.flagged.filter { list.acceptance(for: $0, on: T.today) != nil }.map { $0.culprit?.function ?? "" }
            #expect(accepted == [Self.zoo + culprit], "\(entry.selectorText) accepted \(accepted)")
        }
        // Two selectors must both hold.
        let both = KnownGoroutines(path: "k.toml", entries: [KnownGoroutine(topFunction: Self.zoo + "leakyTicker", file: "*/leak_send.go", reason: "r")])
        #expect(analysis.flagged.allSatisfy { both.acceptance(for: $0, on: T.today) == nil })
    }

    @Test func acceptedFindingsAreShownAndNeverFailTheGate() throws {
        let analysis = try T.analysis(T.ordersAPI)
        let text = """
        [[accept]]
        top_function = "example.com/leakgen/zoo.leakyTicker"
        reason = "one ticker per process"
        owner = "team-orders"

        [[accept]]
        file = "*/zoo/leak_*.go"
        reason = "the zoo leaks on purpose"
        expires = 2027-01-31
        """
        let list = try KnownGoroutinesParser.parse(text, path: ".leaktrail.toml")
        let accepted = list.apply(to: analysis, on: T.today)
        #expect(accepted.flagged.count == analysis.flagged.count, "accepted findings stay in the analysis")
        #expect(accepted.flagged.allSatisfy { $0.accepted != nil })
        let ticker = try #require(T.finding(accepted, culprit: Self.zoo + "leakyTicker"))
        #expect(ticker.accepted == Acceptance(reason: "one ticker per process", owner: "team-orders", expires: nil, source: ".leaktrail.toml:1"))
        #expect(accepted.gate([.leak, .stuck]) == .pass)
        #expect(analysis.gate([.leak]) != .pass)

        // The JSON contract says so for every leak; the first matching entry wins.
        let json = try LeakReport(accepted).jsonText()
        #expect(json.components(separatedBy: #""accepted":{"#).count - 1 == analysis.flagged.count)
        #expect(json.contains(#""accepted":{"expires":null,"owner":"team-orders","reason":"one ticker per process","source":".leaktrail.toml:1"}"#))
        #expect(try LeakReport.decode(Data(json.utf8)) == LeakReport(accepted))

        // Leave one out: the gate fails on it alone.
        let partial = try KnownGoroutinesParser.parse("[[accept]]\nfile = \"*/zoo/leak_*.go\"\nreason = \"r\"\n[[accept]]\ntop_function = \"x\"\nreason = \"r\"\n", path: "k")
        let leftOut = KnownGoroutines(path: "k", entries: partial.entries.map { e in
            var e = e
            if e.file != nil { e.file = "*/zoo/leak_[!s]*.go" }  // leak_select.go and leak_send.go are not accepted
            return e
        })
        guard case .matched(let signatures) = leftOut.apply(to: analysis, on: T.today).gate([.leak]) else {
            Issue.record("the gate passed with two leaks not accepted")
            return
        }
        let names = Set(signatures.compactMap { s in analysis.flagged.first { $0.signature == s }?.culprit?.function })
        #expect(names == [Self.zoo + "leakySend", Self.zoo + "leakySelectLoop"])
    }

    @Test func anExpiredEntryWarnsAndAcceptsNothing() throws {
        let analysis = try T.analysis(T.ordersAPI)
        let list = try KnownGoroutinesParser.parse("""
        [[accept]]
        any_function = "example.com/leakgen/zoo.leakySend"
        reason = "until the fix ships"
        owner = "team-orders"
        expires = 2026-11-30
        """, path: ".leaktrail.toml")
        #expect(list.expired(on: T.today).count == 1)
        #expect(list.expiryWarning(list.entries[0])
            == ".leaktrail.toml:1: the entry for any_function example.com/leakgen/zoo.leakySend (owner team-orders) expired on 2026-11-30; it no longer accepts anything")
        #expect(list.apply(to: analysis, on: T.today).flagged.allSatisfy { $0.accepted == nil })
        // On its last day it still accepts.
        let lastDay = CalendarDay("2026-11-30")!
        #expect(list.expired(on: lastDay).isEmpty)
        #expect(list.apply(to: analysis, on: lastDay).flagged.contains { $0.accepted != nil })
    }

    /// Standard-library leaks are accepted by their catalogue id (checkout/co-2's rows).
    @Test func aCatalogueIdAcceptsAStandardLibraryLeak() throws {
        let analysis = try T.analysis(T.checkout)
        let list = KnownGoroutines(path: "k", entries: [KnownGoroutine(knownLeak: "database/sql.rows-not-closed", reason: "driver bug, tracked")])
        let accepted = list.apply(to: analysis, on: T.today).flagged.filter { $0.accepted != nil }
        #expect(accepted.map { $0.culprit?.function } == ["database/sql.(*Rows).awaitDone"])
    }

    @Test func theReportMarksAcceptedFindings() throws {
        let doc = try T.ordersAPI.reportDocument(source: "orders-api", now: ReportFixtures.now)
        let list = KnownGoroutines(path: ".leaktrail.toml", entries: [KnownGoroutine(topFunction: Self.zoo + "leakyTicker", reason: "one ticker", owner: "team-orders", line: 3)])
        let marked = list.apply(to: doc, on: T.today)
        #expect(marked.summary.accepted == 1)
        #expect(marked.analysis.flagged.filter { $0.accepted != nil }.count == 1)
        let markdown = try marked.rendered(as: .markdown)
        #expect(markdown.contains("5 leaks, 0 stuck, 1 accepted"))
        #expect(markdown.contains("**Accepted:** one ticker (owner team-orders; .leaktrail.toml:3)"))
        let html = try marked.rendered(as: .html)
        #expect(html.components(separatedBy: "<span class=\"badge accepted\">accepted</span>").count - 1 == 2, "in the overview and on the finding")
        #expect(html.contains("<strong>Accepted</strong>one ticker (owner team-orders; .leaktrail.toml:3)"))
        let json = try JSONSerialization.jsonObject(with: Data(try marked.rendered(as: .json).utf8)) as? [String: Any]
        #expect((json?["summary"] as? [String: Any])?["accepted"] as? Int == 1)
        // Without a list nothing changes.
        #expect(try doc.rendered(as: .markdown) == KnownGoroutines(path: "k", entries: []).apply(to: doc, on: T.today).rendered(as: .markdown))
    }
}

@Suite struct AcceptedEntryTextTests {
    @Test func appendingKeepsTheTextThereByteForByte() throws {
        let dir = try ScratchDirectory.make("leaktrail-accept")
        let path = dir.appendingPathComponent(".leaktrail.toml").path
        let existing = "# reviewed by the team\n[[accept]]\ntop_function = \"a.b\"   # keep this comment\nreason = \"r\"\n"
        try existing.write(toFile: path, atomically: true, encoding: .utf8)
        let entry = AcceptedEntryText.entry(signature: StackSignature(hex: "758a9c606b6c2653")!, reason: "say \"why\"\\now\n\t\u{7F}\u{1}",
                                            owner: "team", expires: CalendarDay("2027-03-31"), comment: "leak · chan send")
        let list = try AcceptedEntryText.append(entry, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(existing))
        #expect(text == existing + "\n" + entry)
        #expect(list.entries.count == 2)
        #expect(list.entries[1].reason == "say \"why\"\\now\n\t\u{7F}\u{1}" && list.entries[1].owner == "team" && list.entries[1].line == 7)
        #expect(entry.hasPrefix("# leak · chan send\n[[accept]]\nsignature = \"758a9c606b6c2653\"\n"))
    }

    @Test func aMissingListIsMadeAndABrokenOneIsLeftAlone() throws {
        let dir = try ScratchDirectory.make("leaktrail-accept")
        let path = dir.appendingPathComponent(".leaktrail.toml").path
        let entry = AcceptedEntryText.entry(signature: StackSignature(value: 1), reason: "r", owner: nil, expires: nil, comment: nil)
        #expect(try AcceptedEntryText.append(entry, to: path).entries.count == 1)
        let broken = "[[accept]\n"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: KnownGoroutinesError.self) { try AcceptedEntryText.append(entry, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }
}

/// The complete example in docs/ci.md is a list leaktrail reads, with every kind of selector.
@Suite struct DocumentedExampleTests {
    @Test func theExampleConfigInTheCIRecipeParses() throws {
        let doc = try String(contentsOf: StoreFixtures.packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```toml\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        let list = try KnownGoroutinesParser.parse(String(doc[start.upperBound..<end.lowerBound]), path: "docs/ci.md")
        #expect(list.entries.count == 5)
        #expect(list.entries.contains { $0.signature != nil } && list.entries.contains { $0.topFunction != nil })
        #expect(list.entries.contains { $0.anyFunction != nil } && list.entries.contains { $0.file != nil })
        #expect(list.entries.contains { $0.knownLeak != nil } && list.entries.allSatisfy { !$0.reason.isEmpty })
    }
}
