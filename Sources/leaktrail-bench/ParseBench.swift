import Foundation
import LeakTrailKit

/// Parse speed and memory on two real dumps of Go 1.27 processes (``BenchInput``): 450,001
/// shallow goroutines in 199.4 MB and 100,001 deep ones in 290.6 MB.
///
/// 1. Whole processes, as a user meets them: `leaktrail parse --format json FILE` against
///    `md5sum FILE` in alternating runs (`--runs`, default 7), medians, their ratio and the
///    peak RSS. Targets: ≤ 1.0× md5sum on the shallow dump, ≤ 0.6× on the deep one, ≤ 32 MB.
/// 2. Start-up: `leaktrail parse` of a one-goroutine dump against `md5sum` of it (target ≤ 4 ms).
/// 3. In process: parse + signatures + grouping on one thread and on every core, and a check
///    that both read the same goroutines into the same groups.
func runParseBench(_ args: [String]) {
    let runs = Int(BenchArgs.value("--runs", in: args) ?? "") ?? 7
    let binary = BenchBinary.leaktrail
    let linking = BenchBinary.linksSwiftRuntimeDynamically(binary) ? "Swift runtime in shared libraries, slower to start than the Linux release build of Package.swift" : "Swift runtime linked in"
    print("parse: \(binary) (\(linking)), \(ParseOptions.defaultThreads) threads; load average \(BenchMachine.loadAverage)")
    let inputs = [("shallow", BenchInput.shallowDump(), 1.0), ("deep", BenchInput.bigDump(), 0.6)]
    for case let (name, path?, target) in inputs {
        let mb = Double(BenchInput.fileSize(path)) / 1e6
        let r = AgainstMD5.measure([binary, "parse", "--format", "json", path], file: path, runs: runs)
        print(String(format: "parse: %@ dump (%.1f MB), whole process: median %.3f s, md5sum %.3f s → %.2f× md5sum (target ≤ %.1f×), %.0f MB/s, peak RSS %d MB (target ≤ 32 MB)%@",
                     name, mb, r.median, r.md5Median, r.ratio, target, mb / r.median, r.peakRSSMB, r.failures > 0 ? ", \(r.failures) runs FAILED" : ""))
    }
    startup(binary, runs: max(runs * 15, 100))
    for case let (name, path?, _) in inputs { inProcess(name, path, runs: max(runs / 2, 3)) }
}

/// One parse + grouping of FILE on THREADS threads (default: one per core), for profilers.
func parseOnce(_ args: [String]) {
    guard let path = args.first else { return print("usage: leaktrail-bench parse-once FILE [THREADS]") }
    let threads = args.dropFirst().first.flatMap { Int($0) } ?? ParseOptions.defaultThreads
    var grouper = SnapshotGrouper(level: .line)
    let t = BenchClock.seconds { _ = try? DumpReader.read(path: path, options: ParseOptions(threads: threads), into: &grouper) }
    print(String(format: "parse-once: %.3f s, %d threads, %d goroutines, peak RSS %d MB", t, threads,
                 grouper.results.reduce(0) { $0 + $1.goroutineCount }, BenchMemory.peakRSSMegabytes()))
}

/// Whole-process time of `leaktrail parse` on the smallest dump: what every call pays.
private func startup(_ binary: String, runs: Int) {
    let path = "\(BenchInput.directory)/one-goroutine.txt"
    try? FileManager.default.createDirectory(atPath: BenchInput.directory, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data("goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1d\n".utf8))
    let r = AgainstMD5.measure([binary, "parse", path], file: path, runs: runs)
    print(String(format: "parse: start-up, one-goroutine dump: median %.1f ms, md5sum %.1f ms (%d runs; target ≤ 4 ms)",
                 r.median * 1000, r.md5Median * 1000, runs))
}

/// Parse + signatures + grouping in this process, on one thread and on every core; the two
/// must agree on every snapshot's goroutines and groups.
private func inProcess(_ name: String, _ path: String, runs: Int) {
    let mb = Double(BenchInput.fileSize(path)) / 1e6
    var results: [[SnapshotGrouper.Result]] = []
    for threads in [1, ParseOptions.defaultThreads] {
        var last: [SnapshotGrouper.Result] = []
        let times = (0..<runs).map { _ in
            var grouper = SnapshotGrouper(level: .line)
            let t = BenchClock.seconds { _ = try? DumpReader.read(path: path, options: ParseOptions(threads: threads), into: &grouper) }
            last = grouper.results
            return t
        }
        results.append(last)
        let median = AgainstMD5.median(times)
        let goroutines = last.reduce(0) { $0 + $1.goroutineCount }
        print(String(format: "parse: %@ dump in process, %d thread%@: median %.3f s — %.0f MB/s, %.0f k goroutines/s (%d goroutines, %d groups)",
                     name, threads, threads == 1 ? "" : "s", median, mb / median, Double(goroutines) / median / 1e3,
                     goroutines, last.reduce(0) { $0 + $1.groups.count }))
    }
    // What `leaktrail parse --format json` would print for each.
    let documents = results.map { try? JSONOutput.encode(ParseReport(snapshots: $0.map { ParseReport.SnapshotGroups(source: path, result: $0) })) }
    let same = documents[0] != nil && documents[0] == documents[1]
    print("parse: \(name) dump: one thread and every core \(same ? "agree" : "DISAGREE") on snapshots, issues and groups")
}

