import ArgumentParser
import LeakTrailKit

struct Leaks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Leaks and stuck goroutines only, most serious first, with culprit, evidence and advice.",
        discussion: """
        Each instance is judged on its own snapshots; instances with too little data are named \
        on stderr, not called clean. --format json writes the stable contract documented in the \
        README (with each instance's coverage). Exits 1 when --fail-on matches, 5 when it cannot \
        pass because an instance had too little data, 0 otherwise.

        Example:
          leaktrail leaks --module github.com/acme --fail-on leak,stuck
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "table, json or csv.") var format: ListingFormat = .table
    @OptionGroup var failOn: FailOnArgument

    func run() throws {
        let store = try store.open()
        let histories = try StoreExit.querying { try store.histories(analysis.filter()) }
        let result = LeakAnalyzer.run(histories: histories, options: analysis.options)
        print(try VerdictListings.leaks(result).rendered(as: format), terminator: "")
        FailOnArgument.noteCoverage(result)
        try failOn.apply(result)
    }
}
