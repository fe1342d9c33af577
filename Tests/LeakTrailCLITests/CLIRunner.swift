import Foundation
import LeakTrailTestSupport

/// Runs the built `leaktrail` executable the way a user does, for tests of exit codes and of
/// what lands on stdout and stderr. Output goes through temporary files, so a chatty command
/// can never fill a pipe and hang the test.
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `leaktrail` binary beside the test bundle (`.build/debug/`), else under the package.
    static var executable: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leaktrail"),
            Bundle.main.bundleURL.appendingPathComponent("leaktrail"),
            packageRoot.appendingPathComponent(".build/debug/leaktrail"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Runs `leaktrail args…` to completion. `environment` is added to this process's own,
    /// without `LEAKTRAIL_DB` unless given, so tests never touch a user's store, and without
    /// `COLUMNS` unless given, so that tables are as wide as a pipe gets them.
    static func run(_ args: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    in directory: URL? = nil) throws -> Result {
        let running = try start(args, environment: environment, stdin: stdin, in: directory)
        running.process.waitUntilExit()
        return running.result()
    }

    /// A started `leaktrail`, for tests that run two at once or kill one.
    struct Running {
        var process: Process
        var stdoutURL: URL
        var stderrURL: URL
        /// PostgreSQL addresses to print as the store paths the test gave (see ``TestBackend``).
        var replacements: [(String, String)] = []

        func result() -> Result {
            defer {
                try? FileManager.default.removeItem(at: stdoutURL)
                try? FileManager.default.removeItem(at: stderrURL)
            }
            var out = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
            var err = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            for (address, path) in replacements {
                out = out.replacingOccurrences(of: address, with: path)
                err = err.replacingOccurrences(of: address, with: path)
            }
            return Result(status: process.terminationStatus, stdout: out, stderr: err)
        }
    }

    static func start(_ args: [String], environment: [String: String] = [:], stdin: Data? = nil,
                      in directory: URL? = nil) throws -> Running {
        let (args, environment, replacements) = try TestBackend.translate(args, environment)
        let tmp = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let outURL = tmp.appendingPathComponent("leaktrail-cli-\(id).out")
        let errURL = tmp.appendingPathComponent("leaktrail-cli-\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["LEAKTRAIL_DB"] = nil
        env["COLUMNS"] = nil
        env.merge(environment) { $1 }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let pipe = Pipe()
            p.standardInput = pipe
            try p.run()
            pipe.fileHandleForWriting.write(stdin)
            try pipe.fileHandleForWriting.close()
        } else {
            p.standardInput = FileHandle.nullDevice
            try p.run()
        }
        return Running(process: p, stdoutURL: outURL, stderrURL: errURL, replacements: replacements)
    }

    /// `"key":N` from a JSON summary; -1 when the key is missing.
    static func number(_ key: String, in json: String) -> Int {
        guard let r = json.range(of: "\"\(key)\":") else { return -1 }
        return Int(json[r.upperBound...].prefix { $0.isNumber }) ?? -1
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL { try ScratchDirectory.make("leaktrail-cli") }
}
