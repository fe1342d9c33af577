import Foundation

/// A store read back as the files that were imported into it, so that `copy` can commit them
/// into another store exactly as an import would: the destination checks duplicates (same
/// instance, time and content), places epochs and numbers its own ids, which makes a copy
/// idempotent and lets it merge into a store that already holds some of the same files.
///
/// A file is the snapshots one commit wrote: one instance, one content hash and source,
/// parts 0…n in id order (writers of one instance take turns, so one file's ids never
/// interleave with another's of the same instance).
public struct ExportedSnapshot: Sendable {
    public var id: Int64
    public var service: String
    public var instance: String
    public var timeMs: Int64
    public var timeSource: String
    public var source: String
    public var contentHash: [UInt8]
    public var part: Int
    public var startLine: Int
    public var format: String
    public var profile: String
    public var goroutines: Int
    public var declaredTotal: Int?
    public var issues: Int
    public var truncated: Bool
}

/// What a backend must read for an export; ``StoreExporter`` assembles the files.
protocol ExportSource {
    /// Every snapshot, ordered by instance and id: each instance's files in the order they
    /// were committed, so that snapshots taken at the same moment (a debug=2 text, a debug=1
    /// profile and a protobuf of one capture) keep their order and whatever breaks a tie
    /// between them (the latest snapshot's state) breaks it alike in the copy.
    func exportedSnapshots() throws -> [ExportedSnapshot]
    func countRows(of snapshot: Int64) throws -> [CountRow]
    func goroutineRows(of snapshot: Int64) throws -> [GoroutineRow]
    func stackRows(_ signatures: [Int64]) throws -> [StackRow]
}

enum StoreExporter {
    static func source(of store: any SnapshotStore) throws -> ExportSource {
        switch store {
        case let s as LeakStore: return SQLiteExportSource(store: s)
        case let p as PostgresStore: return PostgresExportSource(store: p)
        default: throw StoreError.cannotOpen(path: store.location, reason: "this store cannot be copied from")
        }
    }

    static let exportQuery = """
        SELECT s.id, sv.name, i.name, s.time_ms, s.time_source, s.source, s.content_hash, s.part, s.start_line, s.format,
               s.profile, s.goroutines, s.declared_total, s.issues, s.truncated
        FROM snapshots s JOIN instances i ON i.id = s.instance_id JOIN services sv ON sv.id = i.service_id
        ORDER BY i.id, s.id
        """
    /// A snapshot's count rows in signature order, as the importer writes them.
    static let countQuery = "SELECT signature, count, state, wait_min, wait_max, leaked, labels FROM snapshot_stacks WHERE snapshot_id = ? ORDER BY signature"
    static let stackQuery = "SELECT signature, function_signature, top_frame, frames, created_by FROM stacks WHERE signature = ?"

    /// Hands `body` each stored file as a batch, with the stacks it uses that the
    /// destination does not hold yet (`known` grows as batches land; a skipped batch's stacks
    /// stay pending for the next one).
    static func export(_ source: ExportSource, known: Set<UInt64>, _ body: (FileBatch) throws -> LeakStore.CommitOutcome) throws {
        var sent = known
        var group: [ExportedSnapshot] = []
        func flush() throws {
            guard !group.isEmpty else { return }
            let batch = try file(group, source: source, sent: sent)
            if case .imported = try body(batch) { sent.formUnion(batch.stacks.map(\.signature.value)) }
            group = []
        }
        for s in try source.exportedSnapshots() {
            if s.part == 0 || group.last.map({ $0.instance != s.instance || $0.contentHash != s.contentHash || $0.source != s.source }) ?? true {
                try flush()
            }
            group.append(s)
        }
        try flush()
    }

    private static func file(_ parts: [ExportedSnapshot], source: ExportSource, sent: Set<UInt64>) throws -> FileBatch {
        var snapshots: [SnapshotBatch] = []
        var used = Set<Int64>()
        for s in parts {
            let counts = try source.countRows(of: s.id)
            used.formUnion(counts.map { Int64(bitPattern: $0.signature.value) })
            let goroutines = try source.goroutineRows(of: s.id)
            snapshots.append(SnapshotBatch(
                format: DumpFormat(rawValue: s.format) ?? .traceback, profile: s.profile, startLine: s.startLine,
                time: Date(timeIntervalSince1970: Double(s.timeMs) / 1000), timeSource: TimeSource(rawValue: s.timeSource) ?? .clock,
                declaredTotal: s.declaredTotal,
                // Only the number of issues is stored; the copy keeps the number.
                issues: Array(repeating: ParseIssue(line: 0, message: "copied"), count: s.issues),
                goroutineTotal: s.goroutines, truncated: s.truncated, counts: counts, goroutines: goroutines))
        }
        let missing = used.filter { !sent.contains(UInt64(bitPattern: $0)) }
        let first = parts[0]
        return FileBatch(path: first.source, service: first.service, instance: first.instance, contentHash: ContentHash(bytes: first.contentHash),
                         bytes: 0, snapshots: snapshots, stacks: try source.stackRows(missing.sorted()), looseIssues: [])
    }
}

extension ContentHash {
    /// The hash from its 16 stored bytes (big-endian).
    init(bytes: [UInt8]) {
        func word(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(at + $1 < bytes.count ? bytes[at + $1] : 0) } }
        self.init(high: word(0), low: word(8))
    }
}

/// What `copy` did.
public struct CopySummary: Sendable, Equatable {
    /// Files (one commit each) written, and those the destination already held.
    public var files = 0
    public var skipped = 0
    public var snapshots = 0
}

extension SnapshotStore {
    /// Copies every file of this store into `destination`: whole (each file in one
    /// transaction there) and idempotent (files it already holds are skipped).
    public func copy(to destination: any SnapshotStore) throws -> CopySummary {
        var summary = CopySummary()
        try StoreExporter.export(try StoreExporter.source(of: self), known: try destination.knownSignatures()) { batch in
            let outcome = try destination.commit(batch)
            switch outcome {
            case .imported(let ids, _):
                summary.files += 1
                summary.snapshots += ids.count
            case .skipped:
                summary.skipped += 1
            }
            return outcome
        }
        return summary
    }
}
