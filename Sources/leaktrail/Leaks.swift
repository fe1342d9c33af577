import ArgumentParser
import LeakTrailKit

struct Leaks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Leaks and suspects only, most serious first, with culprit and advice.",
        discussion: """
        --format json writes the stable contract documented in the README. Exits 1 when \
        --fail-on matches (leak: any leak; suspect: any leak or suspect), for CI; 0 otherwise.

        Example:
          leaktrail leaks --module github.com/acme --fail-on leak
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "table, json or csv.") var format: ListingFormat = .table
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a leak (or a suspect or leak) is found.") var failOn: FailOn?

    enum FailOn: String, ExpressibleByArgument { case leak, suspect }

    func run() throws {
        let store = try store.open()
        let histories = try StoreExit.querying { try store.histories(analysis.filter()) }
        let verdicts = LeakAnalyzer.analyze(histories: histories, options: analysis.options)
        print(try VerdictListings.leaks(verdicts).rendered(as: format), terminator: "")
        let worst = verdicts.first?.verdict ?? .ok
        if let failOn, worst >= (failOn == .leak ? Verdict.leak : .suspect) { throw ExitCode.failure }
    }
}