/// Counts what a parser hands over, and nothing else: the cost of parsing alone.
struct CountingSink: DumpSink {
    var goroutines = 0
    var snapshots = 0
    var checksum: UInt64 = 0
    mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) { snapshots += 1 }
    mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) {
        goroutines += 1
        checksum &+= signatures.line.value
    }
    mutating func record(_ r: ProfileRecord, signatures: StackSignatures) { goroutines += r.count }
    mutating func issue(_ issue: ParseIssue) {}
    mutating func endSnapshot(declaredTotal: Int?) {}
}

enum BenchArgs {
    static func value(_ name: String, in args: [String]) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
}

enum BenchClock {
    static func seconds(_ body: () -> Void) -> Double {
        timed(body).seconds
    }

    /// CPU seconds this process has used, all threads together.
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// What `body` returned and how long it took (monotonic clock).
    static func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

enum BenchMachine {
    /// The 1-minute load average, to say how busy the machine was during a figure.
    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }
}

enum BenchMemory {
    /// Peak resident set size of this process (VmHWM), in MB.
    static func peakRSSMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kb / 1024
    }
}

/// Builds benchmark inputs from the committed real dumps, once, under /tmp.
enum BenchInput {
    static let directory = "/tmp/leaktrail-bench"

    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// `SampleTraces/bench/bigdump-go1.27.3.txt.xz`: 100,001 deep goroutines, 290.6 MB.
    static func bigDump() -> String? { decompressed("bigdump-go1.27.3.txt") }

    /// `SampleTraces/bench/shallow-go1.27.3.txt.xz`: 450,001 goroutines of 2–5 frames, 199.4 MB.
    static func shallowDump() -> String? { decompressed("shallow-go1.27.3.txt") }

    /// `SampleTraces/bench/NAME.xz`, decompressed once with `xz` into ``directory``; nil when
    /// `xz` is missing.
    static func decompressed(_ name: String) -> String? {
        let path = "\(directory)/\(name)"
        if fileSize(path) > 0 { return path }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let xz = Process()
        xz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        xz.arguments = ["sh", "-c", "xz -dc '\(packageRoot)/SampleTraces/bench/\(name).xz' > '\(path).tmp' && mv '\(path).tmp' '\(path)'"]
        guard (try? xz.run()) != nil else { return nil }
        xz.waitUntilExit()
        return xz.terminationStatus == 0 ? path : nil
    }

    /// The committed traceback dumps that start with a goroutine header (debug=2 and
    /// runtime.Stack captures of real processes).
    static func tracebackSources() -> [String] {
        let root = packageRoot + "/SampleTraces"
        let all = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).sorted()
        return all.map { root + "/" + $0 }.filter { path in
            guard path.hasSuffix(".txt"), !path.contains("debug1"),
                  let h = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? h.close() }
            return (try? h.read(upToCount: 10)).map { $0.starts(with: Array("goroutine ".utf8)) } ?? false
        }
    }

    /// Appends copies of `sources`, each with its ids shifted by `offset(copy)`, until at
    /// least `bytes` are written.
    static func writeCopies(of sources: [Data], to out: FileHandle, atLeast bytes: Int, offset: (Int) -> Int) {
        var written = 0
        var copy = 0
        while written < bytes {
            for dump in sources where written < bytes {
                let shifted = shiftIDs(dump, by: offset(copy))
                out.write(shifted)
                out.write(Data("\n".utf8))
                written += shifted.count + 1
                copy += 1
            }
        }
    }

    /// Rewrites `goroutine N ` at line starts to `goroutine N+offset `.
    static func shiftIDs(_ dump: Data, by offset: Int) -> Data {
        var out = Data()
        out.reserveCapacity(dump.count + dump.count / 20)
        let prefix = Array("goroutine ".utf8)
        for line in dump.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: prefix) {
                let digits = line.dropFirst(prefix.count).prefix { $0 >= 0x30 && $0 <= 0x39 }
                if let id = Int(String(decoding: digits, as: UTF8.self)) {
                    out.append(contentsOf: prefix)
                    out.append(contentsOf: Array(String(id + offset).utf8))
                    out.append(contentsOf: line.dropFirst(prefix.count + digits.count))
                    out.append(0x0A)
                    continue
                }
            }
            out.append(contentsOf: line)
            out.append(0x0A)
        }
        if !dump.isEmpty { out.removeLast() }
        return out
    }
}
