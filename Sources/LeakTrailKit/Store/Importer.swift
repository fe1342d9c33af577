import Foundation
import GRDB

/// Imports dump files into a store: parser threads (one per core) each stream a file into a
/// ``BatchingSink``; one writer — the calling thread — commits each file in its own
/// transaction. A bounded queue between them keeps memory flat.
public struct Importer: Sendable {
    public let store: any SnapshotStore
    public let options: ImportOptions

    public init(store: any SnapshotStore, options: ImportOptions = .init()) {
        self.store = store
        self.options = options
    }

    /// Imports every input `paths` names. Failures are recorded per file and never stop the
    /// others — except a full disk under the store, after which no file could be stored and
    /// the rest are counted as not tried. `report` receives each input's result in the order
    /// the inputs were given, as soon as it and every earlier one are done; `progress` is
    /// called after each file. Both run on the calling thread. The summary keeps totals and
    /// failures only, so memory does not grow with the number of files.
    public func run(_ paths: [String], progress: ((ImportProgress) -> Void)? = nil,
                    report: ((ImportSummary.FileResult) -> Void)? = nil) throws -> ImportSummary {
        let start = DispatchTime.now()
        let (files, missing) = ImportInputs.expand(paths)
        let known = try store.knownSignatures()
        var summary = ImportSummary()
        for failure in missing {
            let result = ImportSummary.FileResult(path: failure.path, bytes: 0, outcome: .failed(failure))
            summary.add(result)
            report?(result)
        }
        let queue = BoundedQueue<(Int, Result<FileBatch, ImportFailure>)>(capacity: options.queueCapacity, producers: options.parallelism)
        let window = ClaimWindow(count: files.count, ahead: options.parallelism + options.queueCapacity)
        for _ in 0..<options.parallelism {
            let thread = Thread { [options] in
                while let i = window.claim() {
                    queue.put((i, InputParser.batch(files[i].path, options: options, knownStacks: known)))
                }
                queue.producerFinished()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Files are committed in input order, so snapshot ids follow the inputs.
        var order = InOrderRelease<(Int, Result<FileBatch, ImportFailure>)>()
        var (done, bytes, storeFull) = (0, 0, false)
        while let (i, parsed) = queue.take() {
            for (index, due) in order.accept((i, parsed), at: i) where !storeFull {
                let (result, newStacks, full) = write(files[index], due)
                if full {
                    storeFull = true
                    window.stop()
                }
                summary.newSignatures += newStacks
                done += 1
                bytes += result.bytes
                summary.add(result)
                report?(result)
                window.release()
                progress?(ImportProgress(filesDone: done, filesTotal: files.count, bytes: bytes, seconds: elapsed(since: start)))
            }
        }
        summary.notTried = files.count - done
        summary.seconds = elapsed(since: start)
        return summary
    }

    /// The parser stage alone, for the benchmark's breakdown.
    public static func parseForBenchmark(_ path: String) throws -> FileBatch {
        try InputParser.batch(path, options: .init(), knownStacks: []).get()
    }

    /// Commits one parsed file: its result, the stacks it added, and whether the store's disk
    /// was full.
    private func write(_ input: ImportInputs.Input, _ parsed: Result<FileBatch, ImportFailure>) -> (ImportSummary.FileResult, Int, Bool) {
        let path = input.path
        switch parsed {
        case .failure(let failure):
            let ignore = failure.notADump && !input.explicit
            return (.init(path: path, bytes: 0, outcome: ignore ? .ignored(failure) : .failed(failure)), 0, false)
        case .success(let batch):
            do {
                switch try store.commit(batch) {
                case .skipped:
                    return (.init(path: path, bytes: batch.bytes, outcome: .skipped), 0, false)
                case .imported(let ids, let newStacks):
                    let snapshots = zip(ids, batch.snapshots).map { id, s in
                        ImportSummary.ImportedSnapshot(id: id, instance: batch.instance, time: s.time, timeSource: s.timeSource,
                                                       goroutines: s.goroutineTotal, issues: s.issues.count)
                    }
                    return (.init(path: path, bytes: batch.bytes, outcome: .imported(snapshots)), newStacks, false)
                }
            } catch {
                let full = (error as? DatabaseError)?.resultCode == .SQLITE_FULL
                // A server that stays unreachable after the commit's retries fails every file alike.
                let down = (error as? PostgresFailure)?.stopsImport == true
                let failure = ImportFailure(path: path, reason: "could not store it: \(error)"
                    + (full ? "; the store's disk is full, so the files after this one were not tried" : "")
                    + (down ? "; the server is unreachable, so the files after this one were not tried" : ""))
                return (.init(path: path, bytes: batch.bytes, outcome: .failed(failure)), 0, full || down)
            }
        }
    }

    private func elapsed(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
