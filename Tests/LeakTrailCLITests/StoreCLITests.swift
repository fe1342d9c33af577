import Foundation
import GRDB
import Testing
import LeakTrailKit

/// `import`, `snapshots` and `top` as a user runs them: exit codes, stdout shapes, stderr.
@Suite struct StoreCLITests {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let seriesPresent = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-b").path)

    static func txtFiles(_ instance: String) -> [String] {
        let dir = series.appendingPathComponent(instance)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") && !$0.contains("debug1") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    // SampleTraces/series comes from SampleTraces/generator/capture_series.sh; skipped when absent.
    @Test(.enabled(if: seriesPresent)) func importSummaryIsJSONAndReimportSkips() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let files = Self.txtFiles("inst-b")
        let first = try CLIRunner.run(["import", "--db", db, "--format", "json", "--service", "orders-api"] + files)
        #expect(first.status == 0, "\(first.stderr)")
        let pattern = #"^\{"files":\d+,"snapshots":\d+,"goroutines":\d+,"skipped":\d+,"failed":\[\],"not_tried":0\}\n$"#
        #expect(first.stdout.range(of: pattern, options: .regularExpression) != nil, "\(first.stdout)")
        #expect(first.stdout.contains(#""files":\#(files.count),"snapshots":\#(files.count),"#))
        #expect(first.stderr.isEmpty, "no progress when stderr is not a terminal")
        let again = try CLIRunner.run(["import", "--db", db, "--format", "json", "--service", "orders-api"] + files)
        #expect(again.status == 0)
        #expect(again.stdout.contains(#""snapshots":0,"goroutines":0,"skipped":\#(files.count)"#))
        let text = try CLIRunner.run(["import", "--db", db, "--service", "orders-api", files[0]])
        #expect(text.stdout.hasPrefix("1 file, 0 snapshots, 0 goroutines, 0 new signatures, 1 skipped, 0 failed, ") && text.stderr.isEmpty)
        let verbose = try CLIRunner.run(["import", "--db", db, "--service", "orders-api", "--verbose", files[0]])
        #expect(verbose.stderr == "\(files[0]): skipped, already imported\n" && verbose.stdout.contains("1 skipped"))
        let quiet = try CLIRunner.run(["import", "--db", db, "--service", "orders-api", "--quiet", files[0]])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        // The same bytes under another service are another instance's observation, not a duplicate.
        let elsewhere = try CLIRunner.run(["import", "--db", db, "--format", "json", files[0]])
        #expect(elsewhere.stdout.contains(#""snapshots":1,"#) && elsewhere.stdout.contains(#""skipped":0,"#), "\(elsewhere.stdout)")
    }

