import Foundation

/// What an import did, file by file and in total.
public struct ImportSummary: Sendable {
    /// One input's fate.
    public enum Outcome: Sendable, Equatable {
        /// Stored as these snapshots.
        case imported([ImportedSnapshot])
        /// Its content was already stored.
        case skipped
        case failed(ImportFailure)
        /// Found in a directory but not a goroutine dump (a README, a capture log): not counted.
        case ignored(ImportFailure)
    }

    /// Where one new snapshot landed.
    public struct ImportedSnapshot: Sendable, Equatable {
        public var id: Int64
        public var instance: String
        public var time: Date
        public var timeSource: TimeSource
        public var goroutines: Int
        public var issues: Int
    }

    public struct FileResult: Sendable {
        public var path: String
        public var bytes: Int
        public var outcome: Outcome
    }

    /// Inputs that were dumps (or were named explicitly): imported, skipped or failed.
    public private(set) var fileCount = 0
    public private(set) var snapshots = 0
    public private(set) var goroutines = 0
    public private(set) var skipped = 0
    /// Input bytes read, over every file that parsed.
    public private(set) var bytes = 0
    public private(set) var failures: [ImportFailure] = []
    /// Files found in directories that were not dumps, with what they looked like.
    public private(set) var ignored: [ImportFailure] = []
    /// Inputs never read because the store stopped taking writes (its disk is full).
    public internal(set) var notTried = 0
    public var newSignatures = 0
    public var seconds: Double = 0
    /// Input megabytes (10^6 bytes) read per second of wall time.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    /// Counts one input's fate. Only the totals and the failures are kept, not each file's
    /// snapshots, so an import of a million files needs no more memory than one of ten.
    mutating func add(_ file: FileResult) {
        bytes += file.bytes
        switch file.outcome {
        case .imported(let s):
            fileCount += 1
            snapshots += s.count
            goroutines += s.reduce(0) { $0 + $1.goroutines }
        case .skipped:
            fileCount += 1
            skipped += 1
        case .failed(let f):
            fileCount += 1
            failures.append(f)
        case .ignored(let f):
            ignored.append(f)
        }
    }

    /// The `--format json` shape documented in docs/json.md.
    public var json: String {
        JSONText.object([
            ("files", String(fileCount)), ("snapshots", String(snapshots)), ("goroutines", String(goroutines)),
            ("skipped", String(skipped)),
            ("failed", JSONText.array(failures.map {
                JSONText.object([("path", JSONText.string($0.path)), ("error", JSONText.string($0.description))])
            })),
            ("not_tried", String(notTried)),
        ])
    }
}

/// How far an import has come, for a progress line.
public struct ImportProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytes: Int
    public var seconds: Double
}
