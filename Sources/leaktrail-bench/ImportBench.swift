import Foundation
import LeakTrailKit

/// Import speed and memory, end to end (read, parse, store), and `top` latency on a store of
/// 1,000 snapshots. Inputs are real dumps from `SampleTraces/` concatenated with shifted ids
/// (see ``BenchInput``): one large file (one parser thread) and the same bytes as several
/// files (parsed in parallel). Options: `--mb N` (input size, default 200), `--files N`
/// (default 8), `--snapshots N` and `--goroutines N` for the `top` store (1000 × 20000).
func runImportBench(_ args: [String]) {
    let megabytes = Int(BenchArgs.value("--mb", in: args) ?? "") ?? 200
    let fileCount = Int(BenchArgs.value("--files", in: args) ?? "") ?? 8
    let snapshots = Int(BenchArgs.value("--snapshots", in: args) ?? "") ?? 1000
    let goroutines = Int(BenchArgs.value("--goroutines", in: args) ?? "") ?? 20000
    let runs = Int(BenchArgs.value("--runs", in: args) ?? "") ?? 5
    print("import: load average \(BenchMachine.loadAverage)")
    for case let (name, path?) in [("shallow", BenchInput.shallowDump()), ("deep", BenchInput.bigDump())] {
        wholeProcess(name, path, runs: runs)
    }
    let big = ImportBenchInput.series(megabytes: megabytes, files: 1) + "/goroutine-1795792044.txt"
    breakdown(big)
    importOnce("one \(megabytes) MB file", paths: [big])
    importOnce("\(fileCount) files of \(megabytes / fileCount) MB", paths: [ImportBenchInput.series(megabytes: megabytes, files: fileCount)])
    topLatency(snapshots: snapshots, goroutines: goroutines)
    print("import: peak RSS \(BenchMemory.peakRSSMegabytes()) MB (VmHWM, whole process, all of the above)")
}

/// The two stages of importing FILE into a new store, for profilers: parsing into a batch,
/// then one commit; wall time and this process's CPU time of each.
func importOnce(_ args: [String]) {
    guard let path = args.first else { return print("usage: leaktrail-bench import-once FILE") }
    let db = "\(BenchInput.directory)/import-once.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    guard let store = try? LeakStore(path: db) else { return print("import-once: cannot create \(db)") }
    let (cpu0, t0) = (BenchClock.processCPU(), DispatchTime.now().uptimeNanoseconds)
    guard let batch = try? ImportBenchInput.parse(path) else { return print("import-once: cannot parse \(path)") }
    let (cpu1, t1) = (BenchClock.processCPU(), DispatchTime.now().uptimeNanoseconds)
    _ = try? store.commit(batch)
    let (cpu2, t2) = (BenchClock.processCPU(), DispatchTime.now().uptimeNanoseconds)
    print(String(format: "import-once: parse %.3f s (CPU %.3f s), commit %.3f s (CPU %.3f s), %d goroutines, peak RSS %d MB",
                 Double(t1 - t0) / 1e9, cpu1 - cpu0, Double(t2 - t1) / 1e9, cpu2 - cpu1,
                 batch.snapshots.reduce(0) { $0 + $1.goroutineTotal }, BenchMemory.peakRSSMegabytes()))
}

