import Foundation

/// Messages for standard error, never mixed with data on standard output, in one style:
/// `leaktrail: error: …` and `leaktrail: warning: …`, the word coloured only on a terminal
/// without `NO_COLOR`.
enum Diagnostics {
    /// Something failed; the command goes on (another input) or ends with a status.
    static func error(_ message: String) {
        write(Terminal.style(for: .standardError).alert("error:") + " " + message)
    }

    /// The command did what was asked, but the answer may not be what was meant.
    static func warning(_ message: String) {
        write(Terminal.style(for: .standardError).warning("warning:") + " " + message)
    }

    /// A line of detail (`--verbose`), as is.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data(("leaktrail: " + line + "\n").utf8))
    }
}
