import Foundation

/// A throwaway PostgreSQL cluster for tests: `initdb` in a temporary directory, a server on a
/// free loopback port (and a socket in the same directory), trust authentication, stopped
/// when the test process exits — and, should the process die without exiting, by a watchdog
/// that outlives it by a second. As root (CI), the server runs as the `postgres` user:
/// `initdb` refuses root.
///
/// `LEAKTRAIL_TEST_PG=postgres://…` points the tests at a server already running instead.
public final class PostgresTestServer: @unchecked Sendable {
    public let port: Int
    public let directory: URL
    /// A superuser address without a database name.
    public let base: String
    private let owned: Bool
    private let counter = NSLock()
    private var made = 0

    /// Why no server could be had, when none could.
    public enum Unavailable: Error, CustomStringConvertible {
        case noBinaries
        case failed(String)

        public var description: String {
            switch self {
            case .noBinaries: "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
            case .failed(let why): "could not start a PostgreSQL server: \(why)"
            }
        }
    }

    /// The one server a test process shares, started on first use.
    public static let shared: Result<PostgresTestServer, Unavailable> = Result { try PostgresTestServer.start() }
        .mapError { $0 as? Unavailable ?? .failed("\($0)") }

    /// Whether a test that needs the server must fail without one (CI) or may skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    private init(port: Int, directory: URL, base: String, owned: Bool) {
        self.port = port
        self.directory = directory
        self.base = base
        self.owned = owned
    }

    /// A new server of its own (for a test that restarts or stops it), or the one named by
    /// `LEAKTRAIL_TEST_PG` when `private` is false.
    public static func start(private isPrivate: Bool = false) throws -> PostgresTestServer {
        if !isPrivate, let url = ProcessInfo.processInfo.environment["LEAKTRAIL_TEST_PG"], !url.isEmpty {
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            return PostgresTestServer(port: 0, directory: URL(fileURLWithPath: "/nonexistent"), base: base, owned: false)
        }
        guard let bin = binDirectory() else { throw Unavailable.noBinaries }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("leaktrail-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let asPostgres = getuid() == 0
        if asPostgres { _ = try? run("/bin/chown", ["postgres:postgres", dir.path]) }
        let port = freePort()
        let server = PostgresTestServer(port: port, directory: dir, base: "postgres://leaktrail@127.0.0.1:\(port)", owned: true)
        server.watch()
        do {
            try server.pg(bin + "/initdb", ["-D", dir.path + "/data", "-A", "trust", "-U", "leaktrail", "-E", "UTF8", "--no-sync", "--no-instructions"])
            try server.startServer()
        } catch {
            server.stop()
            throw Unavailable.failed("\(error)")
        }
        return server
    }

    /// Starts (or starts again) the server on its port.
    public func startServer() throws {
        guard let bin = Self.binDirectory() else { throw Unavailable.noBinaries }
        let options = "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB"
        try pg(bin + "/pg_ctl", ["-D", directory.path + "/data", "-o", options, "-l", directory.path + "/log", "-w", "-t", "60", "start"])
    }

    /// Stops the server at once (`immediate`: like a crash, for fault tests) or cleanly.
    public func stopServer(immediate: Bool = false) throws {
        guard owned, let bin = Self.binDirectory() else { return }
        try pg(bin + "/pg_ctl", ["-D", directory.path + "/data", "-m", immediate ? "immediate" : "fast", "-w", "stop"])
    }

    /// Stops the server and removes its directory.
    public func stop() {
        guard owned else { return }
        try? stopServer(immediate: true)
        try? FileManager.default.removeItem(at: directory)
    }

    /// A fresh, empty database on the server; its address.
    public func makeDatabase(_ prefix: String = "t") throws -> String {
        counter.lock()
        made += 1
        let name = "\(prefix)_\(getpid())_\(made)_\(UUID().uuidString.prefix(6).lowercased())"
        counter.unlock()
        try psql("postgres", "CREATE DATABASE \(name)")
        return "\(base)/\(name)"
    }

    /// Runs SQL on a database of the server with `psql`.
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        let url = database.contains("://") ? database : "\(base)/\(database)"
        return try Self.run("/usr/bin/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
    }

    private func pg(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
        } else {
            try Self.run(tool, arguments)
        }
    }

    /// Stops the server when this process ends, however it ends: a shell that polls for this
    /// process and then stops the server and removes its directory.
    private func watch() {
        let me = getpid()
        let stopCommand = (Self.binDirectory() ?? "") + "/pg_ctl -D \(directory.path)/data -m immediate -w stop"
        let asUser = getuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
        let script = "while kill -0 \(me) 2>/dev/null; do sleep 1; done; \(asUser)\(stopCommand) >/dev/null 2>&1; rm -rf \(directory.path)"
        _ = try? Self.spawn(["/bin/sh", "-c", script], wait: false)
    }

    static func binDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        return nil
    }

    /// A port nothing listens on now (the kernel's choice for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a tool to completion, its output through files. Not with Foundation's `Process`:
    /// `pg_ctl start` leaves a server behind that would inherit every descriptor open in this
    /// process, among them those by which `Process` notices that other tests' children ended
    /// (they would then never end). The child first closes every descriptor above 2.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let base = NSTemporaryDirectory() + "leaktrail-pg-run-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let status = try spawn([tool] + arguments, stdout: base + ".out", stderr: base + ".err", wait: true)
        let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
            throw Unavailable.failed("\(tool) \(arguments.joined(separator: " ")): \(errors)")
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `posix_spawn` of bash, which closes every inherited descriptor above 2, points 0–2 at
    /// /dev/null and the given files, and executes `command`. Returns the exit status when
    /// waiting, else 0.
    @discardableResult
    static func spawn(_ command: [String], stdout: String = "/dev/null", stderr: String = "/dev/null", wait: Bool) throws -> Int32 {
        let script = #"out=$1; err=$2; shift 2; for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-" 2>/dev/null; fi; done; exec "$@" <"/dev/null" >"$out" 2>"$err""#
        let argv = ["/bin/bash", "-c", script, "bash", stdout, stderr] + command
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/bash", nil, nil, &cargs, environ)
        guard rc == 0 else { throw Unavailable.failed("cannot start \(command.first ?? ""): \(String(cString: strerror(rc)))") }
        guard wait else { return 0 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the macros are not imported).
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

import Testing

extension PostgresTestServer {
    /// The shared server for a test that needs one: in CI (`CI=true`) a server that cannot
    /// start fails the test; elsewhere the test is cancelled, which the runner shows as
    /// skipped with the reason.
    public static func forTest() throws -> PostgresTestServer {
        switch shared {
        case .success(let server): return server
        case .failure(let why):
            if required { throw why }
            try Test.cancel("needs PostgreSQL: \(why)")
        }
    }

    /// A server of the test's own (it may stop and restart it), under the same rule.
    public static func privateForTest() throws -> PostgresTestServer {
        do {
            return try start(private: true)
        } catch {
            if required { throw error }
            try Test.cancel("needs PostgreSQL: \(error)")
        }
    }
}
