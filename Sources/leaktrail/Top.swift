import ArgumentParser
import LeakTrailKit

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the largest stack signatures of one stored snapshot.",
        discussion: """
        Example:
          leaktrail top --instance web-1 --by function --limit 10
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("A snapshot id, or latest.", valueName: "id|latest")) var snapshot: String = "latest"
    @Option(help: "With --snapshot latest: the newest snapshot of this instance.") var instance: String?
    @Option(help: "Group by line (exact stacks) or function (names only).") var by: Level = .line
    @Option(help: "How many signatures to show.") var limit: Int = 20
    @Option(help: "table, json or csv.") var format: ListingFormat = .table

    enum Level: String, ExpressibleByArgument { case line, function }

    func validate() throws {
        if snapshot != "latest" && Int64(snapshot) == nil {
            throw ValidationError("--snapshot \(snapshot): give a snapshot id (see `leaktrail snapshots`) or latest.")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let store = try store.open()
        let selector: LeakStore.SnapshotSelector = Int64(snapshot).map { .id($0) } ?? .latest
        let level: SignatureLevel = by == .line ? .line : .function
        let report = try StoreExit.querying { try store.top(selector, instance: instance, by: level, limit: limit) }
        print(report.listing.rendered(as: format), terminator: "")
    }
}
