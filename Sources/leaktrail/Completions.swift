import ArgumentParser

struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
        Examples:
          leaktrail completions bash > /etc/bash_completion.d/leaktrail
          leaktrail completions zsh > "${fpath[1]}/_leaktrail"
          leaktrail completions fish > ~/.config/fish/completions/leaktrail.fish
        """)

    @Argument(help: "The shell.") var shell: Shell

    enum Shell: String, ExpressibleByArgument, CaseIterable { case bash, zsh, fish }

    func run() throws {
        print(LeakTrail.completionScript(for: CompletionShell(rawValue: shell.rawValue)!))
    }
}
