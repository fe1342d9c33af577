import ArgumentParser
import LeakTrailKit

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One signature in full: stack, series per instance, oldest goroutines, advice.",
        discussion: """
        SIGNATURE is the hex id shown by trends, leaks, top or diff, or any unique prefix of it. \
        With --source (the service's module checkout) the culprit's source lines are shown, the \
        blocking line marked.

        Examples:
          leaktrail show 758a9c
          leaktrail show 3f9a2c --source ~/src/orders-api
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Argument(help: "A signature, or a unique prefix of one.") var signature: String
    @OptionGroup var config: KnownGoroutinesOption
    @OptionGroup var source: SourceOption

    func validate() throws {
        if signature.isEmpty || !signature.allSatisfy(\.isHexDigit) || signature.count > 16 {
            throw ValidationError("\(signature) is not a signature: give the hex id (up to 16 digits) shown by `leaktrail trends`.")
        }
    }

    func run() throws {
        let db = try store.openExisting()
        let histories = try analysis.histories(db, path: store.path, signaturePrefix: signature)
        guard histories.count == 1, let history = histories.first else {
            throw CommandFailure(.nothingToShow, histories.isEmpty
                ? "no signature starts with \(signature) in \(store.path)\(analysis.scope); see `leaktrail trends` for the signatures it holds"
                : "\(signature) starts \(histories.count) signatures (\(histories.prefix(5).map(\.signature.hex).joined(separator: ", "))…): give more digits")
        }
        let verdict = try config.applied(to: LeakAnalyzer.analyze(history, options: analysis.options))
        print(ShowReport.text(verdict, history: history, source: try source.snippet(for: verdict.culprit), width: Terminal.width),
              terminator: "")
    }
}
