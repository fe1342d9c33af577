import ArgumentParser
import Foundation
import LeakTrailKit

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import goroutine dumps into the store.",
        discussion: """
        Instance: --instance, else the file's parent directory. Time: --at, else a timestamp in \
        the file name, else one in the log lines around the dump, else the file's mtime. \
        Content already stored is skipped. Files in directories that are not dumps are \
        ignored and named. Prints one summary line; --verbose adds a line per file on \
        standard error, in input order. Exits 6 when any file failed (the others are \
        imported), 3 when the store could not be opened or its disk filled up.

        Example:
          leaktrail import --service orders-api SampleTraces/series/orders-api
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The service the dumps came from (default: default).") var service: String?
    @Option(help: "The instance (default: each file's parent directory name).") var instance: String?
    @Option(help: ArgumentHelp("The time every input was taken: ISO 8601 or Unix seconds/ms.", valueName: "time")) var at: String?
    @Option(help: "Summary format.") var format: SummaryFormat = .text
    @Flag(name: .shortAndLong, help: "Also a line per file on standard error: its snapshots, or why it was skipped or ignored.")
    var verbose = false
    @Flag(name: .shortAndLong, help: "No summary; errors only.") var quiet = false
    @Argument(help: "Dump files, directories (recursive), globs, .gz files, or - for standard input.") var paths: [String] = []

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one dump file or directory, or - for standard input.") }
        if verbose && quiet { throw ValidationError("--verbose and --quiet ask for opposite things: give one.") }
        if let at, TimeParser.time(option: at) == nil {
            throw ValidationError("--at \(at) is not a time: use 20261127T150724Z, 2026-11-27T15:07:24Z or Unix seconds/ms.")
        }
    }

    func run() throws {
        let options = ImportOptions(service: service, instance: instance, at: at.flatMap(TimeParser.time(option:)))
        let importer = Importer(store: try store.open(), options: options)
        let progressLine = ProgressLine(enabled: Terminal.isTerminal(.standardError) && !quiet)
        let summary = try StoreExit.querying {
            try importer.run(paths, progress: progressLine.show) { file in
                // Each file as soon as it and those before it are done, so that a long import
                // shows its failures as it goes, in input order.
                progressLine.clear()
                if case .failed(let failure) = file.outcome { Diagnostics.error(failure.description) }
                if verbose { for line in file.lines { Diagnostics.note(line) } }
            }
        }
        progressLine.clear()
        if !quiet { print(format == .json ? summary.json : summary.totals) }
        if summary.notTried > 0 { throw CommandFailure(.store) }
        if !summary.failures.isEmpty { throw CommandFailure(.inputsFailed) }
    }
}
