import ArgumentParser
import LeakTrailKit

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Every stack signature over time: its series, slope and verdict.",
        discussion: """
        One row per signature, most serious first: the instances where it is flagged, its \
        latest count, its growth per hour, a sparkline of its series on the most affected \
        instance, its state and culprit.

        Example:
          leaktrail trends --service orders-api --since 2026-11-27T16:25:00Z
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @OptionGroup var output: ListingOptions

    func run() throws {
        let db = try store.openExisting()
        let histories = try analysis.histories(db, path: store.path)
        let result = LeakAnalyzer.run(histories: histories, options: analysis.options)
        output.print(VerdictListings.trends(result.verdicts, histories: histories))
        FailOnArgument.noteCoverage(result)
    }
}
