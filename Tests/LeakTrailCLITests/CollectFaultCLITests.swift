import Foundation
import LeakTrailTestSupport
import Testing

/// `collect` against `leakgen faults`: a Go net/http server (the same server code as every
/// pprof endpoint in production) that misbehaves on purpose, one fault per path prefix. Each
/// failed capture must be logged with its target and reason, counted by kind, and never
/// stored; the good ones must be stored whole.
@Suite(.enabled(if: LeakGen.enabled, "needs a Go toolchain to build the generator (CI installs golang-go)"))
struct CollectFaultCLITests {
    struct Summary: Decodable {
        struct Target: Decodable {
            var service: String
            var instance: String
            var captures: Int
            var failures: Int
            var last_error: String?
        }
        var captures: Int
        var failures: Int
        var failures_by_kind: [String: Int]
        var seconds: Double
        var ending: String
        var store_error: String?
        var targets: [Target]

        func target(_ instance: String) -> Target? { targets.first { $0.instance == instance } }
    }

    static func summary(_ r: CLIRunner.Result) throws -> Summary {
        try JSONDecoder().decode(Summary.self, from: Data(r.stdout.utf8))
    }

    /// `{"snapshots":[…]}` reduced to instance → goroutine counts.
    static func snapshots(_ db: String) throws -> [String: [Int]] {
        struct List: Decodable {
            struct S: Decodable { var instance: String; var goroutines: Int }
            var snapshots: [S]
        }
        let r = try CLIRunner.run(["snapshots", "--db", db, "--format", "json"])
        let list = try JSONDecoder().decode(List.self, from: Data(r.stdout.utf8))
        return Dictionary(grouping: list.snapshots, by: \.instance).mapValues { $0.map(\.goroutines) }
    }

    /// Without a proxy from the test machine's own environment.
    static let noProxy = ["http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": ""]

