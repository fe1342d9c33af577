import Foundation
import Testing

/// Nothing read from a dump is ever opened as a path or run (issue 7, security). A series of
/// real-looking dumps whose frames point at a FIFO and at an existing file in the test's
/// directory, and whose function names, file paths and label values hold shell commands
/// (`$(touch …/pwned)`, backticks, `;`, `|`), in a directory and under a service so named,
/// goes through `import`, `leaks`, `trends`, `show`,
/// `report` (HTML) and `analyze`. Opening the FIFO for reading would block, so each command
/// runs under a timeout and a hang is a failure, not a stuck test; a watcher also tries the
/// FIFO's writing end without blocking all along, which succeeds only while someone holds it
/// open for reading. The file's access time is set before its modification time, so any read
/// of it would move it (`relatime`); and no `pwned` file may appear (commands run in the
/// test's directory, so a relative `touch pwned` would land there too).
@Suite struct DumpTextIsInertCLITests {
    /// Ten captures a minute apart of a stack that leaks two goroutines a minute.
    static func series(in dir: URL) throws -> URL {
        let d = dir.path
        let root = dir.appendingPathComponent("dumps/inst-`touch pwned`;$(touch pwned)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for minute in 0..<10 {
            var text = "goroutine 1 [running]:\nmain.main()\n\t/src/main.go:3 +0x1\n\n"
            for g in 0..<(2 + 2 * minute) {
                text += "goroutine \(10 + g) [chan send, \(minute) minutes, labels:{\"cmd\": \"$(touch \(d)/pwned)\", \"bt\": \"`touch \(d)/pwned`\"}]:\n"
                text += "main.run`touch${IFS}\(d)/pwned`;$(touch${IFS}\(d)/pwned)(...)\n\t\(d)/fifo:12 +0x1\n"
                text += "main.caller|sh()\n\t$(touch \(d)/pwned).go:7 +0x2\n"
                text += "created by main.main in goroutine 1\n\t\(d)/sentinel.go:9 +0x2\n\n"
            }
            try Data(text.utf8).write(to: root.appendingPathComponent("goroutine-20261127T15\(String(format: "%02d", minute))00Z.txt"))
        }
        return dir.appendingPathComponent("dumps")
    }

    @Test func pathsAndCommandsInADumpAreNeverOpenedOrRun() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let sentinel = dir.appendingPathComponent("sentinel.go").path
        try Data("package main\n".utf8).write(to: URL(fileURLWithPath: sentinel))
        let atimeMoves = try Self.backdateAccessTime(sentinel)
        let before = try Self.accessTime(sentinel)
        let dumps = try Self.series(in: dir)
        let db = dir.appendingPathComponent("s.sqlite").path
        let watcher = FIFOWatcher(path: fifo)
        defer { watcher.stop() }

        let run = { (arguments: [String]) in try Self.run(arguments, in: dir) }
        let imported = try run(["import", "--db", db, "--service", "svc;$(id)", dumps.path])
        #expect(imported?.status == 0 && imported?.stdout.contains("10 snapshots") == true, "\(imported?.stderr ?? "")")
        let leaks = try run(["leaks", "--db", db, "--format", "json"])
        #expect(leaks?.stdout.contains(#"$(touch${IFS}"#) == true && leaks?.stdout.contains("\(dir.path)/fifo") == true, "\(leaks?.stdout ?? "")")
        let json = leaks?.stdout ?? ""
        let signature = json.range(of: #""signature":""#).map { String(json[$0.upperBound...].prefix(16)) } ?? "0"
        let show = try run(["show", "--db", db, signature])
        #expect(show?.status == 0 && show?.stdout.contains("main.caller|sh") == true, "\(show?.stderr ?? "")")
        _ = try run(["trends", "--db", db])
        let html = dir.appendingPathComponent("report.html").path
        #expect(try run(["report", "--db", db, "--format", "html", "-o", html])?.status == 0)
        let analyzed = try run(["analyze", dumps.path, "-o", dir.appendingPathComponent("a.html").path])
        #expect(analyzed?.status == 0, "\(analyzed?.stderr ?? "")")

        watcher.stop()
        #expect(!watcher.sawReader, "something opened the FIFO named in the dump")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path), "a command from the dump ran")
        if atimeMoves {
            #expect(try Self.accessTime(sentinel) == before, "something read the file named in the dump")
        } else {
            print("access times do not move on \(dir.path) (noatime): the sentinel's reads go unchecked")
        }
        #expect(try String(contentsOfFile: sentinel, encoding: .utf8) == "package main\n")
    }

    /// Runs `leaktrail`; past 60 s it is killed and the test fails (a blocking open of the FIFO).
    static func run(_ arguments: [String], in dir: URL) throws -> CLIRunner.Result? {
        let running = try CLIRunner.start(arguments, in: dir)
        let deadline = Date().addingTimeInterval(60)
        while running.process.isRunning && Date() < deadline { usleep(10_000) }
        guard !running.process.isRunning else {
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()
            Issue.record("leaktrail \(arguments[0]) did not finish in 60 s: did it open the FIFO?")
            return nil
        }
        return running.result()
    }

    /// Sets the access time a day before the modification time, so that under `relatime` the
    /// next read moves it. Says whether a read does move it here (not on a `noatime` mount).
    static func backdateAccessTime(_ path: String) throws -> Bool {
        func backdate(_ p: String) throws {
            var s = stat()
            guard stat(p, &s) == 0 else { throw CocoaError(.fileReadUnknown) }
            let modified = Self.times(s).modified
            var times = [timespec(tv_sec: modified.tv_sec - 86_400, tv_nsec: 0), modified]
            guard utimensat(AT_FDCWD, p, &times, 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        let probe = path + ".probe"
        try Data("probe\n".utf8).write(to: URL(fileURLWithPath: probe))
        defer { try? FileManager.default.removeItem(atPath: probe) }
        try backdate(probe)
        let probeBefore = try accessTime(probe)
        _ = try Data(contentsOf: URL(fileURLWithPath: probe))
        try backdate(path)
        return try accessTime(probe) != probeBefore
    }

    /// Seconds and nanoseconds.
    static func accessTime(_ path: String) throws -> [Int] {
        var s = stat()
        guard stat(path, &s) == 0 else { throw CocoaError(.fileReadUnknown) }
        let accessed = times(s).accessed
        return [Int(accessed.tv_sec), Int(accessed.tv_nsec)]
    }

    static func times(_ s: stat) -> (accessed: timespec, modified: timespec) {
        #if canImport(Glibc)
        (s.st_atim, s.st_mtim)
        #else
        (s.st_atimespec, s.st_mtimespec)
        #endif
    }
}

/// Tries to open a FIFO's writing end without blocking, every millisecond: that fails with
/// ENXIO unless some process holds the FIFO open for reading.
final class FIFOWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var reader = false
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        Thread.detachNewThread { [self] in
            while !isStopped {
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 {
                    close(fd)
                    lock.withLock { reader = true }
                }
                usleep(1_000)
            }
            done.signal()
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }
    var sawReader: Bool { lock.withLock { reader } }

    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first { done.wait() }
    }
}
