import Foundation
import Testing
@testable import LeakTrailKit

/// The importer on real dumps from `SampleTraces/` and the shared corpus.
@Suite struct StoreImportTests {
    static let seriesPresent = StoreFixtures.exists(StoreFixtures.seriesRoot.appendingPathComponent("orders-api/inst-a"))
    static let restartPresent = StoreFixtures.exists(StoreFixtures.restartSeries)
    static let corpusPresent = StoreFixtures.exists(StoreFixtures.corpusGenerated)

    static func seriesFiles(_ instance: String, suffix: String = ".txt") -> [String] {
        let dir = StoreFixtures.seriesRoot.appendingPathComponent("orders-api/\(instance)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) && !$0.contains(".debug1.") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    // The series is made by SampleTraces/generator/capture_series.sh; skipped when absent.
    @Test(.enabled(if: seriesPresent)) func importedCountsMatchTheDumps() throws {
        let store = try LeakStore()
        let files = Self.seriesFiles("inst-a")
        let summary = try Importer(store: store, options: .init(service: "orders-api")).run(files)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        #expect(summary.snapshots == files.count)
        for (file, stored) in zip(files, try store.snapshots()) {
            let parsed = try StoreFixtures.collect(file)
            #expect(stored.source == file)
            #expect(stored.goroutines == parsed[0].goroutineCount, "\(file)")
            #expect(stored.instance == "inst-a" && stored.service == "orders-api" && stored.timeSource == .fileName)
            #expect(stored.time == TimeParser.rfc3339(milliseconds: Int64(TimeParser.time(inFileName: file)!.timeIntervalSince1970 * 1000)))
            let rows = try StoreFixtures.count(store, "SELECT COUNT(*) FROM goroutine_rows WHERE snapshot_id = \(stored.id)")
            #expect(rows == Set(parsed[0].goroutines.map(\.id)).count)
            let counted = try StoreFixtures.count(store, "SELECT SUM(count) FROM snapshot_stacks WHERE snapshot_id = \(stored.id)")
            #expect(counted == stored.goroutines)
        }
        let distinct = try StoreFixtures.count(store, "SELECT COUNT(DISTINCT signature) FROM snapshot_stacks")
        #expect(try StoreFixtures.count(store, "SELECT COUNT(*) FROM stacks") == distinct)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(.enabled(if: seriesPresent)) func reimportAddsNothing() throws {
        let store = try LeakStore()
        let dir = StoreFixtures.seriesRoot.appendingPathComponent("orders-api/inst-b").path
        let first = try Importer(store: store).run([dir])
        let again = try Importer(store: store).run([dir])
        #expect(first.snapshots > 0 && first.skipped == 0)
        #expect(again.snapshots == 0 && again.skipped == first.fileCount && again.newSignatures == 0)
        #expect(try store.snapshots().count == first.snapshots)
    }

    /// A file that is not a dump, a missing path, and a gzip cut in the middle (it fails after
    /// goroutines were already read) fail alone; the good files are stored, the bad leave no trace.
    @Test(.enabled(if: seriesPresent)) func failingFilesAmongGoodOnes() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = Self.seriesFiles("inst-b").prefix(2)
        let notADump = dir.appendingPathComponent("notes.txt")
        try Data("just some notes\n".utf8).write(to: notADump)
        let cut = dir.appendingPathComponent("cut.txt.gz")
        let gz = try Data(contentsOf: URL(fileURLWithPath: Self.seriesFiles("inst-a").last!)).gzipped()
        try gz.prefix(gz.count / 2).write(to: cut)
        let store = try LeakStore()
        let inputs = Array(good) + [notADump.path, dir.appendingPathComponent("missing.txt").path, cut.path]
        var reported: [ImportSummary.FileResult] = []
        let summary = try Importer(store: store).run(inputs, report: { reported.append($0) })
        #expect(summary.snapshots == 2)
        // Missing paths first (found before any file is read), then the files in input order,
        // each exactly once, although two parser threads finish them in any order.
        let missing = dir.appendingPathComponent("missing.txt").path
        #expect(reported.map(\.path) == [missing] + inputs.filter { $0 != missing })
        #expect(reported.flatMap(\.lines).count == 2 && reported.filter { if case .failed = $0.outcome { true } else { false } }.count == 3)
        #expect(summary.fileCount == inputs.count && summary.notTried == 0)
        #expect(Set(summary.failures.map(\.path)) == [notADump.path, dir.appendingPathComponent("missing.txt").path, cut.path])
        #expect(summary.failures.allSatisfy { !$0.reason.isEmpty })
        #expect(try store.snapshots().map(\.source) == Array(good))
    }

    /// Every inst-r file of the restart series: three captures of one process, then three of
    /// the next (stopped with SIGTERM between the third and fourth capture).
    @Test(.enabled(if: restartPresent)) func epochsOnARestartSeries() throws {
        let store = try LeakStore()
        let summary = try Importer(store: store).run([StoreFixtures.restartSeries.path])
        #expect(summary.failures.isEmpty)
        let epochs = try store.snapshots().map(\.epoch)
        #expect(epochs.count >= 4)
        let restarts = zip(epochs, epochs.dropFirst()).filter { $0 != $1 }.count
        #expect(restarts == 1 && epochs.first == 1 && epochs.last == 2, "\(epochs)")
    }

    /// Out-of-order imports renumber the epochs: importing the later half first gives the same
    /// result as importing in time order.
    @Test(.enabled(if: restartPresent)) func epochsDoNotDependOnImportOrder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: StoreFixtures.restartSeries.path).sorted()
            .map { StoreFixtures.restartSeries.appendingPathComponent($0).path }
        let store = try LeakStore()
        let importer = Importer(store: store, options: .init(parallelism: 1))
        _ = try importer.run(Array(files.reversed()))
        let inOrder = try LeakStore()
        _ = try Importer(store: inOrder).run(files)
        #expect(try store.snapshots().map(\.epoch) == inOrder.snapshots().map(\.epoch))
    }

    @Test(.enabled(if: seriesPresent)) func restartInTheMiddleOfASeries() throws {
        let store = try LeakStore()
        _ = try Importer(store: store).run(Self.seriesFiles("inst-c"))
        let snapshots = try store.snapshots()
        let firstOfEpoch2 = snapshots.firstIndex { $0.epoch == 2 }
        #expect(firstOfEpoch2 != nil && snapshots.allSatisfy { $0.epoch <= 2 })
        if let i = firstOfEpoch2 { #expect(snapshots[i].epochReason != nil && snapshots[i].goroutines < snapshots[i - 1].goroutines) }
    }

    @Test func restartRulesOnSyntheticEvidence() {
        func evidence(_ ids: [Int], total: Int? = nil) -> ProcessEpochs.Evidence {
            .init(rows: ids.map { GoroutineRow(id: Int64($0), signature: StackSignature(value: UInt64($0)), waitMinutes: nil) },
                  total: total ?? ids.count, truncated: false)
        }
        let before = evidence(Array(1...20) + Array(100...300))
        #expect(ProcessEpochs.restartReason(previous: before, next: evidence(Array(1...20) + Array(100...350))) == nil)
        #expect(ProcessEpochs.restartReason(previous: before, next: evidence(Array(1...60))) != nil)
        #expect(ProcessEpochs.restartReason(previous: before, next: evidence(Array(1...20) + [301, 302])) == nil)
        #expect(ProcessEpochs.restartReason(previous: before, next: evidence(Array(1...20))) != nil)
        #expect(ProcessEpochs.restartReason(previous: evidence([]), next: evidence([1, 2])) == nil)
    }

    /// Two importers on one store file at the same time: both finish and nothing is lost.
    @Test(.enabled(if: seriesPresent)) func twoImportersAtOnce() async throws {
        let dir = try StoreFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let a = Self.seriesFiles("inst-a"), b = Self.seriesFiles("inst-b")
        async let first = Task.detached { try Importer(store: LeakStore(path: path), options: .init(parallelism: 1)).run(a) }.value
        async let second = Task.detached { try Importer(store: LeakStore(path: path), options: .init(parallelism: 1)).run(b) }.value
        let (x, y) = try await (first, second)
        #expect(x.failures.isEmpty && y.failures.isEmpty)
        let store = try LeakStore(path: path)
        #expect(try store.snapshots().count == a.count + b.count)
        #expect(try store.integrityCheck() == "ok")
    }

    // The generated corpus lives beside the project (../shared/corpus); skipped when absent.
    @Test(.enabled(if: corpusPresent)) func corpusDumpsImportWithTheirFormats() throws {
        let names = ["pprof_goroutine_debug2.txt", "pprof_goroutine_debug1.txt", "pprof_goroutine_debug0.pb.gz", "sigquit_all.txt"]
        let files = names.map { StoreFixtures.corpusGenerated.appendingPathComponent($0).path }
        let store = try LeakStore()
        let summary = try Importer(store: store, options: .init(instance: "corpus")).run(files)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        let stored = try store.snapshots()
        for file in files {
            let parsed = try StoreFixtures.collect(file)
            let mine = stored.filter { $0.source == file }
            #expect(mine.map(\.goroutines) == parsed.map(\.goroutineCount), "\(file)")
            #expect(mine.map(\.format) == parsed.map(\.format.rawValue))
        }
    }
}

extension Data {
    /// gzip via the system tool: test input only.
    func gzipped() throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(self)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }
}
