import ArgumentParser
import LeakTrailKit

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One signature in full: stack, series per instance, oldest goroutines, advice.",
        discussion: """
        SIGNATURE is the hex id from trends or leaks, or any unique prefix of it. With --source \
        (the service's module checkout) the culprit's source lines are shown, the blocking line \
        marked.

        Example:
          leaktrail show 3f9a2c --source ~/src/orders-api
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Argument(help: "A signature, or a unique prefix of one.") var signature: String
    @OptionGroup var config: KnownGoroutinesOption
    @OptionGroup var source: SourceOption

    func validate() throws {
        if signature.isEmpty || !signature.allSatisfy(\.isHexDigit) {
            throw ValidationError("\(signature) is not a signature: give the hex id shown by `leaktrail trends`.")
        }
    }

    func run() throws {
        let store = try store.open()
        let histories = try StoreExit.querying { try store.histories(analysis.filter(signaturePrefix: signature)) }
        guard histories.count == 1, let history = histories.first else {
            StoreExit.complain(histories.isEmpty
                ? "no signature starts with \(signature) in the selected snapshots"
                : "\(signature) matches \(histories.count) signatures: \(histories.prefix(5).map(\.signature.hex).joined(separator: ", "))…; give more digits")
            throw StoreExit.nothingMatched
        }
        let verdict = try config.applied(to: LeakAnalyzer.analyze(history, options: analysis.options))
        print(ShowReport.text(verdict, history: history, source: try source.snippet(for: verdict.culprit)), terminator: "")
    }
}
