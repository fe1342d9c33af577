import ArgumentParser
import LeakTrailKit

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Show the largest stack signatures of one stored snapshot.",
        discussion: """
        The table starts with the snapshot it read: --snapshot latest is the newest of all \
        instances, or of --instance.

        Example:
          leaktrail top --instance inst-a --by function --limit 10
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("A snapshot id (see `leaktrail snapshots`), or latest.", valueName: "id|latest"))
    var snapshot: String = "latest"
    @Option(help: "With --snapshot latest: the newest snapshot of this instance.") var instance: String?
    @Option(help: "Group by line (exact stacks) or function (names only).") var by: SignatureLevel = .line
    @Option(parsing: .unconditional, help: "How many signatures to show (1 or more).") var limit: Int = 20
    @OptionGroup var output: ListingOptions

    func validate() throws {
        if snapshot != "latest" && Int64(snapshot) == nil {
            throw ValidationError("--snapshot \(snapshot): give a snapshot id (see `leaktrail snapshots`) or latest.")
        }
        if snapshot != "latest" && instance != nil {
            throw ValidationError("--instance picks the newest snapshot of an instance; it goes with --snapshot latest, not with an id.")
        }
        if limit < 1 { throw ValidationError("--limit \(limit): give how many signatures to show, 1 or more.") }
    }

    func run() throws {
        let db = try store.openExisting()
        try Selection.check(db, path: store.path, service: nil, instance: instance)
        let selector: LeakStore.SnapshotSelector = Int64(snapshot).map { .id($0) } ?? .latest
        let report = try StoreExit.querying { try db.top(selector, instance: instance, by: by, limit: limit) }
        if output.isTable {
            let s = report.snapshot
            print("snapshot \(s.id) of \(s.service)/\(s.instance) at \(s.time): \(s.goroutines) goroutines")
            if selector == .latest {
                print(instance == nil ? "(the newest snapshot of all instances; --instance or --snapshot picks another)"
                                      : "(the newest snapshot of \(s.instance); --snapshot picks another)")
            }
            print()
        }
        output.print(report.listing)
    }
}
