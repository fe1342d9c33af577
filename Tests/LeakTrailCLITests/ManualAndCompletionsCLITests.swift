import Foundation
import Testing

/// The man page in `docs/` is what `leaktrail --help-man` makes from today's help, and the
/// completion scripts are real scripts for their shells.
@Suite struct ManualAndCompletionsCLITests {
    static let manual = CLIRunner.packageRoot.appendingPathComponent("docs/leaktrail.1")

    @Test func theManPageIsUpToDate() throws {
        let r = try CLIRunner.run(["--help-man"])
        #expect(r.status == 0 && r.stdout.hasPrefix(".TH LEAKTRAIL 1 "))
        for command in [
            "parse", "import", "collect", "snapshots", "top", "trends", "leaks", "show", "diff", "report", "analyze", "compare", "accept", "prune", "copy",
            "completions",
        ] {
            #expect(r.stdout.contains(".SH LEAKTRAIL \(command.uppercased())\n"), "\(command)")
        }
        #expect(r.stdout.contains(".SH EXIT STATUS") && r.stdout.contains(".B LEAKTRAIL_DB"))
        let committed = try String(contentsOf: Self.manual, encoding: .utf8)
        #expect(r.stdout == committed, "docs/leaktrail.1 is out of date: swift build && .build/debug/leaktrail --help-man > docs/leaktrail.1")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
    func theManPageRendersWithoutWarnings() throws {
        let groff = Process()
        groff.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        groff.arguments = ["-man", "-Tutf8", "-ww", "-z", Self.manual.path]
        let errors = Pipe()
        groff.standardError = errors
        try groff.run()
        groff.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(groff.terminationStatus == 0 && text.isEmpty, "\(text)")
    }

    @Test(arguments: ["bash", "zsh", "fish"]) func completionScripts(_ shell: String) throws {
        let r = try CLIRunner.run(["completions", shell])
        #expect(r.status == 0 && r.stderr.isEmpty)
        for word in ["import", "leaks", "fail-on", "min-snapshots", "db"] {
            #expect(r.stdout.contains(word), "\(shell): \(word)")
        }
        guard shell == "bash", FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-completion-\(UUID().uuidString).bash")
        try r.stdout.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "source \(script.path) && complete -p leaktrail"]
        bash.standardOutput = Pipe()
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0, "the bash script loads and registers a completion")
    }
}
