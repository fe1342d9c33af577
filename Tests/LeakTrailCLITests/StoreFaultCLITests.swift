import Foundation
import Testing

/// A store the file system will not let leaktrail write (issue 7, store integrity): a missing
/// directory, a read-only file system, an immutable file, a full disk. Each must end in a
/// message on stderr that names the store and the cause, exit non-zero, and leave the store as
/// it was — whole, passing `integrity_check`, and (full disk) still readable.
@Suite(.enabled(if: !TestBackend.postgres, "\(TestBackend.sqliteOnly)")) struct StoreFaultCLITests {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-a").path)

    static func dumps(_ instance: String) -> [String] {
        let dir = series.appendingPathComponent(instance)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") && !$0.contains("debug1") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    /// A store of one snapshot at `path`, written by leaktrail itself.
    static func storeOfOne(at path: String) throws {
        let r = try CLIRunner.run(["import", "--db", path, dumps("inst-b")[0]])
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test(.enabled(if: present)) func aMissingDirectoryIsNamedAndNotCreated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no/such")
        let db = missing.appendingPathComponent("s.sqlite").path
        let started = Date()
        let r = try CLIRunner.run(["import", "--db", db, Self.dumps("inst-b")[0]])
        #expect(r.status == 3 && r.stdout.isEmpty)
        #expect(r.stderr == "leaktrail: error: cannot open store \(db): the directory \(missing.path) does not exist\n")
        // Reading never creates a store: there is none to read.
        let read = try CLIRunner.run(["snapshots", "--db", db])
        #expect(read.status == 4 && read.stdout.isEmpty)
        #expect(read.stderr == "leaktrail: error: no store at \(db); import dumps first: leaktrail import --db \(db) DIRECTORY-OF-DUMPS\n")
        #expect(Date().timeIntervalSince(started) < 10, "no retrying what cannot succeed")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("no").path))
    }

    @Test(.enabled(if: present && ScratchMount.available, "needs root and mount(8) for a read-only tmpfs"))
    func aStoreOnAReadOnlyFileSystemIsRefusedAndUnchanged() throws {
        let mount = try ScratchMount(kibibytes: 4096)
        defer { mount.unmount() }
        let db = mount.url.appendingPathComponent("s.sqlite").path
        try Self.storeOfOne(at: db)
        try mount.remountReadOnly()
        let before = mount.contents()
        let r = try CLIRunner.run(["import", "--db", db, Self.dumps("inst-b")[1]])
        #expect(r.status == 3 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("leaktrail: error: cannot open store \(db): ") && r.stderr.contains("read-only file system"), "\(r.stderr)")
        #expect(mount.contents() == before)
        try mount.remountReadWrite()
        let audit = try StoreAudit.read(db)
        #expect(audit.integrity == "ok" && audit.snapshots.count == 1)
    }

    /// `chattr +i`: the directory stays writable, the file does not, even for root.
    @Test(.enabled(if: present && geteuid() == 0, "needs root for chattr +i"))
    func anImmutableStoreIsRefusedAndNothingIsAddedBesideIt() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.storeOfOne(at: db)
        guard (try? ScratchMount.run("chattr", "+i", db)) != nil else {
            print("skipped: chattr +i is not supported on \(dir.path)")
            return
        }
        defer { try? ScratchMount.run("chattr", "-i", db) }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try CLIRunner.run(["import", "--db", db, Self.dumps("inst-b")[1]])
        #expect(r.status == 3)
        #expect(r.stderr == "leaktrail: error: cannot open store \(db): the file cannot be written: operation not permitted\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
    }

    /// An 8 MiB tmpfs with 64 KiB left, and 2.4 MB of dumps to import: whatever fits is
    /// stored as whole files, the file that found the disk full fails with the cause, the rest
    /// are not tried (one message, not one per file) and the exit is 3; the store keeps what
    /// it had, opens, and takes the rest once there is room.
    @Test(.enabled(if: present && ScratchMount.available, "needs root and mount(8) for a small tmpfs"))
    func aFullDiskFailsFilesWholeAndKeepsTheStore() throws {
        let mount = try ScratchMount(kibibytes: 8192)
        defer { mount.unmount() }
        let db = mount.url.appendingPathComponent("s.sqlite").path
        try Self.storeOfOne(at: db)
        let had = try StoreAudit.read(db).snapshots
        let filler = mount.url.appendingPathComponent("filler")
        try Data(count: max(0, mount.freeBytes - 64 * 1024)).write(to: filler)
        let inputs = Self.dumps("inst-a")

        let r = try CLIRunner.run(["import", "--db", db, "--format", "json"] + inputs)
        #expect(r.status == 3)
        let failedLines = r.stderr.split(separator: "\n")
        #expect(failedLines.count == 1 && failedLines.allSatisfy { line in
            line.contains("database or disk is full") && line.contains("the files after this one were not tried")
                && inputs.contains { line.contains($0) }
        }, "\(r.stderr.prefix(600))")
        let stored = CLIRunner.number("snapshots", in: r.stdout), notTried = CLIRunner.number("not_tried", in: r.stdout)
        #expect(stored + 1 + notTried == inputs.count && notTried > 0, "\(r.stdout)")
        print("full disk: \(stored) of \(inputs.count) files stored whole, 1 failed with \"database or disk is full\", \(notTried) not tried")

        let audit = try StoreAudit.read(db)
        #expect(audit.integrity == "ok" && audit.orphans == 0 && audit.unbalanced.isEmpty)
        #expect(audit.snapshots.filter { had.contains($0) } == had && audit.snapshots.count == had.count + stored)
        #expect(audit.snapshots.allSatisfy { $0.goroutineRows == $0.goroutines }, "each stored file is whole")
        let listed = try CLIRunner.run(["snapshots", "--db", db, "--format", "csv"])
        #expect(listed.status == 0 && listed.stdout.split(separator: "\n").count == 1 + had.count + stored, "\(listed.stderr)")

        try FileManager.default.removeItem(at: filler)
        let again = try CLIRunner.run(["import", "--db", db, "--format", "json"] + inputs)
        #expect(again.status == 0 && again.stdout.contains(#""skipped":\#(stored),"failed":[]"#), "\(again.stdout) \(again.stderr.prefix(300))")
        let done = try StoreAudit.read(db)
        #expect(done.integrity == "ok" && done.snapshots.count == had.count + inputs.count && done.unbalanced.isEmpty)
    }

    /// `analyze --db` on a disk that fills up: the store keeps whole files, the command exits 3
    /// and writes no report, since a report over part of the dumps would mislead.
    @Test(.enabled(if: present && ScratchMount.available, "needs root and mount(8) for a small tmpfs"))
    func analyzeOnAFullDiskWritesNoReport() throws {
        let mount = try ScratchMount(kibibytes: 8192)
        defer { mount.unmount() }
        let out = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let db = mount.url.appendingPathComponent("s.sqlite").path
        try Self.storeOfOne(at: db)
        try Data(count: max(0, mount.freeBytes - 64 * 1024)).write(to: mount.url.appendingPathComponent("filler"))
        let report = out.appendingPathComponent("report.html").path

        let r = try CLIRunner.run(["analyze", "--db", db, "-o", report, Self.series.appendingPathComponent("inst-a").path])
        #expect(r.status == 3 && r.stderr.contains("database or disk is full"), "\(r.stderr.prefix(400))")
        #expect(!FileManager.default.fileExists(atPath: report) && r.stdout.isEmpty)
        let audit = try StoreAudit.read(db)
        #expect(audit.integrity == "ok" && audit.unbalanced.isEmpty && audit.snapshots.allSatisfy { $0.goroutineRows == $0.goroutines })
    }
}
