import ArgumentParser
import Foundation
import LeakTrailKit

struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every snapshot of one store into another (SQLite or PostgreSQL).",
        discussion: """
        Each imported file is written again in one transaction, as `import` writes it: the \
        destination skips what it already holds (same instance, capture time and content), so a \
        copy that was interrupted is finished by running it again, and copying into a store \
        that holds some of the same files merges them. Epochs are placed anew by the same rules.

        Example:
          leaktrail copy --from leaktrail.sqlite --to postgres://leaktrail@db:5432/fleet
        """)

    @Option(help: ArgumentHelp("The store to read: a SQLite file or postgres://… address.", valueName: "path|url")) var from: String
    @Option(help: ArgumentHelp("The store to write (made when missing).", valueName: "path|url")) var to: String

    func validate() throws {
        if from == to { throw ValidationError("--from and --to name the same store.") }
    }

    func run() throws {
        if !StoreLocation.isServer(from) && !FileManager.default.fileExists(atPath: from) {
            throw CommandFailure(.nothingToShow, "no store at \(from): nothing to copy")
        }
        let source = try open(from)
        let destination = try open(to)
        let summary = try StoreExit.querying { try source.copy(to: destination) }
        print("copied \(summary.snapshots) snapshot\(summary.snapshots == 1 ? "" : "s") in \(summary.files) file\(summary.files == 1 ? "" : "s")"
            + " to \(destination.location); \(summary.skipped) already there")
    }

    private func open(_ location: String) throws -> any SnapshotStore {
        do {
            return try StoreLocation.open(location)
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
    }
}
