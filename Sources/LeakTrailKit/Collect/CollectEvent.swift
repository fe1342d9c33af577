import Foundation

/// What `collect` tells its caller as it goes; the library never prints, the command decides
/// what reaches stderr.
public enum CollectEvent: Sendable {
    /// A capture stored as a snapshot (and archived, with `--archive`).
    case captured(CaptureRecord)
    /// A capture that stored nothing, and why.
    case failed(CaptureFailure)
    /// The targets file changed and was read again.
    case targetsReloaded(count: Int, added: Int, removed: Int)
    /// The targets file changed but could not be used; the previous targets go on.
    case targetsFileProblem(String)
}

/// One stored capture.
public struct CaptureRecord: Sendable {
    public var target: CollectTarget
    /// When the request started: the snapshot's time.
    public var time: Date
    public var snapshotIDs: [Int64]
    public var goroutines: Int
    /// The body's size after any `Content-Encoding` was undone.
    public var bytes: Int
    /// The archived file, with `--archive`.
    public var archivePath: String?
    /// The dump ended inside a goroutine (the service's own cap, or a cut it did not signal).
    public var truncated: Bool
}

/// The state of the whole run, for a progress line.
public struct CollectStatus: Sendable, Equatable {
    public var targets = 0
    /// Targets whose last capture was stored, and whose last capture failed.
    public var up = 0
    public var down = 0
    public var captures = 0
    public var failures = 0
    public var inFlight = 0
    public var lastError: String?

    public init() {}

    /// `12 targets: 11 up, 1 down · 340 captures · 3 failed · last error: checkout/b: …`
    public var text: String {
        var line = "\(targets) targets: \(up) up, \(down) down · \(captures) captures · \(failures) failed"
        if let lastError { line += " · last error: \(lastError)" }
        return line
    }
}
