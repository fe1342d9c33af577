import ArgumentParser
import Foundation
import LeakTrailKit

extension LeakTrail {
    /// Parses (by the named subcommand alone when it can: ``SubcommandShortcut``), runs, and
    /// maps what ended the command to ``ExitStatus`` (ArgumentParser's own `main()` would exit
    /// 64 for a usage error).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command: ParsableCommand
        do {
            command = try SubcommandShortcut.command(for: arguments) ?? parseAsRoot(arguments)
        } catch {
            EntryPoint.exit(with: error, in: nil)
        }
        do {
            var running = command
            try running.run()
        } catch {
            EntryPoint.exit(with: error, in: type(of: command))
        }
    }
}

/// Turns what ended a command into its message and exit status (``ExitStatus``). Usage
/// errors exit 2, not ArgumentParser's 64; `--help` and `--version` exit 0.
enum EntryPoint {
    /// `command` is the command that was running, or nil when parsing failed.
    static func exit(with error: Error, in command: ParsableCommand.Type?) -> Never {
        switch error {
        case let failure as CommandFailure:
            if let message = failure.message { Diagnostics.error(message) }
            Foundation.exit(failure.status.rawValue)
        case let code as ExitCode:
            // Thrown by a command that has said why already; 64 is ArgumentParser's usage code.
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        case let storeError as StoreError:
            Diagnostics.error(storeError.description)
            Foundation.exit(StoreExit.status(of: storeError).rawValue)
        default:
            let code = LeakTrail.exitCode(for: error)
            if code == .success { LeakTrail.exit(withError: error) }  // --help: printed on stdout
            if code == .validationFailure {
                let text = command.map { usage(error, in: $0) } ?? LeakTrail.fullMessage(for: error)
                FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            // Not an error any command means to throw: say what it was, as a failure to report.
            Diagnostics.error("\(error) (an unexpected error: please report it)")
            Foundation.exit(70)
        }
    }

    /// A usage error found while running (a `ValidationError` thrown by `run()`), pointed at
    /// the command's own help.
    private static func usage(_ error: Error, in command: ParsableCommand.Type) -> String {
        let name = command == LeakTrail.self ? "leaktrail" : "leaktrail \(command._commandName)"
        return LeakTrail._errorPrefix + LeakTrail.message(for: error) + "\n  See '\(name) --help' for more information."
    }
}
