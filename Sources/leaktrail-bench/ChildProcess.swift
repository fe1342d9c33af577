import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times whole processes the way a user meets them — start-up, reading, parsing, output —
/// with `posix_spawn` and `wait4`, which also gives the child's peak RSS. Standard output and
/// error go to /dev/null.
struct ChildRun {
    var seconds: Double
    var peakRSSKB: Int
    var status: Int32

    static func run(_ arguments: [String]) -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else {
            return ChildRun(seconds: 0, peakRSSKB: 0, status: -1)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return ChildRun(seconds: seconds, peakRSSKB: usage.ru_maxrss, status: (status >> 8) & 0xFF)
    }
}

/// A command timed against `md5sum` of the same file, in alternating runs, so that both see
/// the same machine: absolute times here swing by ±20% from minute to minute, their ratio much
/// less.
struct AgainstMD5 {
    var median: Double
    var md5Median: Double
    var peakRSSMB: Int
    var failures: Int
    var ratio: Double { median / md5Median }

    /// `before` runs ahead of each run of `command`, untimed (to remove a store, say).
    static func measure(_ command: [String], file: String, runs: Int, before: () -> Void = {}) -> AgainstMD5 {
        before()
        _ = ChildRun.run(command)  // warm the page cache and the binary
        var times: [Double] = []
        var md5: [Double] = []
        var rss = 0
        var failures = 0
        for _ in 0..<runs {
            md5.append(ChildRun.run(["md5sum", file]).seconds)
            before()
            let r = ChildRun.run(command)
            times.append(r.seconds)
            rss = max(rss, r.peakRSSKB)
            if r.status != 0 { failures += 1 }
        }
        return AgainstMD5(median: median(times), md5Median: median(md5), peakRSSMB: rss / 1024, failures: failures)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

enum BenchBinary {
    /// Whether `path` loads the Swift runtime from a shared library (built without
    /// `--static-swift-stdlib`): such a binary pays for loading it at every start.
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
