import Foundation
import GRDB
import Testing
@testable import LeakTrailKit

/// Everything in a dump and on a command line is data: it is bound into SQL, never spliced,
/// and escaped in every report. The renderers' own escaping is pinned by
/// ``ReportEscapingTests``; these tests take hostile text from files on disk through the
/// importer, the store's queries and the report built from the store.
@Suite struct SecurityTests {
    static let injection = "'; DROP TABLE snapshots; --"
    static let service = #"svc"); DELETE FROM stacks; --"#
    static let instance = "inst '; DROP TABLE snapshots; --"
    static let function = #"main.(*T[<script>alert("fn")</script>]).run&'x'"#
    static let file = #"/src/"q" & 'a'/<img src=x onerror=alert(1)>.go"#
    static let label = #"<script>alert('label')</script> & "quoted" '; DROP TABLE snapshot_stacks; --"#

    /// Ten captures a minute apart of a stack that leaks two goroutines a minute, in a
    /// directory whose name is itself an injection; every string from the dump is hostile.
    static func hostileSeries(in root: URL) throws -> [String] {
        let dir = root.appendingPathComponent(instance)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let quotedLabel = label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return try (0..<10).map { minute in
            var text = "goroutine 1 [running]:\nmain.main()\n\t/src/main.go:3 +0x1\n\n"
            for g in 0..<(2 + 2 * minute) {
                text += "goroutine \(10 + g) [chan send, \(minute) minutes, labels:{\"\(injection)\": \"\(quotedLabel)\"}]:\n"
                text += "\(function)(...)\n\t\(file):7 +0x1\ncreated by main.main in goroutine 1\n\t/src/main.go:9 +0x2\n\n"
            }
            let path = dir.appendingPathComponent("dump-20261127T15\(String(format: "%02d", minute))00Z.txt").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func importHostileSeries() throws -> (LeakStore, [String], URL) {
        let root = try StoreFixtures.temporaryDirectory()
        let paths = try hostileSeries(in: root)
        let store = try LeakStore()
        let summary = try Importer(store: store, options: .init(service: service)).run([root.path])
        #expect(summary.failures.isEmpty && summary.snapshots == paths.count, "\(summary.failures)")
        return (store, paths, root)
    }

    @Test func hostileNamesAndPathsAreStoredAndQueriedVerbatim() throws {
        let (store, paths, root) = try Self.importHostileSeries()
        defer { try? FileManager.default.removeItem(at: root) }
        let stored = try store.snapshots(service: Self.service, instance: Self.instance)
        #expect(stored.map(\.source) == paths)
        #expect(stored.allSatisfy { $0.service == Self.service && $0.instance == Self.instance })
        #expect(try store.snapshots(instance: Self.injection).isEmpty)
        let tables = try StoreFixtures.count(store, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('snapshots', 'stacks', 'snapshot_stacks')")
        #expect(tables == 3)
        let frames = try store.read { db in try String.fetchAll(db, sql: "SELECT frames FROM stacks") }
        #expect(frames.contains { $0.hasPrefix(Self.function + "\t" + Self.file + ":7") }, "\(frames)")
        let top = try store.top(.latest, instance: Self.instance)
        #expect(top.snapshot.instance == Self.instance && top.entries.first?.count == 20)
        #expect(top.entries.first?.topFrame.hasPrefix(Self.function) == true)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func labelValuesAreStoredAsJSONVerbatim() throws {
        let (store, _, root) = try Self.importHostileSeries()
        defer { try? FileManager.default.removeItem(at: root) }
        let texts = try store.read { db in try String.fetchAll(db, sql: "SELECT labels FROM snapshot_stacks WHERE labels IS NOT NULL") }
        #expect(texts.count == 10, "\(texts)")
        let decoded = try JSONSerialization.jsonObject(with: Data(try #require(texts.first).utf8))
        #expect("\(decoded)".contains("DROP TABLE snapshot_stacks"))
        let flat = try #require(texts.first)
        #expect(flat.contains("<script>alert('label')</script>") && flat.contains(#"\"quoted\""#), "\(flat)")
    }

    @Test func filtersWithInjectionsMatchNothingAndBreakNothing() throws {
        let (store, _, root) = try Self.importHostileSeries()
        defer { try? FileManager.default.removeItem(at: root) }
        let filters = [
            LeakStore.HistoryFilter(service: Self.injection),
            LeakStore.HistoryFilter(instance: "x' OR '1'='1"),
            LeakStore.HistoryFilter(signaturePrefix: "' OR 1=1 --"),
            LeakStore.HistoryFilter(signaturePrefix: "%"),
            LeakStore.HistoryFilter(signaturePrefix: "_"),
        ]
        for filter in filters { #expect(try store.histories(filter).isEmpty, "\(filter)") }
        #expect(try store.histories(.init(service: Self.service, instance: Self.instance)).count == 2)
        #expect(try store.snapshots().count == 10)
    }

    @Test func reportFromTheStoreEscapesEverythingFromTheDump() throws {
        let (store, _, root) = try Self.importHostileSeries()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = try store.reportDocument(.init(service: Self.service), source: "<b>store</b>",
                                           now: Date(timeIntervalSince1970: 1_800_000_000), toolVersion: "0.0.0")
        #expect(doc.findings.count == 1, "the hostile stack leaks two goroutines a minute")
        let html = LeakReportHTMLRenderer().render(doc)
        #expect(!html.lowercased().contains("<script") && !html.contains("<img") && !html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;fn&quot;)&lt;/script&gt;"))
        #expect(html.contains("&quot;q&quot; &amp; &#39;a&#39;/&lt;img src=x onerror=alert(1)&gt;.go"))
        #expect(html.contains("inst &#39;; DROP TABLE snapshots; --"))
        #expect(!html.contains(Self.label) && !html.contains("DROP TABLE snapshot_stacks"), "labels are not shown in the report")
    }
}
