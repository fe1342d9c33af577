import ArgumentParser

/// The exit statuses every command uses (README "Exit statuses"), so that a CI job or a
/// script can tell "a leak was found" from "the command was mistyped" from "the store is
/// broken" without reading messages.
///
/// A command ends badly by throwing ``CommandFailure`` (or `ValidationError` for a usage
/// error); the entry point prints its message and exits with its status.
enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// Findings matched `--fail-on` (leak, suspect, …).
    case findings = 1
    /// A bad option or value; the message lists the valid values.
    case usage = 2
    /// The store cannot be opened, read or written (missing directory, read-only, newer
    /// schema, disk full, server down).
    case store = 3
    /// Nothing to show: no store at the path, an empty store, an unknown snapshot, instance
    /// or signature, a selection that matched nothing.
    case nothingToShow = 4
    /// Not enough data for a verdict (fewer snapshots or less span than the method needs),
    /// with `--fail-on`.
    case notEnoughData = 5
    /// Some inputs failed (unreadable, not a dump, refused); the others were processed.
    case inputsFailed = 6
    /// `collect`: no capture succeeded.
    case noCapture = 7

    var code: ExitCode { ExitCode(rawValue) }
}

/// How a command stops short: its status and, unless it was said already, one message for
/// standard error, printed by the entry point as `leaktrail: error: MESSAGE`. The message
/// names the input and says what to do:
///
///     throw CommandFailure(.nothingToShow, "no snapshot 12 in ./leaktrail.sqlite; see `leaktrail snapshots`")
///     throw CommandFailure(.inputsFailed)   // each failed input was already named
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String?

    init(_ status: ExitStatus, _ message: String? = nil) {
        self.status = status
        self.message = message
    }
}
