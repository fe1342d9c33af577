import Foundation
import Testing

/// The committed sample series and a fixed clock.
enum ReportSample {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.path)
    static let now = "2026-11-27T17:00:00Z"
}

/// `leaktrail analyze` and `leaktrail report` run as a user runs them, on the sample series.
@Suite(.enabled(if: ReportSample.present, "SampleTraces/series/orders-api is absent"))
struct ReportCLITests {
    static let series = ReportSample.series
    static let now = ReportSample.now

    @Test func analyzePrintsTheLeaksAndWritesTheReport() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let r = try CLIRunner.run(["analyze", Self.series.path, "--now", Self.now], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("5 leaks, 0 stuck in orders-api · 3 instances"), "\(r.stdout)")
        for culprit in ["zoo.leakySend", "zoo.leakyTicker", "zoo.leakySelectLoop", "zoo.leakyRecv", "zoo.leakyMutexWaiter"] {
            #expect(r.stdout.contains(culprit))
        }
        #expect(r.stdout.contains("VERDICT") && r.stdout.contains("GROWTH") && r.stdout.contains("inst-a,inst-c"))
        #expect(r.stdout.hasSuffix("Report: leaktrail-report.html\n"))
        let html = try String(contentsOf: dir.appendingPathComponent("leaktrail-report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func analyzeFailOnLeakExitsOne() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let r = try CLIRunner.run(["analyze", Self.series.appendingPathComponent("inst-a").path, "--service", "orders-api",
                                   "--fail-on", "leak", "-o", "r.md", "--now", Self.now], in: dir)
        #expect(r.status == 1)
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.hasPrefix("# Goroutine leak report"), "-o r.md writes Markdown")
        let healthy = try CLIRunner.run(["analyze", Self.series.appendingPathComponent("inst-b").path, "--fail-on", "suspect", "--now", Self.now], in: dir)
        #expect(healthy.status == 0, "inst-b has no leak: \(healthy.stdout)")
        #expect(healthy.stdout.hasPrefix("0 leaks, 0 stuck"))
    }

    @Test func reportIsTheSameBytesEveryTime() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let db = dir.appendingPathComponent("s.sqlite").path
        let imported = try CLIRunner.run(["import", "--db", db, "--service", "orders-api", Self.series.path])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        for format in ["html", "markdown", "json"] {
            let a = try CLIRunner.run(["report", "--db", db, "--format", format, "--now", Self.now])
            let b = try CLIRunner.run(["report", "--db", db, "--format", format, "--now", Self.now])
            #expect(a.status == 0 && !a.stdout.isEmpty, "stderr: \(a.stderr)")
            #expect(a.stdout == b.stdout, "\(format) differs between runs")
        }
        let json = try CLIRunner.run(["report", "--db", db, "--format", "json", "--now", Self.now, "--instance", "inst-b"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["leaks"] as? [Any])?.isEmpty == true, "inst-b leaks nothing")
        #expect((object?["summary"] as? [String: Any])?["filters"] as? [String] == ["instance=inst-b"])
        let file = try CLIRunner.run(["report", "--db", db, "-o", dir.appendingPathComponent("r.json").path, "--now", Self.now])
        #expect(file.status == 0 && file.stdout.isEmpty, "with -o nothing goes to stdout")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.json").path))
    }

    @Test func badTimesAndMissingStoresAreUsageErrors() throws {
        let r = try CLIRunner.run(["report", "--now", "yesterday"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("leaktrail: error: --now yesterday is not a time"))
        let dir = try CLIRunner.temporaryDirectory()
        let none = try CLIRunner.run(["analyze", "/nonexistent/dumps"], in: dir)
        #expect(none.status == 6, "an input that failed exits 6")
        #expect(none.stderr.contains("/nonexistent/dumps") && none.stderr.contains("no goroutine dumps in /nonexistent/dumps"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("leaktrail-report.html").path), "no report of nothing")
    }
}
