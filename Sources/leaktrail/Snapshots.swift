import ArgumentParser
import LeakTrailKit

struct Snapshots: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the snapshots in the store, oldest first.",
        discussion: """
        Columns: id, time (UTC), service, instance, epoch (process lifetime), format, goroutines, source.

        Example:
          leaktrail snapshots --instance web-1 --format csv
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this instance.") var instance: String?
    @Option(help: "table, json or csv.") var format: ListingFormat = .table

    func run() throws {
        let store = try store.open()
        let snapshots = try StoreExit.querying { try store.snapshots(service: service, instance: instance) }
        print(StoredSnapshot.listing(snapshots).rendered(as: format), terminator: "")
    }
}
