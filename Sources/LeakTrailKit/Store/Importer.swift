import Foundation

/// Imports dump files into a store: parser threads (one per core) each stream a file into a
/// ``BatchingSink``; one writer — the calling thread — commits each file in its own
/// transaction. A bounded queue between them keeps memory flat.
public struct Importer: Sendable {
    public let store: LeakStore
    public let options: ImportOptions

    public init(store: LeakStore, options: ImportOptions = .init()) {
        self.store = store
        self.options = options
    }

    /// Imports every input `paths` names. Failures are recorded per file and never stop the
    /// others; `progress` is called on the writer thread after each file.
    public func run(_ paths: [String], progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let start = DispatchTime.now()
        let (files, missing) = ImportInputs.expand(paths)
        let known = try store.knownSignatures()
        var results = [ImportSummary.FileResult?](repeating: nil, count: files.count)
        var summary = ImportSummary()
        let queue = BoundedQueue<(Int, Result<FileBatch, ImportFailure>)>(capacity: options.queueCapacity, producers: options.parallelism)
        let nextFile = Locked(0)
        for _ in 0..<options.parallelism {
            let thread = Thread { [options] in
                while let i = nextFile.withLock({ Self.claim(&$0, below: files.count) }) {
                    queue.put((i, InputParser.batch(files[i].path, options: options, knownStacks: known)))
                }
                queue.producerFinished()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var done = 0
        var bytes = 0
        while let (i, parsed) = queue.take() {
            let (result, newStacks) = write(files[i], parsed)
            results[i] = result
            summary.newSignatures += newStacks
            done += 1
            bytes += result.bytes
            progress?(ImportProgress(filesDone: done, filesTotal: files.count, bytes: bytes, seconds: elapsed(since: start)))
        }
        summary.files = missing.map { .init(path: $0.path, bytes: 0, outcome: .failed($0)) } + results.compactMap { $0 }
        summary.seconds = elapsed(since: start)
        return summary
    }

    /// The parser stage alone, for the benchmark's breakdown.
    public static func parseForBenchmark(_ path: String) throws -> FileBatch {
        try InputParser.batch(path, options: .init(), knownStacks: []).get()
    }

    private static func claim(_ next: inout Int, below count: Int) -> Int? {
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    private func write(_ input: ImportInputs.Input, _ parsed: Result<FileBatch, ImportFailure>) -> (ImportSummary.FileResult, Int) {
        let path = input.path
        switch parsed {
        case .failure(let failure):
            let ignore = failure.notADump && !input.explicit
            return (.init(path: path, bytes: 0, outcome: ignore ? .ignored(failure) : .failed(failure)), 0)
        case .success(let batch):
            do {
                switch try store.commit(batch) {
                case .skipped:
                    return (.init(path: path, bytes: batch.bytes, outcome: .skipped), 0)
                case .imported(let ids, let newStacks):
                    let snapshots = zip(ids, batch.snapshots).map { id, s in
                        ImportSummary.ImportedSnapshot(id: id, instance: batch.instance, time: s.time, timeSource: s.timeSource,
                                                       goroutines: s.goroutineTotal, issues: s.issues.count)
                    }
                    return (.init(path: path, bytes: batch.bytes, outcome: .imported(snapshots)), newStacks)
                }
            } catch {
                let failure = ImportFailure(path: path, reason: "could not store it: \(error)")
                return (.init(path: path, bytes: batch.bytes, outcome: .failed(failure)), 0)
            }
        }
    }

    private func elapsed(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
