import ArgumentParser
import Foundation
import LeakTrailKit

/// Output formats a command may offer; each command validates the ones it supports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, html
}

extension SignatureLevel: ExpressibleByArgument {}

/// Facts about where output goes: colour only on a terminal and never with NO_COLOR.
enum Terminal {
    enum Stream { case standardOutput, standardError }

    static func isTerminal(_ stream: Stream) -> Bool {
        isatty(stream == .standardOutput ? 1 : 2) == 1
    }

    static func style(for stream: Stream) -> TerminalStyle {
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(colour: isTerminal(stream) && !noColour)
    }
}

/// Diagnostics go to stderr, never mixed with data on stdout.
enum Diagnostics {
    static func error(_ message: String) {
        let style = Terminal.style(for: .standardError)
        FileHandle.standardError.write(Data((style.alert("error: ") + message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
