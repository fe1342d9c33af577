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

    /// In the order the inputs were given (directories expanded in sorted order).
    public var files: [FileResult] = []
    /// Files found in directories that were not dumps, with what they looked like.
    public var ignored: [ImportFailure] {
        files.compactMap { if case .ignored(let f) = $0.outcome { f } else { nil } }
    }
    /// Inputs that were dumps (or were named explicitly): imported, skipped or failed.
    public var fileCount: Int { files.count - ignored.count }
    public var newSignatures = 0
    public var seconds: Double = 0

    public var snapshots: Int { imported.reduce(0) { $0 + $1.count } }
    public var goroutines: Int { imported.reduce(0) { $0 + $1.reduce(0) { $0 + $1.goroutines } } }
    public var skipped: Int { files.filter { $0.outcome == .skipped }.count }
    public var failures: [ImportFailure] {
        files.compactMap { if case .failed(let f) = $0.outcome { f } else { nil } }
    }
    public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    /// Input megabytes (10^6 bytes) read per second of wall time.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    private var imported: [[ImportedSnapshot]] {
        files.compactMap { if case .imported(let s) = $0.outcome { s } else { nil } }
    }

    /// The `--format json` shape documented in the README.
    public var json: String {
        JSONText.object([
            ("files", String(fileCount)), ("snapshots", String(snapshots)), ("goroutines", String(goroutines)),
            ("skipped", String(skipped)),
            ("failed", JSONText.array(failures.map {
                JSONText.object([("path", JSONText.string($0.path)), ("error", JSONText.string($0.description))])
            })),
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
