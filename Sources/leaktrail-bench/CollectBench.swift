import Dispatch
import Foundation
import LeakTrailKit

/// `collect` at scale: N targets (default 1,000) served by one local fake — the generator's
/// `faults` mode answering every `/fixed/…` path with the same real 85 KB `?debug=2` dump, as
/// fast as Go's net/http can — collected into a fresh store: first at `--every` (default 10 s)
/// for `--for` seconds (default 60), then at full speed (every 1 s, more than this machine
/// can serve, for `--full-speed-for` seconds, default 30) to find the ceiling. Prints captures per second, CPU time, peak RSS
/// (VmHWM, reset between the two runs) and the store's size. The fake needs Go: `--leakgen
/// PATH`, else `go` on the PATH builds it.
func runCollectBench(_ args: [String]) {
    let targets = Int(BenchArgs.value("--targets", in: args) ?? "") ?? 1000
    let every = Double(BenchArgs.value("--every", in: args) ?? "") ?? 10
    let seconds = Double(BenchArgs.value("--for", in: args) ?? "") ?? 60
    let fullSpeedSeconds = Double(BenchArgs.value("--full-speed-for", in: args) ?? "") ?? 30
    let dump = BenchArgs.value("--dump", in: args)
        ?? BenchInput.packageRoot + "/SampleTraces/series/orders-api/inst-a/goroutine-20261127T163124Z.txt"
    guard let leakgen = BenchArgs.value("--leakgen", in: args) ?? CollectBenchFake.build() else {
        print("collect: skipped: no Go toolchain to build the fake (give --leakgen PATH)")
        return
    }
    guard let fake = CollectBenchFake(leakgen: leakgen, dump: dump) else {
        print("collect: skipped: the fake server did not start")
        return
    }
    defer { fake.stop() }
    print("collect: \(targets) targets on \(fake.base), each answering \(BenchInput.fileSize(dump)) bytes (\(dump.split(separator: "/").last ?? ""))")
    collectOnce(targets: targets, every: every, seconds: seconds, base: fake.base)
    collectOnce(targets: targets, every: 1, seconds: fullSpeedSeconds, base: fake.base)
}

private func collectOnce(targets count: Int, every: Double, seconds: Double, base: String) {
    let path = "\(BenchInput.directory)/collect-bench.sqlite"
    try? FileManager.default.createDirectory(atPath: BenchInput.directory, withIntermediateDirectories: true)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)  // resets VmHWM
    do {
        let store = try LeakStore(path: path)
        let targets = (0..<count).map { i in
            CollectTarget(service: "bench", instance: String(format: "t%04d", i), url: URL(string: "\(base)/fixed/\(i)")!)
        }
        var options = CollectOptions()
        (options.every, options.limit) = (every, .duration(seconds))
        let cpu = BenchCPU.seconds()
        let collector = Collector(store: store, targets: TargetSource(fixed: targets, file: nil, defaultService: "bench"), options: options)
        let summary = try BenchAsync.wait { try await collector.run() }
        let used = BenchCPU.seconds() - cpu
        print(String(format: "collect: every %.0f s for %.0f s: %d captures, %.1f captures/s (%.1f asked for), %d failed, CPU %.1f s (%.0f%% of one core), peak RSS %d MB, store %.0f MB",
                     every, seconds, summary.captures, Double(summary.captures) / summary.seconds, Double(count) / every,
                     summary.failures, used, 100 * used / summary.seconds, BenchMemory.peakRSSMegabytes(),
                     Double(store.fileBytes()) / 1e6))
    } catch {
        print("collect: every \(every) s: failed: \(error)")
    }
}

/// `leakgen faults -dump FILE` on a loopback port, for as long as the benchmark runs.
private final class CollectBenchFake {
    let process = Process()
    let base: String

    init?(leakgen: String, dump: String) {
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: leakgen)
        process.arguments = ["faults", "-dump", dump]
        process.standardOutput = out
        guard (try? process.run()) != nil else { return nil }
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready ") else { return nil }
        base = line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// Builds the generator with `go` from the PATH into the benchmark's directory.
    static func build() -> String? {
        let out = "\(BenchInput.directory)/leakgen"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["go", "build", "-o", out, "."]
        p.currentDirectoryURL = URL(fileURLWithPath: BenchInput.packageRoot + "/SampleTraces/generator")
        var env = ProcessInfo.processInfo.environment
        (env["GOFLAGS"], env["GOPROXY"], env["CGO_ENABLED"]) = ("-mod=mod", "off", "0")
        p.environment = env
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? out : nil
    }
}

/// This process's user + system CPU time.
enum BenchCPU {
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// Runs async work to its end from the benchmark's synchronous top level.
enum BenchAsync {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        Task {
            do { result = .success(try await body()) } catch { result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try result!.get()
    }
}
