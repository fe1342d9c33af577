import Foundation

/// Turns one captured response body into a ``FileBatch`` for ``LeakStore/commit(_:)``: the
/// same parser and rows as `import`, but the time is the request's start and the series is the
/// target's, whatever the bytes say.
enum CaptureBatch {
    /// Parses `bytes`; a body that holds no goroutine dump is a failure, never an empty
    /// snapshot. `identity` is the content hash to store (see ``CaptureIdentity``).
    static func make(_ bytes: [UInt8], target: CollectTarget, time: Date, source: String,
                     identity: ContentHash, knownStacks: Set<UInt64>) -> Result<FileBatch, CaptureFailure.Reason> {
        var sink = BatchingSink(knownStacks: knownStacks)
        do {
            try DumpReader.read(bytes: bytes, options: InputParser.parseOptions, into: &sink)
        } catch {
            return .failure(.notADump(String(describing: error)))
        }
        guard !sink.snapshots.isEmpty else {
            let why = sink.looseIssues.first.map { ": \($0)" } ?? ""
            return .failure(.notADump("no goroutine dump found\(why)"))
        }
        let snapshots = sink.snapshots.map { s in
            SnapshotBatch(format: s.format, profile: s.profile, startLine: s.startLine, time: time, timeSource: .request,
                          declaredTotal: s.declaredTotal, issues: s.issues, goroutineTotal: s.goroutineTotal,
                          truncated: s.truncated, counts: s.counts, goroutines: s.goroutines)
        }
        return .success(FileBatch(path: source, service: target.service, instance: target.instance,
                                  contentHash: identity, bytes: bytes.count,
                                  snapshots: snapshots, stacks: sink.stacks, looseIssues: sink.looseIssues))
    }
}

/// The content hash a capture is stored under. The store skips content it already holds, and
/// a quiet service can answer twice with the same bytes: those are two points of its series,
/// not a duplicate file. So a capture's identity covers its bytes *and* its series and time.
/// With `--archive` it is the hash of the archived file itself — which is also what `import`
/// computes for that file — so importing the archive into the same store adds nothing twice.
enum CaptureIdentity {
    static func of(_ bytes: [UInt8], target: CollectTarget, time: Date) -> ContentHash {
        var hasher = ContentHasher()
        bytes.withUnsafeBytes { hasher.add($0) }
        let trailer = Array("\u{0}leaktrail collect\u{0}\(target.service)\u{0}\(target.instance)\u{0}\(time.unixMilliseconds)".utf8)
        trailer.withUnsafeBytes { hasher.add($0) }
        return hasher.finish()
    }
}
