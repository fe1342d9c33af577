import Foundation
import LeakTrailTestSupport
import Testing

/// Headless Chromium, when installed (Debian `chromium`; `.ci/run` installs it).
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs chromium headless on `page` with `arguments`; its stdout, or nil after `timeout` seconds.
    static func run(_ arguments: [String], page: URL, profile: URL, timeout: TimeInterval = 90) throws -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                       "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let out = profile.appendingPathComponent("stdout-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(100_000) }
        if p.isRunning { p.terminate(); return nil }
        return try String(contentsOf: out, encoding: .utf8)
    }
}

/// The HTML report of the sample series as a person sees it: rendered by a real browser to a
/// screenshot, its text read back from the browser's DOM.
@Suite(.enabled(if: Chromium.path != nil, "chromium is not installed: apt-get install chromium"),
       .enabled(if: ReportSample.present, "SampleTraces/series/orders-api is absent"))
struct ReportBrowserTests {
    static let trueCulprits = [
        "example.com/leakgen/zoo.leakySend", "example.com/leakgen/zoo.leakyTicker", "example.com/leakgen/zoo.leakyMutexWaiter",
        "example.com/leakgen/zoo.leakyRecv", "example.com/leakgen/zoo.leakySelectLoop",
    ]

    @Test func theReportRendersInABrowserWithItsCulpritsAndNoScript() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let r = try CLIRunner.run(["analyze", ReportSample.series.path, "-o", "report.html", "--now", ReportSample.now], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let page = dir.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("script-src 'none'"))

        let shot = dir.appendingPathComponent("report.png")
        _ = try Chromium.run(["--screenshot=\(shot.path)", "--window-size=1280,2000"], page: page, profile: dir.appendingPathComponent("profile-a"))
        let png = try Data(contentsOf: shot)
        #expect(png.count > 50_000, "a 1280×2000 screenshot of charts and tables is not a blank page (\(png.count) bytes)")
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
        #expect(Self.pngSize(png) == (1280, 2000))

        let dom = try #require(try Chromium.run(["--dump-dom"], page: page, profile: dir.appendingPathComponent("profile-b")))
        let text = Self.text(of: dom)
        for culprit in Self.trueCulprits { #expect(text.contains(culprit), "\(culprit) is not on the page") }
        #expect(text.contains("5 leaks"))
        // No script ran: the browser's DOM holds exactly the elements the file holds, in order.
        #expect(!dom.lowercased().contains("<script"))
        #expect(HTMLTags.opening(dom) == HTMLTags.opening(html), "the DOM differs from the file")
    }

    /// Width and height from the IHDR chunk.
    static func pngSize(_ png: Data) -> (Int, Int) {
        guard png.count > 24 else { return (0, 0) }
        let b = [UInt8](png[16..<24])
        return (Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3]), Int(b[4]) << 24 | Int(b[5]) << 16 | Int(b[6]) << 8 | Int(b[7]))
    }

    /// The page's text: the body without tags, entities decoded, whitespace collapsed.
    static func text(of dom: String) -> String {
        var text = ""
        var inTag = false
        let body = dom.range(of: "<body").map { String(dom[$0.lowerBound...]) } ?? dom
        for c in body {
            if c == "<" { inTag = true; text.append(" ") } else if c == ">" { inTag = false } else if !inTag { text.append(c) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: char)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
