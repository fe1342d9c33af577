import ArgumentParser
import Foundation
import LeakTrailKit

struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove snapshots older than an age, with their rows.",
        discussion: """
        On PostgreSQL whole days go by dropping their partitions (a metadata change, however \
        many rows they hold); the rest of the boundary day is deleted row by row. On SQLite the \
        rows are deleted in one transaction. Either way the store keeps exactly the snapshots \
        captured at or after the cutoff.

        Example:
          leaktrail prune --db postgres://leaktrail@db:5432/fleet --older-than 30d
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Remove snapshots captured before this age: 90m, 12h, 30d or 2w.", valueName: "age")) var olderThan: String
    @Option(help: ArgumentHelp("Measure the age from this time instead of the clock.", valueName: "time")) var now: String?

    func validate() throws {
        if RetentionAge.seconds(olderThan) == nil { throw ValidationError("--older-than \(olderThan): give a whole number and m, h, d or w (30d).") }
        if let now, TimeParser.time(option: now) == nil { throw ValidationError("--now \(now) is not a time: use 2026-11-27T15:07:24Z.") }
    }

    func run() throws {
        let store = try store.open()
        let clock = now.flatMap(TimeParser.time(option:)) ?? Date()
        let cutoff = clock.addingTimeInterval(-(RetentionAge.seconds(olderThan) ?? 0))
        let summary = try StoreExit.querying { try store.prune(before: cutoff) }
        print("pruned \(summary.snapshots) snapshot\(summary.snapshots == 1 ? "" : "s") captured before \(RFC3339.string(cutoff))"
            + (summary.partitionsDropped > 0 ? " (\(summary.partitionsDropped) day partition\(summary.partitionsDropped == 1 ? "" : "s") dropped)" : ""))
    }
}
