import ArgumentParser
import LeakTrailKit

/// `leaktrail --help-man`: the man page, made from the same help every command prints, so
/// that it cannot say something else. `docs/leaktrail.1` is its output, checked by a test.
enum ManualPage {
    static var text: String {
        var out = """
            .TH LEAKTRAIL 1 "" "leaktrail \(LeakTrailVersion.current)" "User Commands"
            .SH NAME
            leaktrail \\- find goroutine leaks in Go services from their goroutine dumps
            .SH SYNOPSIS
            .B leaktrail
            .I command
            .RI [ options ]
            .SH DESCRIPTION

            """
        out += block(LeakTrail.helpMessage(columns: 80))
        for command in LeakTrail.configuration.subcommands {
            out += ".SH \(roff("leaktrail \(command._commandName)").uppercased())\n"
            out += block(LeakTrail.helpMessage(for: command, columns: 80))
        }
        out += """
            .SH ENVIRONMENT
            .TP
            .B LEAKTRAIL_DB
            The store file when --db is not given (else ./leaktrail.sqlite).
            .TP
            .B COLUMNS
            The width tables fit (else the terminal's; tables are not shortened in a pipe).
            .TP
            .B NO_COLOR
            No colour, even on a terminal.
            .SH EXIT STATUS

            """
        for status in ExitStatus.allCases {
            out += ".TP\n.B \(status.rawValue)\n\(roff(meaning(status)))\n"
        }
        return out
    }

    /// Help text as it prints: no filling, no adjusting.
    static func block(_ text: String) -> String {
        ".nf\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { roff(String($0)) }.joined(separator: "\n") + "\n.fi\n"
    }

    /// Text that roff prints as is: backslashes escaped, a leading `.` or `'` made inert,
    /// and anything beyond ASCII (`≥`, `…`) written as a named Unicode character, since roff
    /// reads its input as Latin-1.
    static func roff(_ line: String) -> String {
        var escaped = ""
        for scalar in line.replacingOccurrences(of: "\\", with: "\\e").unicodeScalars {
            if scalar.isASCII { escaped.unicodeScalars.append(scalar) } else { escaped += named(scalar) }
        }
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// `\[u2265]` for `≥`.
    static func named(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
    }

    static func meaning(_ status: ExitStatus) -> String {
        switch status {
        case .success: "Success."
        case .findings: "Findings matched --fail-on."
        case .usage: "A usage error: a bad option or value (the message lists the valid values)."
        case .store: "The store cannot be opened, read or written."
        case .nothingToShow: "Nothing to show: no store at the path, an empty store, an unknown snapshot, instance or signature, or a selection that matched nothing."
        case .notEnoughData: "Not enough data for a verdict, with --fail-on."
        case .inputsFailed: "Some inputs failed (unreadable, not a dump); the others were processed."
        case .noCapture: "collect: no capture succeeded."
        }
    }
}