/// `leaktrail import` of one big dump into a new store, as a user runs it, against `md5sum`
/// of the same file. Targets on the shallow dump: ≤ 1.5× md5sum, ≤ 64 MB peak RSS.
private func wholeProcess(_ name: String, _ path: String, runs: Int) {
    let db = "\(BenchInput.directory)/import-whole.sqlite"
    let removeStore = { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
    let mb = Double(BenchInput.fileSize(path)) / 1e6
    let r = AgainstMD5.measure([BenchBinary.leaktrail, "import", "--db", db, "--instance", "bench", path], file: path, runs: runs, before: removeStore)
    print(String(format: "import: %@ dump (%.1f MB), whole process into a new store: median %.3f s, md5sum %.3f s → %.2f× md5sum (target ≤ 1.5× on the shallow dump), %.0f MB/s, peak RSS %d MB (target ≤ 64 MB)%@",
                 name, mb, r.median, r.md5Median, r.ratio, mb / r.median, r.peakRSSMB, r.failures > 0 ? ", \(r.failures) runs FAILED" : ""))
    removeStore()
}

/// Where the time of one file goes: parsing into the batching sink (no hashing), then the
/// same with the content hash, then one commit of the batch.
private func breakdown(_ path: String) {
    var sink = BatchingSink()
    let parse = BenchClock.seconds { _ = try? DumpReader.read(path: path, into: &sink) }
    var counting = CountingSink()
    let parseOnly = BenchClock.seconds { _ = try? DumpReader.read(path: path, into: &counting) }
    let dbPath = "\(BenchInput.directory)/breakdown.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
    var batch: FileBatch?
    let parseHash = BenchClock.seconds {
        batch = try? ImportBenchInput.parse(path)
    }
    var commit = 0.0
    if let batch, let store = try? LeakStore(path: dbPath) {
        commit = BenchClock.seconds { _ = try? store.commit(batch) }
    }
    print(String(format: "import: breakdown: parse only %.2f s, parse + BatchingSink %.2f s, + hash and time (InputParser) %.2f s, commit %.2f s",
                 parseOnly, parse, parseHash, commit))
}

private func importOnce(_ what: String, paths: [String]) {
    let dbPath = "\(BenchInput.directory)/import-bench.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
    do {
        let store = try LeakStore(path: dbPath)
        let summary = try Importer(store: store).run(paths)
        try store.checkpoint()
        let rows = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM goroutines) + (SELECT COUNT(*) FROM snapshot_stacks) + (SELECT COUNT(*) FROM snapshots) + (SELECT COUNT(*) FROM stacks)") ?? 0
        }
        let g = Double(summary.goroutines)
        print(String(format: "import: %@: %.2f s — %.0f MB/s, %.0f k goroutines/s, %.0f k rows/s, %.1f store bytes/goroutine (%d snapshots, %d goroutines, %d rows, %d failed)",
                     what, summary.seconds, summary.megabytesPerSecond, g / summary.seconds / 1e3,
                     Double(rows) / summary.seconds / 1e3, Double(store.fileBytes()) / max(g, 1),
                     summary.snapshots, summary.goroutines, rows, summary.failures.count))
        print("import: peak RSS so far \(BenchMemory.peakRSSMegabytes()) MB")
    } catch {
        print("import: \(what): failed: \(error)")
    }
}

/// Builds a store of `snapshots` × `goroutines` synthetic rows (300 signatures per snapshot,
/// a few of them growing) straight through ``LeakStore/commit(_:)``, then times `top`.
private func topLatency(snapshots: Int, goroutines: Int) {
    let dbPath = "\(BenchInput.directory)/top-bench-\(snapshots)x\(goroutines).sqlite"
    do {
        let fresh = !FileManager.default.fileExists(atPath: dbPath)
        let store = try LeakStore(path: dbPath)
        if fresh {
            let seconds = try BenchClock.timed {
                for i in 0..<snapshots { _ = try store.commit(ImportBenchInput.syntheticBatch(index: i, goroutines: goroutines)) }
                try store.checkpoint()
            }.seconds
            let rows = Double(snapshots) * Double(goroutines + 300)
            print(String(format: "import: built a %d-snapshot store (%d goroutines each) in %.1f s — %.0f k rows/s through commit, %.1f bytes/goroutine, %.0f MB",
                         snapshots, goroutines, seconds, rows / seconds / 1e3,
                         Double(store.fileBytes()) / Double(snapshots * goroutines), Double(store.fileBytes()) / 1e6))
        }
        var times: [Double] = []
        for selector in [LeakStore.SnapshotSelector.latest, .id(Int64(snapshots / 2)), .latest, .id(1), .latest] {
            times.append(try BenchClock.timed {
                _ = try store.top(selector, by: .line, limit: 20)
                _ = try store.top(selector, by: .function, limit: 20)
            }.seconds * 1000 / 2)  // ms per query
        }
        let reopen = BenchClock.seconds { _ = try? LeakStore(path: dbPath).top(.latest) } * 1000
        print(String(format: "import: top on %d snapshots: median %.1f ms, max %.1f ms per query (line and function); open + top %.1f ms",
                     snapshots, times.sorted()[times.count / 2], times.max() ?? 0, reopen))
    } catch {
        print("import: top bench failed: \(error)")
    }
}

