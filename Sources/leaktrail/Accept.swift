import ArgumentParser
import Foundation
import LeakTrailKit

struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a known signature: append an entry to .leaktrail.toml so that no gate fails on it.",
        discussion: """
        The entry is appended to the list (--config, else the nearest .leaktrail.toml above the \
        current directory, else a new ./.leaktrail.toml); the text already there is kept as it \
        is. An accepted finding is still shown, marked accepted, with its reason. A prefix of a \
        signature is looked up in the store; all 16 digits need none. Exits 2 on a bad value or \
        a list that cannot be read, 4 when the prefix matches no signature or several.

        Example:
          leaktrail accept 6141e645 --reason "ticker lives as long as the process" \\
              --owner team-orders --expires 2027-03-31
        """)

    @Argument(help: "A signature, or a unique prefix of one.") var signature: String
    @Option(help: "Why these goroutines may stay (required).") var reason: String
    @Option(help: "Who answers for the entry.") var owner: String?
    @Option(help: ArgumentHelp("The last day the entry accepts (YYYY-MM-DD); after it, it warns and accepts nothing.", valueName: "day"))
    var expires: String?
    @Option(help: "Group stacks by line or function, as the gate that should skip it does.") var by: SignatureLevel = .line
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: KnownGoroutinesOption

    func validate() throws {
        if signature.isEmpty || signature.count > 16 || !signature.allSatisfy(\.isHexDigit) {
            throw ValidationError("\(signature) is not a signature: give the hex id shown by `leaktrail leaks`.")
        }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason is empty: say why these goroutines may stay.") }
        if let expires, CalendarDay(expires) == nil { throw ValidationError("--expires \(expires) is not a day: write 2027-03-31.") }
    }

    func run() throws {
        let (id, comment) = try resolve()
        let path = config.location ?? KnownGoroutines.fileName
        if let list = try? KnownGoroutines.load(path: path),
           let entry = list.entries.first(where: { $0.signature == id && !$0.isExpired(on: config.today) }) {
            return print("\(id.hex) is already accepted at \(path):\(entry.line)")
        }
        let text = AcceptedEntryText.entry(signature: id, reason: reason, owner: owner, expires: expires.flatMap(CalendarDay.init), comment: comment)
        do {
            let list = try AcceptedEntryText.append(text, to: path)
            print("accepted \(id.hex) at \(path):\(list.entries.last?.line ?? 0)")
        } catch let error as KnownGoroutinesError {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    /// The full id, and a comment saying what it is when the store has it.
    func resolve() throws -> (StackSignature, String?) {
        let full = StackSignature(hex: signature.lowercased())
        guard StoreLocation.isServer(store.path) || FileManager.default.fileExists(atPath: store.path) else {
            if let full { return (full, nil) }
            throw CommandFailure(.nothingToShow, "no store at \(store.path) to look up \(signature) in: give all 16 digits, or --db")
        }
        let db = try store.open()
        let histories = try StoreExit.querying { try db.histories(LeakStore.HistoryFilter(level: by, signaturePrefix: signature.lowercased())) }
        guard histories.count == 1, let history = histories.first else {
            if histories.isEmpty, let full { return (full, nil) }
            throw CommandFailure(.nothingToShow, histories.isEmpty ? "no signature starts with \(signature) in \(db.location)"
                : "\(signature) starts \(histories.count) signatures; give more digits")
        }
        let v = LeakAnalyzer.analyze(history)
        return (history.signature, "\(v.verdict.rawValue) · \(v.state)" + (v.culprit.map { " · \($0.function) \($0.file):\($0.line)" } ?? ""))
    }
}
