import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times whole processes the way a user meets them — start-up, reading, parsing, output —
/// with `posix_spawn` and `wait4`. Standard input reads /dev/null; standard output and error
/// go to /dev/null unless files are named for them.
struct ChildRun {
    var seconds: Double
    /// The exit status; 128 + the signal for a child killed by one (as a shell says it);
    /// -1 when it could not start.
    var status: Int32

    static func run(_ arguments: [String], output: String = "/dev/null", errors: String = "/dev/null") -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else {
            return ChildRun(seconds: 0, status: -1)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let signal = status & 0x7F
        return ChildRun(seconds: seconds, status: signal != 0 ? 128 + signal : (status >> 8) & 0xFF)
    }

    /// The peak RSS of one run of `arguments`, in MB, through GNU time (nil without it).
    /// Not from `wait4` of a child spawned here: Linux carries the peak across `execve`, and
    /// `posix_spawn` children start in this process's memory, so they would report the
    /// benchmark's own peak; `time` forks a fresh process first.
    static func peakRSSMegabytes(_ arguments: [String]) -> Int? {
        let out = "\(BenchInput.directory)/peak-rss.txt"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time"),
              run(["/usr/bin/time", "-f", "%M", "-o", out] + arguments).status == 0,
              let text = try? String(contentsOfFile: out, encoding: .utf8),
              let kb = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") else { return nil }
        return kb / 1024
    }
}

/// A command timed against `md5sum` of the same file, in alternating runs, so that both see
/// the same machine: absolute times here swing by ±20% from minute to minute, their ratio much
/// less.
struct AgainstMD5 {
    var median: Double
    var md5Median: Double
    /// From one more run (see ``ChildRun/peakRSSMegabytes(_:)``); -1 when unknown.
    var peakRSSMB: Int
    var failures: Int
    var ratio: Double { median / md5Median }

    /// `before` runs ahead of each run of `command`, untimed (to remove a store, say).
    static func measure(_ command: [String], file: String, runs: Int, before: () -> Void = {}) -> AgainstMD5 {
        before()
        _ = ChildRun.run(command)  // warm the page cache and the binary
        var times: [Double] = []
        var md5: [Double] = []
        var failures = 0
        for _ in 0..<runs {
            md5.append(ChildRun.run(["md5sum", file]).seconds)
            before()
            let r = ChildRun.run(command)
            times.append(r.seconds)
            if r.status != 0 { failures += 1 }
        }
        before()
        let rss = ChildRun.peakRSSMegabytes(command) ?? -1
        return AgainstMD5(median: median(times), md5Median: median(md5), peakRSSMB: rss, failures: failures)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

enum BenchBinary {
    /// Whether `path` loads the Swift runtime from a shared library (not linked with
    /// `-static-stdlib`, as Package.swift links a Linux release build): such a binary pays
    /// for loading it at every start.
    static func linksSwiftRuntimeDynamically(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.range(of: Data("libswiftCore.so".utf8)) != nil
    }

    /// The `leaktrail` built beside this benchmark (same configuration and flags).
    static var leaktrail: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("leaktrail").path
    }
}