/// Inputs of the import benchmark, built once under /tmp.
enum ImportBenchInput {
    /// One file through the importer's parser stage alone.
    static func parse(_ path: String) throws -> FileBatch {
        try Importer.parseForBenchmark(path)
    }

    /// `files` dumps of `megabytes / files` MB each in `…/import-dense-…/inst-bench/`, named
    /// with their capture time, each read as one process snapshot. Ids are shifted by 10,000
    /// per copy (the sources' ids are below that), so they stay as dense as a real process's.
    static func series(megabytes: Int, files: Int) -> String {
        let dir = "\(BenchInput.directory)/import-dense-\(megabytes)x\(files)/inst-bench"
        let each = megabytes * 1_000_000 / files
        let sources = BenchInput.tracebackSources().compactMap { FileManager.default.contents(atPath: $0) }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for f in 0..<files {
            let path = "\(dir)/goroutine-\(1_795_792_044 + f * 60).txt"
            if BenchInput.fileSize(path) >= each { continue }
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let out = FileHandle(forWritingAtPath: path)!
            BenchInput.writeCopies(of: sources, to: out, atLeast: each) { $0 * 10_000 + f }
            try? out.close()
        }
        return dir
    }

    /// One snapshot as the sink would batch it: 300 signatures, sizes skewed, ids growing.
    static func syntheticBatch(index i: Int, goroutines: Int) -> FileBatch {
        let signatures = 300
        var sink = BatchingSink()
        sink.beginSnapshot(format: .traceback, profile: "goroutine", startLine: 1, time: nil)
        var frameCache: [Int: ([Frame], StackSignatures)] = [:]
        for g in 0..<goroutines {
            let s = (g * g + i) % signatures
            let (frames, sigs) = frameCache[s] ?? {
                let f = [Frame(function: "example.com/svc.handler\(s)", file: "svc/h.go", line: s),
                         Frame(function: "main.worker", file: "main.go", line: 7)]
                let v = (f, StackSignatures.of(f))
                frameCache[s] = v
                return v
            }()
            let goroutine = Goroutine(id: 1 + g + i * 50, state: "chan receive", waitMinutes: g % 5 == 0 ? i / 10 : nil, frames: frames)
            sink.goroutine(goroutine, signatures: sigs)
        }
        sink.endSnapshot(declaredTotal: nil)
        let time = Date(timeIntervalSince1970: 1_795_792_044 + Double(i) * 60)
        let snapshots = sink.snapshots.map { s in
            SnapshotBatch(format: s.format, profile: s.profile, startLine: 1, time: time, timeSource: .fileName,
                          declaredTotal: nil, issues: [], goroutineTotal: s.goroutineTotal, truncated: false,
                          counts: s.counts, goroutines: s.goroutines)
        }
        return FileBatch(path: "synthetic-\(i).txt", service: "bench", instance: "inst-0",
                         contentHash: ContentHash.of(Array("synthetic \(i) \(goroutines)".utf8)), bytes: 0,
                         snapshots: snapshots, stacks: sink.stacks, looseIssues: [])
    }
}
