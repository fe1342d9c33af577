import ArgumentParser

/// Start-up: `leaktrail parse FILE` parsed by `Parse` alone, not by the whole command tree.
///
/// ArgumentParser builds the argument set of every command on the way to the one that runs,
/// each by reflection over its property wrappers, and the Swift runtime answers each new
/// dynamic cast by scanning all twelve thousand conformance records in the binary. Parsing
/// from the named command skips the root's set (4 of the 40 scans of a one-goroutine `parse`)
/// and lets a command that names its super-command skip ArgumentParser's completion-script
/// check (`Parse`; docs/performance.md). When the first argument names a subcommand, its own
/// `parseAsRoot` reads the rest; its answer is taken only when it is that command, parsed and
/// validated. Anything else (`--help`, a usage error, `--version` or `--help-man` after the
/// name, a completion request) is parsed again from the start by `LeakTrail`, so every help
/// text, message and exit status is the whole tree's own.
enum SubcommandShortcut {
    /// The command `arguments` ask for when one subcommand alone accepts them; nil when the
    /// whole tree must parse them.
    static func command(for arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first, !name.hasPrefix("-"),
              let subcommand = LeakTrail.configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst())),
              ObjectIdentifier(type(of: command)) == ObjectIdentifier(subcommand)
        else { return nil }
        return command
    }
}