    @Test func everyFaultIsLoggedCountedAndNeverStored() throws {
        let server = try LeakGen.Server(["faults", "-hang", "30s"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let faults = ["ok", "slow", "trickle", "status500", "truncated", "oversize", "declared", "html", "redirect-same", "redirect-other"]
        let start = Date()
        let r = try CLIRunner.run(["collect", "--db", db, "--once", "--timeout", "2s", "--format", "json"]
            + faults.map { "faults/\($0)=\(server.base)/\($0)" }, environment: Self.noProxy)
        #expect(Date().timeIntervalSince(start) < 15, "hung targets are cut off at --timeout")
        #expect(r.status == 6, "some targets never captured, others were: \(r.stderr)")
        let s = try Self.summary(r)
        #expect(s.captures == 2 && s.failures == 8 && s.ending == "rounds")
        #expect(s.failures_by_kind == ["timeout": 2, "http_status": 1, "truncated": 1, "too_large": 2, "not_a_dump": 1, "redirect": 1])
        let expected: [String: String] = [
            "slow": "no complete answer within 2 s", "trickle": "no complete answer within 2 s",
            "status500": "HTTP 500: internal error: database unavailable",
            "truncated": "cut short", "oversize": "larger than 64 MiB", "declared": "larger than 64 MiB",
            "html": "not a goroutine dump: it looks like an HTML page",
            "redirect-other": "redirected to another host (http://localhost:",
        ]
        for (instance, reason) in expected {
            #expect(s.target(instance)?.last_error?.contains(reason) == true, "\(instance): \(String(describing: s.target(instance)?.last_error))")
            // Logged as it happened, with the target, its URL and the reason.
            #expect(r.stderr.contains("leaktrail: error: capture of faults/\(instance) (\(server.base)/\(instance)): "), "\(instance)")
        }
        let stored = try Self.snapshots(db)
        #expect(Set(stored.keys) == ["ok", "redirect-same"], "only whole dumps are stored")
        #expect(stored.values.allSatisfy { $0.count == 1 && $0[0] > 0 })
    }

    @Test func gzipIsAskedForAndUndone() throws {
        let server = try LeakGen.Server(["faults"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let r = try CLIRunner.run(["collect", "--db", db, "--once", "faults/ok=\(server.base)/ok"], environment: Self.noProxy)
        #expect(r.status == 0, "\(r.stderr)")
        let seen = try server.headers("ok")
        // The fault server compresses whenever the client accepts it.
        #expect(seen?["Accept-Encoding"] == ["gzip"])
        #expect(seen?["Connection"] == ["close"], "no idle connection is kept per target")
        #expect(try Self.snapshots(db)["ok"]?.first ?? 0 > 5, "the decompressed dump was parsed")
        #expect(r.stderr.isEmpty, "no status line when stderr is not a terminal, and nothing failed")
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`), the status line shows the
    /// targets up and down, the captures and the last error, and is erased before the summary.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script"))
    func aTerminalSeesTheStatusLine() throws {
        let server = try LeakGen.Server(["faults"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let command = [CLIRunner.executable.path, "collect", "--db", dir.appendingPathComponent("c.sqlite").path, "--once",
                       "f/ok=\(server.base)/ok", "f/bad=\(server.base)/status500"].joined(separator: " ")
        let r = try Self.underTerminal(["-qefc", command, "/dev/null"])
        #expect(r.status == 6)
        let status = #"2 targets: [01] up, [01] down · [01] captures · [01] failed"#
        #expect(r.output.range(of: status, options: .regularExpression) != nil, "\(r.output.debugDescription)")
        #expect(r.output.contains("\r\u{1B}[Kf/bad: 0 captured, 1 failed, last: HTTP 500"), "erased before the summary: \(r.output.debugDescription)")
    }

    /// Runs util-linux `script`, whose child's stdout and stderr are one pseudo-terminal.
    static func underTerminal(_ args: [String]) throws -> (status: Int32, output: String) {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env.merge(noProxy) { $1 }
        env["TERM"] = "dumb"
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    @Test func aHungTargetNeverDelaysTheOthers() throws {
        let server = try LeakGen.Server(["faults", "-hang", "30s"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let hung = (1...3).map { "faults/slow-\($0)=\(server.base)/slow" }
        let r = try CLIRunner.run(["collect", "--db", db, "--every", "500ms", "--for", "4s", "--timeout", "3s", "--format", "json",
                                   "faults/ok=\(server.base)/ok"] + hung, environment: Self.noProxy)
        let s = try Self.summary(r)
        #expect(s.target("ok")!.captures >= 6, "the healthy target kept its schedule: \(s.target("ok")!.captures)")
        #expect(s.targets.filter { $0.instance.hasPrefix("slow") }.allSatisfy { $0.captures == 0 && $0.failures >= 1 })
        #expect(r.status == 6)
    }

    @Test func aFailingTargetBacksOffAndRecovers() throws {
        let server = try LeakGen.Server(["faults", "-flaky", "3"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let r = try CLIRunner.run(["collect", "--db", db, "--every", "300ms", "--count", "6", "--format", "json",
                                   "faults/flaky=\(server.base)/flaky"], environment: Self.noProxy)
        #expect(r.status == 0, "captured at least once: transient failures are counted, not fatal")
        let s = try Self.summary(r)
        #expect(s.captures == 3 && s.failures == 3 && s.failures_by_kind == ["http_status": 3])
        // 6 rounds every 0.3 s take 1.5 s; the second and third failures wait 0.6 s and 1.2 s.
        #expect(s.seconds >= 2.2, "\(s.seconds)")
        #expect(try server.count("flaky") == 6, "one request per attempt")
        #expect(try Self.snapshots(db)["flaky"]?.count == 3)
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("HTTP 503: warming up") }.count == 3)
    }

    @Test func tokensTravelInHeadersAndNowhereElse() throws {
        let token = "tok-\(UUID().uuidString)"
        let server = try LeakGen.Server(["faults", "-token", token])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let denied = try CLIRunner.run(["collect", "--db", db, "--once", "faults/auth=\(server.base)/auth"], environment: Self.noProxy)
        #expect(denied.status == 7 && denied.stderr.contains("HTTP 401: unauthorized"))
        let headers = dir.appendingPathComponent("headers.txt")
        try Data("# pprof token\nAuthorization: Bearer \(token)\n".utf8).write(to: headers)
        let r = try CLIRunner.run(["collect", "--db", db, "--once", "--header-file", headers.path, "faults/auth=\(server.base)/auth"],
                                  environment: Self.noProxy)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try server.headers("auth")?["Authorization"] == ["Bearer \(token)"])
        #expect(!r.stdout.contains(token) && !r.stderr.contains(token))
        _ = try CLIRunner.run(["snapshots", "--db", db])  // checkpoints nothing, but reads the store
        for file in [db, db + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is not stored in \(file)")
        }
    }

    @Test func tlsWithACustomCAAndAClientCertificate() throws {
        let tlsDir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tlsDir) }
        let server = try LeakGen.Server(["faults", "-tls-dir", tlsDir.path], expecting: ["ready", "ready-tls"])
        defer { server.stop() }
        let db = tlsDir.appendingPathComponent("c.sqlite").path
        let target = "tls/ok=\(server.ready["ready-tls"]!)/ok"
        func pem(_ name: String) -> String { tlsDir.appendingPathComponent(name).path }
        let ok = try CLIRunner.run(["collect", "--db", db, "--once", "--ca", pem("ca.pem"), "--cert", pem("client.pem"),
                                    "--key", pem("client-key.pem"), target], environment: Self.noProxy)
        #expect(ok.status == 0, "\(ok.stderr)")
        let noCert = try CLIRunner.run(["collect", "--db", db, "--once", "--ca", pem("ca.pem"), target], environment: Self.noProxy)
        #expect(noCert.status == 7 && noCert.stderr.contains("client certificate (--cert, --key)"), "\(noCert.stderr)")
        let noCA = try CLIRunner.run(["collect", "--db", db, "--once", target], environment: Self.noProxy)
        #expect(noCA.status == 7 && noCA.stderr.contains("not trusted (give its CA with --ca)"), "\(noCA.stderr)")
        let halfPair = try CLIRunner.run(["collect", "--db", db, "--once", "--cert", pem("client.pem"), target])
        #expect(halfPair.status == 2 && halfPair.stderr.contains("--cert and --key go together"))
        // A file that is there on either backend (in the PostgreSQL pass the store is no file).
        let text = CLIRunner.packageRoot.appendingPathComponent("Package.swift").path
        let notPEM = try CLIRunner.run(["collect", "--db", db, "--once", "--ca", text, target])
        #expect(notPEM.status == 2 && notPEM.stderr.contains("--ca \(text) is not a PEM file"), "\(notPEM.stderr)")
        #expect(try Self.snapshots(db)["ok"]?.count == 1)
    }

    @Test func proxiesComeFromTheEnvironment() throws {
        let tlsDir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tlsDir) }
        let server = try LeakGen.Server(["faults", "-proxy", "-tls-dir", tlsDir.path], expecting: ["ready", "ready-tls", "ready-proxy"])
        defer { server.stop() }
        let db = tlsDir.appendingPathComponent("c.sqlite").path
        let proxy = server.ready["ready-proxy"]!
        func proxied() throws -> Int { try server.count("proxy") }
        let via = try CLIRunner.run(["collect", "--db", db, "--once", "p/a=\(server.base)/ok"],
                                    environment: ["http_proxy": proxy, "https_proxy": "", "no_proxy": ""])
        #expect(via.status == 0, "\(via.stderr)")
        #expect(try proxied() == 1, "the http target went through http_proxy")
        let direct = try CLIRunner.run(["collect", "--db", db, "--once", "p/b=\(server.base)/ok"],
                                       environment: ["http_proxy": proxy, "no_proxy": "127.0.0.1"])
        #expect(direct.status == 0)
        #expect(try proxied() == 1, "no_proxy named the host")
        let pem = { (name: String) in tlsDir.appendingPathComponent(name).path }
        let tls = try CLIRunner.run(["collect", "--db", db, "--once", "--ca", pem("ca.pem"), "--cert", pem("client.pem"), "--key", pem("client-key.pem"),
                                     "p/c=\(server.ready["ready-tls"]!)/ok"], environment: ["https_proxy": proxy, "http_proxy": "", "no_proxy": ""])
        #expect(tls.status == 0, "\(tls.stderr)")
        #expect(try proxied() == 2, "the https target was tunnelled through https_proxy")
        let bad = try CLIRunner.run(["collect", "--db", db, "--once", "p/d=\(server.base)/ok"], environment: ["http_proxy": "ftp://proxy:21"])
        #expect(bad.status == 2 && bad.stderr.contains("http_proxy is not a proxy leaktrail can use"))
    }

    static let usageCases: [([String], String)] = [
        ([], "give at least one target"),
        (["--every", "soon", "http://127.0.0.1:1"], "--every soon is not a duration"),
        (["--for", "1m", "--count", "2", "http://127.0.0.1:1"], "give one of --for, --count and --once"),
        (["--capture", "heap", "http://127.0.0.1:1"], "--capture heap is not one of: debug2, debug1, proto, goroutineleak"),
        (["--format", "yaml", "http://127.0.0.1:1"], "--format yaml is not one of: text, json"),
        (["127.0.0.1:6060"], "is not a URL"),
        (["http://user:pw@127.0.0.1:1"], "put them in a --header-file"),
        (["a/b=http://127.0.0.1:1", "a/b=http://127.0.0.1:2"], "would both write a/b"),
        (["--targets", "/nonexistent/targets.json"], "cannot read the targets file /nonexistent/targets.json"),
        (["--header-file", "/nonexistent/h", "http://127.0.0.1:1"], "cannot read header file /nonexistent/h"),
    ]

    @Test(arguments: usageCases) func usageErrorsExitTwoAndSayWhatToFix(args: [String], message: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let r = try CLIRunner.run(["collect", "--db", db] + args)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("leaktrail: error: ") && r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "a usage error touches no store")
    }

    @Test func storeProblemsExitThreeAndNoCaptureExitsSeven() throws {
        let server = try LeakGen.Server(["faults"])
        defer { server.stop() }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try CLIRunner.run(["collect", "--db", "/nonexistent/dir/c.sqlite", "--once", "f/ok=\(server.base)/ok"])
        #expect(missing.status == 3 && missing.stderr.contains("/nonexistent/dir"), "\(missing.stderr)")
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let archive = try CLIRunner.run(["collect", "--db", dir.appendingPathComponent("c.sqlite").path, "--once",
                                         "--archive", file.appendingPathComponent("arch").path, "f/ok=\(server.base)/ok"])
        #expect(archive.status == 3, "\(archive.stderr)")
        let down = try CLIRunner.run(["collect", "--db", dir.appendingPathComponent("c.sqlite").path, "--once", "--format", "json",
                                      "f/down=http://127.0.0.1:1/"], environment: Self.noProxy)
        #expect(down.status == 7)
        #expect(try Self.summary(down).target("down")?.last_error == "cannot connect: connection refused")
    }
}
