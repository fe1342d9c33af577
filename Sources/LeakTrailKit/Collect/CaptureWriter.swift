import Dispatch
import Foundation

/// Stores fetched bodies: parses them off Swift's cooperative threads (a dump can take a
/// tenth of a second to parse, and the schedule must not stall behind it), archives them, and
/// commits one at a time on a writer queue — SQLite has one writer anyway.
final class CaptureWriter: Sendable {
    enum Outcome: Sendable {
        case stored(CaptureRecord)
        case rejected(CaptureFailure)
        /// The store or the archive could not be written: collecting cannot go on.
        case storeFailed(String)
    }

    private let store: any SnapshotStore
    private let archive: CaptureArchive?
    private let kind: CaptureKind
    private let writer = DispatchQueue(label: "leaktrail.collect.writer")
    /// Stacks the store holds whole, so that a parser need not send their frames again. Grows
    /// only after a commit that stored them.
    private let known: Locked<Set<UInt64>>

    init(store: any SnapshotStore, archive: CaptureArchive?, kind: CaptureKind) throws {
        self.store = store
        self.archive = archive
        self.kind = kind
        known = Locked(try store.knownSignatures())
    }

    func store(_ bytes: [UInt8], target: CollectTarget, time: Date) async -> Outcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let parsed = self.parse(bytes, target: target, time: time)
                self.writer.async { continuation.resume(returning: self.commit(parsed, bytes: bytes, target: target, time: time)) }
            }
        }
    }

    private func parse(_ bytes: [UInt8], target: CollectTarget, time: Date) -> Result<FileBatch, CaptureFailure.Reason> {
        CaptureBatch.make(bytes, target: target, time: time, source: target.requestURL(for: kind).absoluteString,
                          identity: CaptureIdentity.of(bytes, target: target, time: time),
                          knownStacks: known.withLock { $0 })
    }

    private func commit(_ parsed: Result<FileBatch, CaptureFailure.Reason>, bytes: [UInt8], target: CollectTarget, time: Date) -> Outcome {
        var batch: FileBatch
        switch parsed {
        case .failure(let reason): return .rejected(CaptureFailure(target: target, time: time, reason: reason))
        case .success(let b): batch = b
        }
        var archived: String?
        if let archive {
            do {
                let written = try archive.write(bytes, target: target, time: time, kind: kind)
                (batch.path, batch.contentHash, archived) = (written.path, written.identity, written.path)
            } catch {
                return .storeFailed("cannot write the archive under \(archive.root.path): \(error)")
            }
        }
        let ids: [Int64]
        do {
            switch try store.commit(batch) {
            case .imported(let snapshotIDs, _): ids = snapshotIDs
            case .skipped(let existing): ids = [existing]
            }
        } catch {
            return .storeFailed("cannot write the store \(store.location): \(error)")
        }
        known.withLock { set in for s in batch.stacks { set.insert(s.signature.value) } }
        return .stored(CaptureRecord(target: target, time: time, snapshotIDs: ids,
                                     goroutines: batch.snapshots.reduce(0) { $0 + $1.goroutineTotal }, bytes: bytes.count,
                                     archivePath: archived, truncated: batch.snapshots.contains(where: \.truncated)))
    }
}
