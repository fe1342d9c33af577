import Foundation
import Testing

/// Two and four `leaktrail import` processes writing one store at once (issue 7, store
/// integrity). Whatever order their commits interleave in, the store must end up exactly as
/// one import of the same files leaves it: the same snapshots, each whole, on the same
/// process epochs, and a file two processes both read stored once (the other says skipped).
@Suite struct ConcurrentImportCLITests {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-b").path)

    /// Every capture of the three instances in all three formats: 185 files.
    static let files: [String] = ["inst-a", "inst-b", "inst-c"].flatMap { instance in
        let dir = series.appendingPathComponent(instance)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix("goroutine-") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    /// What one sequential import of ``files`` stores: its audit and its `snapshots` listing.
    struct Outcome: Equatable {
        var snapshots: [StoreAudit.Snapshot]
        var listing: [String]
    }

    static func outcome(of store: String) throws -> Outcome {
        let audit = try StoreAudit.read(store)
        #expect(audit.integrity == "ok" && audit.orphans == 0 && audit.unbalanced.isEmpty, "\(store)")
        let csv = try CLIRunner.run(["snapshots", "--db", store, "--format", "csv"])
        // Ids follow commit order, which racing writers decide; everything else must agree.
        let rows = csv.stdout.split(separator: "\n").dropFirst().map { String($0.drop { $0 != "," }) }
        return Outcome(snapshots: audit.snapshots, listing: rows.sorted())
    }

    static let reference: Result<Outcome, Error> = Result {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("ref.sqlite").path
        let r = try CLIRunner.run(["import", "--db", store, "--service", "orders-api"] + files)
        guard r.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: r.stderr]) }
        return try outcome(of: store)
    }

    /// Runs one import per file list at once and returns their JSON summaries.
    static func importAtOnce(_ lists: [[String]], into store: String) throws -> [String] {
        let running = try lists.map { try CLIRunner.start(["import", "--db", store, "--service", "orders-api", "--format", "json"] + $0) }
        return running.map { r in
            r.process.waitUntilExit()
            let result = r.result()
            #expect(result.status == 0 && result.stdout.contains(#""failed":[]"#), "\(result.stderr)")
            return result.stdout
        }
    }

    @Test(.enabled(if: present), arguments: [2, 4])
    func disjointFileSetsLoseNothing(processes: Int) throws {
        let expected = try Self.reference.get()
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        // Round robin: every process writes every instance, out of time order.
        let lists = (0..<processes).map { k in Self.files.enumerated().filter { $0.offset % processes == k }.map(\.element) }
        let summaries = try Self.importAtOnce(lists, into: store)
        #expect(summaries.map { CLIRunner.number("snapshots", in: $0) }.reduce(0, +) == Self.files.count)
        #expect(try Self.outcome(of: store) == expected)
    }

    @Test(.enabled(if: present), arguments: [2, 4, 8])
    func overlappingFileSetsStoreEachFileOnce(processes: Int) throws {
        let expected = try Self.reference.get()
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        // Each process reads every file, starting at a different place.
        let lists = (0..<processes).map { k in
            let start = k * Self.files.count / processes
            return Array(Self.files[start...] + Self.files[..<start])
        }
        let summaries = try Self.importAtOnce(lists, into: store)
        #expect(summaries.map { CLIRunner.number("snapshots", in: $0) }.reduce(0, +) == Self.files.count)
        #expect(summaries.map { CLIRunner.number("skipped", in: $0) }.reduce(0, +) == (processes - 1) * Self.files.count)
        #expect(try Self.outcome(of: store) == expected)
    }
}
