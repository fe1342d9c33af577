import ArgumentParser
import Foundation
import LeakTrailKit

extension SignatureLevel: ExpressibleByArgument {}

/// Facts about where output goes: colour only on a terminal and never with NO_COLOR; tables
/// as wide as the terminal.
enum Terminal {
    enum Stream { case standardOutput, standardError }

    static func isTerminal(_ stream: Stream) -> Bool {
        isatty(stream == .standardOutput ? 1 : 2) == 1
    }

    static func style(for stream: Stream) -> TerminalStyle {
        // getenv, not ProcessInfo's environment, which copies every variable at each start.
        let noColour = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        return TerminalStyle(colour: isTerminal(stream) && !noColour)
    }

    /// The width a table on standard output must fit: `COLUMNS` when set, else the terminal's
    /// width; nil (no limit) when standard output is a pipe or a file, so that what a script
    /// reads does not depend on the window it ran in.
    static var width: Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        guard isTerminal(.standardOutput) else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
