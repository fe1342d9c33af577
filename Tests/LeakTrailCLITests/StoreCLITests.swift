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
        #expect(text.stdout.contains("skipped, already imported") && text.stdout.contains("1 skipped"))
        // The same bytes under another service are another instance's observation, not a duplicate.
        let elsewhere = try CLIRunner.run(["import", "--db", db, "--format", "json", files[0]])
        #expect(elsewhere.stdout.contains(#""snapshots":1,"#) && elsewhere.stdout.contains(#""skipped":0,"#), "\(elsewhere.stdout)")
    }

    @Test(.enabled(if: seriesPresent)) func aFailingFileExitsOneAndIsNamed() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data("hello, not a dump\n".utf8).write(to: bad)
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try CLIRunner.run(["import", "--db", db, "--format", "json", Self.txtFiles("inst-b")[0], bad.path])
        #expect(r.status == 1)
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
        #expect(top.status == 0 && top.stdout.hasPrefix("signature") && top.stdout.split(separator: "\n").count == 4)
        #expect(top.stdout.contains("zoo.leakySend"))
        let csv = try CLIRunner.run(["top", "--snapshot", "1", "--by", "function", "--format", "csv"], environment: env)
        #expect(csv.stdout.hasPrefix("signature,goroutines,state,wait,leaked,stacks,top frame\n"))
        let topJSON = try CLIRunner.run(["top", "--format", "json", "--limit", "1"], environment: env)
        // Parsers run in parallel, so ids need not follow time; latest is the newest by time.
        let newest = Self.txtFiles("inst-a").prefix(3).last!
        #expect(topJSON.stdout.hasPrefix(#"{"snapshot":{"id":"#) && topJSON.stdout.contains(#""by":"line","signatures":[{"signature":""#))
        // snake_case like every other JSON document of leaktrail.
        #expect(topJSON.stdout.contains(#""wait_minutes":"#) && topJSON.stdout.contains(#""top_frame":""#) && !topJSON.stdout.contains("topFrame"))
        let latest = try CLIRunner.run(["snapshots", "--format", "csv"], environment: env).stdout
            .split(separator: "\n").last { $0.hasSuffix(newest) }
        #expect(latest.map { topJSON.stdout.hasPrefix(#"{"snapshot":{"id":\#($0.prefix { $0 != "," }),"#) } == true)
        #expect(FileManager.default.fileExists(atPath: env["LEAKTRAIL_DB"]!))
        let overridden = try CLIRunner.run(["snapshots", "--db", dir.appendingPathComponent("other.sqlite").path], environment: env)
        #expect(overridden.stdout == "id  time  service  instance  epoch  format  goroutines  source\n")
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
        #expect(r.stdout.contains("2 files, 2 snapshots") && r.stdout.contains("1 files in directories were not dumps and were ignored"))
        #expect(r.stdout.contains("instance inst-b, 2026-11-27T16:25:34Z (from file name)"))
    }

    @Test func exitCodesSayWhatWentWrong() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let noSnapshot = try CLIRunner.run(["top", "--db", db, "--snapshot", "999"])
        #expect(noSnapshot.status == 4 && noSnapshot.stderr.contains("no snapshot 999") && noSnapshot.stdout.isEmpty)
        let badTime = try CLIRunner.run(["import", "--db", db, "--at", "yesterday", "x.txt"])
        #expect(badTime.status == 64 && badTime.stderr.contains("--at yesterday"))
        let badStore = try CLIRunner.run(["snapshots", "--db", "/nonexistent-dir/s.sqlite"])
        #expect(badStore.status == 3 && badStore.stderr.contains("/nonexistent-dir/s.sqlite"))
        let missing = try CLIRunner.run(["import", "--db", db, dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 1 && missing.stderr.contains("nope.txt: no such file or directory"))
    }

    @Test(.enabled(if: seriesPresent)) func standardInputWithAnInstanceAndTime() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let dump = try Data(contentsOf: URL(fileURLWithPath: Self.txtFiles("inst-b")[0]))
        let r = try CLIRunner.run(["import", "--db", db, "--instance", "pod-7", "--at", "2026-11-27T15:07:24Z", "-"], stdin: dump)
        #expect(r.status == 0 && r.stdout.contains("instance pod-7, 2026-11-27T15:07:24Z (from --at)"), "\(r.stdout)")
    }
}
