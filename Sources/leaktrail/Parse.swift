import ArgumentParser
import Foundation
import LeakTrailKit

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group the goroutines of dump files by stack signature (no store).",
        discussion: """
        Reads each file (any dump format; - is standard input), groups its goroutines by
        signature and prints the groups of each snapshot, largest first. A file that is not a
        goroutine dump is reported on stderr and the exit status is 1; the others still print.

        Examples:
          leaktrail parse SampleTraces/go1.27.3/pprof_debug2.txt
          leaktrail parse --by function --format json dump1.txt dump2.txt
          curl -s localhost:6060/debug/pprof/goroutine?debug=2 | leaktrail parse -
        """)

    @Option(help: "How alike stacks must be to merge: line (exact lines) or function (names only).")
    var by: SignatureLevel = .line

    @Option(help: "Output: table or json.")
    var format: OutputFormat = .table

    @Argument(help: "Dump files, or - for standard input.")
    var files: [String]

    func run() throws {
        var report = ParseReport(snapshots: [])
        var failed = false
        for path in files {
            var grouper = SnapshotGrouper(level: by)
            do {
                try DumpReader.read(path: path, into: &grouper)
                report.snapshots += grouper.results.map { ParseReport.SnapshotGroups(source: path, result: $0) }
            } catch {
                Diagnostics.error("\(path): \(error)")
                failed = true
            }
        }
        switch format {
        case .json: print(try JSONOutput.encode(report))
        default: print(ParseTableRenderer(style: Terminal.style(for: .standardOutput)).render(report), terminator: "")
        }
        if failed { throw ExitCode.failure }
    }
}
