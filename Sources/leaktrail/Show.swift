import ArgumentParser
import LeakTrailKit

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One signature in full: stack, series per instance, oldest goroutines, advice.",
        discussion: """
        SIGNATURE is the hex id from trends or leaks, or any unique prefix of it.

        Example:
          leaktrail show 3f9a2c
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var analysis: AnalysisArguments
    @Argument(help: "A signature, or a unique prefix of one.") var signature: String

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
        print(ShowReport.text(LeakAnalyzer.analyze(history, options: analysis.options), history: history), terminator: "")
    }
}