    @Test(.enabled(if: seriesPresent)) func aFailingFileExitsSixAndIsNamed() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data("hello, not a dump\n".utf8).write(to: bad)
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try CLIRunner.run(["import", "--db", db, "--format", "json", Self.txtFiles("inst-b")[0], bad.path])
        #expect(r.status == 6)
        #expect(r.stdout.contains(#""snapshots":1,"#) && r.stdout.contains(#"{"path":"\#(bad.path)","error":"#))
        #expect(r.stderr.contains(bad.path) && r.stderr.contains("not a goroutine dump"))
        let listed = try CLIRunner.run(["snapshots", "--db", db, "--format", "csv"])
        #expect(listed.stdout.split(separator: "\n").count == 2)
    }

    @Test(.enabled(if: seriesPresent)) func snapshotsAndTopFormats() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["LEAKTRAIL_DB": dir.appendingPathComponent("env.sqlite").path]
        #expect(try CLIRunner.run(["import", "--service", "orders-api"] + Self.txtFiles("inst-a").prefix(3), environment: env).status == 0)
        let json = try CLIRunner.run(["snapshots", "--format", "json"], environment: env)
        #expect(json.status == 0)
        let objectPattern = #"\{"id":\d+,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z","service":"orders-api","instance":"inst-a","epoch":1,"format":"traceback","goroutines":\d+,"source":"[^"]+"\}"#
        #expect(json.stdout.range(of: #"^\{"snapshots":\[\#(objectPattern)(,\#(objectPattern)){2}\]\}\n$"#, options: .regularExpression) != nil, "\(json.stdout)")
        let table = try CLIRunner.run(["snapshots"], environment: env)
        #expect(table.stdout.hasPrefix("id  time") && table.stdout.split(separator: "\n").count == 4)
        let top = try CLIRunner.run(["top", "--instance", "inst-a", "--limit", "3"], environment: env)
        #expect(top.status == 0 && top.stdout.hasPrefix("snapshot 3 of orders-api/inst-a at "), "\(top.stdout)")
        #expect(top.stdout.components(separatedBy: "\n\n").last?.hasPrefix("signature") == true && top.stdout.split(separator: "\n").count == 6)
        #expect(top.stdout.contains("zoo.leakySend"))
        let csv = try CLIRunner.run(["top", "--snapshot", "1", "--by", "function", "--format", "csv"], environment: env)
        #expect(csv.stdout.hasPrefix("signature,goroutines,state,wait,leaked,stacks,top frame\n"))
        let topJSON = try CLIRunner.run(["top", "--format", "json", "--limit", "1"], environment: env)
        // Files are committed in input order, so ids follow the inputs; latest is the newest by time.
        let newest = Self.txtFiles("inst-a").prefix(3).last!
        #expect(topJSON.stdout.hasPrefix(#"{"snapshot":{"id":"#) && topJSON.stdout.contains(#""by":"line","signatures":[{"signature":""#))
        // snake_case like every other JSON document of leaktrail.
        #expect(topJSON.stdout.contains(#""wait_minutes":"#) && topJSON.stdout.contains(#""top_frame":""#) && !topJSON.stdout.contains("topFrame"))
        let latest = try CLIRunner.run(["snapshots", "--format", "csv"], environment: env).stdout
            .split(separator: "\n").last { $0.hasSuffix(newest) }
        #expect(latest.map { topJSON.stdout.hasPrefix(#"{"snapshot":{"id":\#($0.prefix { $0 != "," }),"#) } == true)
        #expect(TestBackend.postgres ? TestBackend.existingDatabase(for: env["LEAKTRAIL_DB"]!) != nil
            : FileManager.default.fileExists(atPath: env["LEAKTRAIL_DB"]!))
        let other = dir.appendingPathComponent("other.sqlite").path
        let overridden = try CLIRunner.run(["snapshots", "--db", other], environment: env)
        #expect(overridden.status == 4 && overridden.stdout.isEmpty)
        #expect(overridden.stderr == "leaktrail: error: no store at \(other); import dumps first: leaktrail import --db \(other) DIRECTORY-OF-DUMPS\n")
        #expect(!FileManager.default.fileExists(atPath: other), "reading never creates a store")
    }

    /// A directory tree with notes and logs beside the dumps: the non-dumps are ignored, not failed.
    @Test(.enabled(if: seriesPresent)) func nonDumpsInDirectoriesAreIgnored() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("orders-api/inst-b")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        for file in Self.txtFiles("inst-b").prefix(2) {
            try FileManager.default.copyItem(atPath: file, toPath: tree.appendingPathComponent((file as NSString).lastPathComponent).path)
        }
        try Data("# notes\n".utf8).write(to: dir.appendingPathComponent("orders-api/README.md"))
        let r = try CLIRunner.run(["import", "--db", dir.appendingPathComponent("s.sqlite").path, dir.appendingPathComponent("orders-api").path])
        #expect(r.status == 0, "\(r.stderr)")
        let readme = dir.appendingPathComponent("orders-api/README.md").path
        #expect(r.stdout.hasPrefix("2 files, 2 snapshots") && r.stdout.hasSuffix("; ignored 1 file that is not a dump: \(readme)\n"), "\(r.stdout)")
        let verbose = try CLIRunner.run(["import", "--db", dir.appendingPathComponent("v.sqlite").path, "-v", dir.appendingPathComponent("orders-api").path])
        let lines = verbose.stderr.split(separator: "\n")
        try #require(lines.count == 3, "\(verbose.stderr)")
        #expect(lines[0].hasPrefix("\(readme): ignored, not a goroutine dump"), "\(verbose.stderr)")
        #expect(lines[1].contains(": snapshot 1, instance inst-b, 2026-11-27T16:25:34Z (from file name)"), "in input order, ids in order")
        #expect(lines[2].contains(": snapshot 2, instance inst-b, "))
    }

    @Test func exitCodesSayWhatWentWrong() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let noStore = try CLIRunner.run(["top", "--db", db, "--snapshot", "999"])
        #expect(noStore.status == 4 && noStore.stderr.contains("no store at \(db)") && noStore.stdout.isEmpty)
        let badTime = try CLIRunner.run(["import", "--db", db, "--at", "yesterday", "x.txt"])
        #expect(badTime.status == 2 && badTime.stderr.hasPrefix("leaktrail: error: --at yesterday is not a time"))
        let badStore = try CLIRunner.run(["import", "--db", "/nonexistent-dir/s.sqlite", "x.txt"])
        #expect(badStore.status == 3 && badStore.stderr.contains("/nonexistent-dir/s.sqlite"))
        let missing = try CLIRunner.run(["import", "--db", db, dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 6 && missing.stderr.contains("nope.txt: no such file or directory"))
    }

    @Test(.enabled(if: seriesPresent)) func standardInputWithAnInstanceAndTime() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let dump = try Data(contentsOf: URL(fileURLWithPath: Self.txtFiles("inst-b")[0]))
        let r = try CLIRunner.run(["import", "--db", db, "--instance", "pod-7", "--at", "2026-11-27T15:07:24Z", "--verbose", "-"], stdin: dump)
        #expect(r.status == 0 && r.stderr.contains("instance pod-7, 2026-11-27T15:07:24Z (from --at)"), "\(r.stderr)")
    }
}
