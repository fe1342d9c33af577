import ArgumentParser
import LeakTrailKit

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every stack signature over time: its series, slope and verdict.",
        discussion: """
        Example:
          leaktrail trends --service checkout --since 2026-11-27T14:00:00Z
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "table, json or csv.") var format: ListingFormat = .table

    func run() throws {
        let store = try store.open()
        let histories = try StoreExit.querying { try store.histories(analysis.filter()) }
        let result = LeakAnalyzer.run(histories: histories, options: analysis.options)
        print(VerdictListings.trends(result.verdicts, histories: histories).rendered(as: format), terminator: "")
        FailOnArgument.noteCoverage(result)
    }
}
