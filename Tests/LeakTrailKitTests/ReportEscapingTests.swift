import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// Everything in a dump is written by the process that was dumped: function names, file
/// paths, label values, instance names. None of it may become markup in a report.
@Suite struct ReportEscapingTests {
    typealias F = AnalysisFixtures

    static let hostileFunction = #"main.(*T[<script>alert("fn")</script>]).run&go.func1"#
    static let hostileFile = #"/src/"quoted" & 'apos'/<img src=x onerror=alert(1)>.go"#
    static let hostileCreator = #"main.start<script>alert('created')</script>"#
    static let hostileService = #"shop"><script>alert(1)</script>"#
    static let hostileInstance = #"web-1 {handler: "/x?a=1&b=<b>2</b>"}"#

    /// A leak and a healthy signature whose every string is hostile.
    static func document() -> LeakReportDocument {
        let leak = F.series(60, every: 10) { i, _ in 2 * i }
        let flat = F.series(60, every: 10) { _, _ in 4 }
        let frames = [
            Frame(function: "runtime.gopark", file: "/usr/local/go/src/runtime/proc.go", line: 435),
            Frame(function: hostileFunction, file: hostileFile, line: 7),
        ]
        func history(_ value: UInt64, _ series: [SeriesPoint], state: String) -> SignatureHistory {
            SignatureHistory(signature: StackSignature(value: value), state: state, frames: frames,
                             createdBy: CreatedBy(function: hostileCreator, file: hostileFile, line: 3),
                             instances: [InstanceSeries(service: hostileService, instance: hostileInstance, epochs: [series])])
        }
        let histories = [history(1, leak, state: "chan send"), history(2, flat, state: #"<i>idle</i> & "waiting""#)]
        let captures = leak.map { LeakReportContext.Capture(service: hostileService, instance: hostileInstance, time: $0.time, epoch: 1, goroutines: 40) }
        let context = LeakReportContext(source: "/tmp/<b>store</b>&.sqlite", filters: ["service=\(hostileService)"], captures: captures,
                                        now: F.t0, toolVersion: "0.0.0-<test>")
        return LeakReportDocument(verdicts: LeakAnalyzer.analyze(histories: histories), histories: histories, context: context)
    }

    @Test func htmlEscapesEveryStringFromTheDump() throws {
        let doc = Self.document()
        #expect(doc.findings.count == 1 && doc.healthy.count == 1, "one leak and one healthy signature to render")
        let html = LeakReportHTMLRenderer().render(doc)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
        #expect(!html.contains(#"alert("fn")"#) && !html.contains("alert('created')"), "quotes inside names are escaped")
        #expect(!html.contains(#"shop">"#), "a service name cannot close an attribute")
        #expect(html.contains("&lt;script&gt;alert(&quot;fn&quot;)&lt;/script&gt;"))
        #expect(html.contains("&quot;quoted&quot; &amp; &#39;apos&#39;/&lt;img src=x onerror=alert(1)&gt;.go"))
        #expect(html.contains("web-1 {handler: &quot;/x?a=1&amp;b=&lt;b&gt;2&lt;/b&gt;&quot;}"))
        // Only the elements the renderer writes exist: nothing from a dump became a tag.
        let allowed: Set<String> = ["html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p", "span",
                                    "section", "div", "code", "table", "thead", "tbody", "tr", "th", "td", "a", "article", "figure",
                                    "figcaption", "svg", "line", "text", "polyline", "circle", "dl", "dt", "dd", "br", "ol", "li", "footer", "strong"]
        #expect(Set(HTMLTags.opening(html)).subtracting(allowed).isEmpty)
    }

    @Test func markdownEscapesEveryStringFromTheDump() throws {
        let md = LeakReportMarkdownRenderer().render(Self.document())
        // Outside code (where GitHub shows text as typed) no tag survives.
        let prose = Self.outsideCode(md)
        for tag in ["<script", "<img", "<b>", "<i>"] { #expect(!prose.contains(tag), "\(tag) outside code") }
        #expect(prose.contains(#"\<i\>idle\</i\> &amp; "waiting""#))
        // In tables, a `|` inside a name cannot split the cell: every row has the header's cell count.
        for table in md.components(separatedBy: "\n\n") where table.hasPrefix("|") {
            let rows = table.split(separator: "\n").map { Self.cells(String($0)) }
            #expect(Set(rows).count == 1, "ragged table:\n\(table)")
        }
    }

    @Test func markdownCodeSpansHoldAnyText() {
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("a|b") == #"`a\|b`"#)
        #expect(MarkdownText.code("a|b", inTable: false) == "`a|b`")
        #expect(MarkdownText.code("`x") == "`` `x ``")
        #expect(MarkdownText.block("```\nx") == "````text\n```\nx\n````")
    }

    @Test func htmlTextEscapesTheFiveCharactersAndControls() {
        #expect(HTMLText.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{1B}[31mb") == "a\u{FFFD}[31mb")
    }

    /// The text outside fenced blocks and code spans.
    static func outsideCode(_ md: String) -> String {
        var out = ""
        var inFence = false
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            var inSpan = 0
            var run = 0
            var text = ""
            for c in line + " " {
                if c == "`" { run += 1; continue }
                if run > 0 { inSpan = inSpan == 0 ? run : (inSpan == run ? 0 : inSpan); run = 0 }
                if inSpan == 0 { text.append(c) }
            }
            out += text + "\n"
        }
        return out
    }

    /// Cells of a table row, splitting at `|` not escaped by a backslash.
    static func cells(_ row: String) -> Int {
        var count = 0
        var previous: Character = " "
        for c in row { if c == "|" && previous != "\\" { count += 1 }; previous = c }
        return count
    }
}
