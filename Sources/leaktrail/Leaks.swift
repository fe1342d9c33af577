import ArgumentParser
import LeakTrailKit

struct Leaks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaks",
        abstract: "Leaks and stuck goroutines only, most serious first, with culprit, evidence and advice.",
        discussion: """
        Each instance is judged on its own snapshots; instances with too little data are named \
        on stderr, not called clean. --format json writes the stable contract documented in the \
        README (with each instance's coverage); sarif and github write findings for code review \
        (docs/ci.md). Findings that .leaktrail.toml accepts are marked accepted and never fail. \
        Exits 1 when --fail-on matches, 2 when the list of known goroutines cannot be read, 5 \
        when it cannot pass because an instance had too little data, 0 otherwise.

        Examples:
          leaktrail leaks --module github.com/acme --fail-on leak,stuck
          leaktrail leaks --format sarif --source . > leaktrail.sarif
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "table, json, csv, sarif (SARIF 2.1.0) or github (workflow annotations).") var format: LeaksFormat = .table
    @OptionGroup var table: WideOption
    @OptionGroup var failOn: FailOnArgument
    @OptionGroup var config: KnownGoroutinesOption
    @OptionGroup var review: CodeReviewOptions

    func run() throws {
        let db = try store.openExisting()
        let result = try config.applied(to: analysis.analysis(db, path: store.path))
        if format == .table && result.flagged.isEmpty {
            print(result.judgedNothing
                ? "Nothing judged: every instance\(analysis.scope) had too little data (below)."
                : "No leaks or stuck goroutines among \(result.verdicts.count) signatures\(analysis.scope).")
        } else {
            print(try format.render(result, review: review, width: table.width), terminator: "")
        }
        FailOnArgument.noteCoverage(result)
        try failOn.apply(result)
    }
}
