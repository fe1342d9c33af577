import Foundation
import LeakTrailTestSupport
import Testing

/// A PostgreSQL store whose server goes away in the middle of an import (issue 15): stopped
/// as if it crashed (`pg_ctl -m immediate`) and started again while `leaktrail import` writes
/// hundreds of files. The importer must either wait for it and finish (each commit is tried
/// again after a pause) or stop and say so with exit 3; either way every snapshot in the
/// store is whole, and running the import again leaves every file stored exactly once.
/// A server that never comes back stops the import with exit 3 and the files not tried counted.
@Suite(.serialized) struct PostgresFaultCLITests {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-b").path)
    static let sets = 8

    /// The reference: one uninterrupted import of one set into the test's own server.
    static func expected(_ server: PostgresTestServer, _ dir: URL, _ copies: DumpCopies) throws -> [String: [StoreAudit.Snapshot]] {
        let refSet = dir.appendingPathComponent("ref")
        try copies.write(copy: 1000, to: refSet)
        let db = try server.makeDatabase("ref")
        let r = try CLIRunner.run(["import", "--db", db, "--service", "ref", refSet.path])
        try #require(r.status == 0, "\(r.stderr)")
        return KillDuringImportCLITests.relative(try StoreAudit.readPostgres(url: db, server: server), to: refSet.path)
    }

    @Test(.enabled(if: present && !TestBackend.postgres, "runs once, in the default pass"))
    func serverRestartedMidImportLeavesWholeFiles() throws {
        let server = try PostgresTestServer.privateForTest()
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copies = try KillDuringImportCLITests.inputs()
        let expected = try Self.expected(server, dir, copies)
        let root = dir.appendingPathComponent("sets")
        let setPaths = (0..<Self.sets).map { root.appendingPathComponent("set-\($0)").path }
        for (k, path) in setPaths.enumerated() { try copies.write(copy: UInt32(k), to: URL(fileURLWithPath: path)) }
        let db = try server.makeDatabase("restart")
        let arguments = ["import", "--db", db, "--service", "restart", "--format", "json", root.path]

        let running = try CLIRunner.start(arguments)
        // Restart once a few files are in, while the import still runs.
        let deadline = Date().addingTimeInterval(120)
        while running.process.isRunning && Date() < deadline,
              (Int((try? server.psql(db, "SELECT count(*) FROM snapshots")) ?? "") ?? 0) < 10 { usleep(20_000) }
        let restarted = running.process.isRunning
        if restarted {
            try server.stopServer(immediate: true)
            usleep(300_000)
            try server.startServer()
        }
        let hung = !Self.waitForExit(running.process, seconds: 600)
        let first = running.result()
        #expect(!hung, "the import still ran 10 minutes after the restart: killed")
        #expect(restarted, "the import ended before the restart")
        #expect(first.status == 0 || first.status == 3, "\(first.status): \(first.stderr)")
        if first.status == 3 { #expect(first.stderr.contains("server"), "\(first.stderr)") }
        try Self.checkWhole(try StoreAudit.readPostgres(url: db, server: server), expected, sets: setPaths, complete: false)

        let again = try CLIRunner.run(arguments)
        #expect(again.status == 0 && again.stdout.contains(#""failed":[]"#), "\(again.stderr)")
        try Self.checkWhole(try StoreAudit.readPostgres(url: db, server: server), expected, sets: setPaths, complete: true)
    }

    @Test(.enabled(if: present && !TestBackend.postgres, "runs once, in the default pass"))
    func serverGoneStopsTheImportWithExit3() throws {
        let server = try PostgresTestServer.privateForTest()
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try server.makeDatabase("gone")
        try KillDuringImportCLITests.inputs().write(copy: 7, to: dir)
        let running = try CLIRunner.start(["import", "--db", db, "--service", "gone", "--format", "json", dir.path])
        while running.process.isRunning, (Int((try? server.psql(db, "SELECT count(*) FROM snapshots")) ?? "") ?? 0) < 2 { usleep(5_000) }
        try server.stopServer(immediate: true)
        let hung = !Self.waitForExit(running.process, seconds: 300)
        let r = running.result()
        #expect(!hung, "the import still ran 5 minutes after the server stopped: killed")
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("leaktrail: error:") && r.stderr.contains("server"), "\(r.stderr)")
        #expect(CLIRunner.number("not_tried", in: r.stdout) > 0, "\(r.stdout)")
        let listing = try CLIRunner.run(["snapshots", "--db", db])
        #expect(listing.status == 3 && listing.stderr.hasPrefix("leaktrail: error: cannot open store postgres://"), "\(listing.stderr)")
        #expect(!listing.stderr.contains("password"))
    }

    /// Whether `process` ended within `seconds`; one still running then is killed, so that an
    /// importer waiting for ever on a dead connection fails the test instead of hanging CI.
    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let ended = !process.isRunning
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return ended
    }

    /// Every stored file of every set equals the reference's; with `complete`, every file is there.
    static func checkWhole(_ audit: StoreAudit, _ expected: [String: [StoreAudit.Snapshot]], sets: [String], complete: Bool) throws {
        #expect(audit.orphans == 0 && audit.unbalanced.isEmpty, "\(audit.orphans) orphans, unbalanced \(audit.unbalanced)")
        var files = 0
        for set in sets {
            let held = KillDuringImportCLITests.relative(
                StoreAudit(integrity: "", snapshots: audit.snapshots.filter { $0.source.hasPrefix(set + "/") }, orphans: 0), to: set)
            for (file, snapshots) in held {
                let want = expected[file]?.map { s in var s = s; s.source = set + "/" + file; return s }
                #expect(snapshots == want, "\(set)/\(file) is not whole")
            }
            files += held.count
            if complete { #expect(held.count == expected.count, "\(set) lost files") }
        }
        #expect(audit.snapshots.count == audit.snapshots.filter { s in sets.contains { s.source.hasPrefix($0 + "/") } }.count)
        if complete { #expect(files == expected.count * sets.count) }
    }
}
