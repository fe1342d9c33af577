import ArgumentParser
import Foundation
import LeakTrailKit

struct Parse: ParsableCommand {
    // `leaktrail` as its super-command changes nothing while `LeakTrail` parses (that part of
    // the configuration is read only from the root); when `SubcommandShortcut` lets `Parse`
    // parse alone, it skips ArgumentParser's check for `--generate-completion-script`, a
    // request the whole tree still answers when `Parse` refuses the option (docs/performance.md).
    static let configuration = CommandConfiguration(
        commandName: "parse",
        _superCommandName: "leaktrail",
        abstract: "Group the goroutines of dump files by stack signature (no store).",
        discussion: """
        Reads each file (any dump format; - is standard input), groups its goroutines by \
        signature and prints the groups of each snapshot, largest first. A file that is not a \
        goroutine dump is named on standard error and the exit status is 6; the others still \
        print.

        Examples:
          leaktrail parse SampleTraces/go1.27.3/goroutine_debug2.txt
          leaktrail parse --by function --format json dump1.txt dump2.txt
          curl -s 'localhost:6060/debug/pprof/goroutine?debug=2' | leaktrail parse -
        """)

    @Option(help: "How alike stacks must be to merge: line (exact lines) or function (names only).")
    var by: SignatureLevel = .line

    @Option(help: "Output: table for people, json for programs.")
    var format: Format = .table

    @Argument(help: "Dump files, or - for standard input.")
    var files: [String] = []

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one dump file, or - for standard input.") }
    }

    func run() throws {
        var report = ParseReport(snapshots: [])
        var failed = false
        for path in files {
            var grouper = SnapshotGrouper(level: by)
            do {
                try DumpReader.read(path: path, into: &grouper)
                report.snapshots += grouper.results.map { ParseReport.SnapshotGroups(source: path, result: $0) }
            } catch {
                // "cannot read PATH: …" names the file already.
                if case DumpError.unreadable = error { Diagnostics.error("\(error)") } else { Diagnostics.error("\(path): \(error)") }
                failed = true
            }
        }
        switch format {
        case .json: print(try JSONOutput.encode(report))
        case .table: print(ParseTableRenderer(style: Terminal.style(for: .standardOutput)).render(report), terminator: "")
        }
        if failed { throw CommandFailure(.inputsFailed) }
    }
}
