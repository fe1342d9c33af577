import Foundation
import LeakTrailKit

/// Parse speed and memory on a large real dump: real traceback dumps from `SampleTraces/`
/// concatenated (goroutine ids made distinct, so it reads as one process) to at least
/// `--mb` megabytes (default 200). Prints MB/s and goroutines/s for parse + signatures
/// (a sink that only counts) and for parse + signatures + grouping, and the peak RSS.
func runParseBench(_ args: [String]) {
    let megabytes = Int(BenchArgs.value("--mb", in: args) ?? "") ?? 200
    let runs = Int(BenchArgs.value("--runs", in: args) ?? "") ?? 5
    if let big = BenchInput.bigDump() {
        measure(big, what: "one real Go 1.27 runtime.Stack dump of 100,001 goroutines, deep stacks", runs: runs)
        print("parse: peak RSS after parsing it: \(BenchMemory.peakRSSMegabytes()) MB (VmHWM: the whole bench process)")
    }
    measure(BenchInput.largeTraceback(megabytes: megabytes),
            what: "SampleTraces dumps concatenated, ids made distinct: short stacks", runs: runs)
    print("parse: peak RSS \(BenchMemory.peakRSSMegabytes()) MB (VmHWM, whole process)")
}

/// Times one input: parse + signatures (a sink that only counts), then with grouping too.
private func measure(_ input: String, what: String, runs: Int) {
    let size = Double(BenchInput.fileSize(input))
    print("parse: input \(input) (\(String(format: "%.1f", size / 1e6)) MB; \(what))")
    var counted = CountingSink()
    // One untimed pass first, so that every timed run reads from the page cache: the figure
    // is the parser's, not the disk's.
    _ = try? DumpReader.read(path: input, into: &counted)
    let countTimes = (0..<runs).map { _ in
        counted = CountingSink()
        return BenchClock.seconds { _ = try? DumpReader.read(path: input, into: &counted) }
    }
    report("parse + signatures", seconds: countTimes, bytes: size, goroutines: counted.goroutines)
    var groups = 0
    let groupTimes = (0..<runs).map { _ in
        var grouper = SnapshotGrouper(level: .line)
        let t = BenchClock.seconds { _ = try? DumpReader.read(path: input, into: &grouper) }
        groups = grouper.results.reduce(0) { $0 + $1.groups.count }
        return t
    }
    report("parse + signatures + grouping (\(groups) groups)", seconds: groupTimes, bytes: size, goroutines: counted.goroutines)
}

private func report(_ what: String, seconds: [Double], bytes: Double, goroutines: Int) {
    let best = seconds.min() ?? 0
    let median = seconds.sorted()[seconds.count / 2]
    print(String(format: "parse: %@: median %.3f s, best %.3f s — %.0f MB/s, %.0f k goroutines/s (%d goroutines, %d runs)",
                 what, median, best, bytes / 1e6 / median, Double(goroutines) / median / 1e3, goroutines, seconds.count))
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

    /// What `body` returned and how long it took (monotonic clock).
    static func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
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

    /// `SampleTraces/bench/bigdump-go1.27.3.txt.xz`, decompressed once with `xz`; nil when
    /// `xz` is missing.
    static func bigDump() -> String? {
        let path = "\(directory)/bigdump-go1.27.3.txt"
        if fileSize(path) > 0 { return path }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let xz = Process()
        xz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        xz.arguments = ["sh", "-c", "xz -dc '\(packageRoot)/SampleTraces/bench/bigdump-go1.27.3.txt.xz' > '\(path).tmp' && mv '\(path).tmp' '\(path)'"]
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

    /// One large traceback made of real dumps, each copy's goroutine ids shifted so that the
    /// whole file reads as one snapshot of a large process.
    static func largeTraceback(megabytes: Int) -> String {
        let path = "\(directory)/traceback-\(megabytes)MB.txt"
        if fileSize(path) >= megabytes * 1_000_000 { return path }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let out = FileHandle(forWritingAtPath: path)!
        let sources = tracebackSources().compactMap { FileManager.default.contents(atPath: $0) }
        precondition(!sources.isEmpty, "no traceback dumps under SampleTraces")
        writeCopies(of: sources, to: out, atLeast: megabytes * 1_000_000) { $0 * 100_000 }
        try? out.close()
        return path
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
