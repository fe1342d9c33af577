import ArgumentParser
import LeakTrailKit

struct Snapshots: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the snapshots in the store, oldest first.",
        discussion: """
        A snapshot is one dump of one instance at one moment. Columns: id, time (UTC), \
        service, instance, epoch (process lifetime: a restart starts the next), format, \
        goroutines, source file.

        Example:
          leaktrail snapshots --instance inst-a --format csv
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this instance.") var instance: String?
    @OptionGroup var output: ListingOptions

    func run() throws {
        let db = try store.openExisting()
        try Selection.check(db, path: store.path, service: service, instance: instance)
        let snapshots = try StoreExit.querying { try db.snapshots(service: service, instance: instance) }
        output.print(StoredSnapshot.listing(snapshots))
    }
}
