import ArgumentParser
import Foundation
import LeakTrailKit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "New, gone, grown and shrunk signatures between two snapshots.",
        discussion: """
        A and B are snapshot ids (see `leaktrail snapshots`) or times: a time picks the last \
        snapshot of --instance taken at or before it. Give the earlier snapshot first. A diff \
        across instances, across a restart or backwards in time is done, with a warning.

        Examples:
          leaktrail diff 12 40
          leaktrail diff --instance inst-a 2026-11-27T16:26:00Z 2026-11-27T16:31:00Z
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The earlier snapshot: an id or a time.") var a: String
    @Argument(help: "The later snapshot: an id or a time.") var b: String
    @Option(help: "With times: snapshots of this instance (needed when the store holds several).") var instance: String?
    @Option(help: "Group stacks by line (exact) or function (names only).") var by: SignatureLevel = .line
    @OptionGroup var output: ListingOptions

    func validate() throws {
        for v in [a, b] where snapshotID(v) == nil && TimeParser.time(option: v) == nil {
            throw ValidationError("\(v) is neither a snapshot id nor a time (2026-11-27T15:07:24Z).")
        }
        if instance != nil && snapshotID(a) != nil && snapshotID(b) != nil {
            throw ValidationError("--instance goes with times; snapshot ids \(a) and \(b) already name their instances.")
        }
    }

    func run() throws {
        let db = try store.openExisting()
        try Selection.check(db, path: store.path, service: nil, instance: instance)
        let (x, y) = (try snapshot(a, db), try snapshot(b, db))
        warnAbout(x, y)
        let diff = try StoreExit.querying {
            SnapshotDiff(before: try db.groupCounts(snapshot: x.id, level: by), after: try db.groupCounts(snapshot: y.id, level: by))
        }
        output.print(diff.listing(topFrames: try StoreExit.querying { try db.topFrames(level: by) }))
    }

    /// A short number is an id; ten or more digits are Unix seconds or milliseconds.
    private func snapshotID(_ v: String) -> Int64? { v.count < 10 ? Int64(v) : nil }

    private func snapshot(_ v: String, _ db: any SnapshotStore) throws -> StoredSnapshot {
        if let id = snapshotID(v) {
            guard let s = try StoreExit.querying({ try db.snapshot(id: id) }) else {
                throw CommandFailure(.nothingToShow, "no snapshot \(id) in \(store.path); see `leaktrail snapshots` for the ids it holds")
            }
            return s
        }
        if instance == nil, case let known = try StoreExit.querying({ try db.instances() }), known.count > 1 {
            throw ValidationError("\(v) is a time, and \(store.path) holds \(known.count) instances (\(Selection.list(known.map(\.instance)))): give --instance.")
        }
        let time = TimeParser.time(option: v)!
        guard let id = try StoreExit.querying({ try db.snapshotID(atOrBefore: time, instance: instance) }),
              let s = try StoreExit.querying({ try db.snapshot(id: id) }) else {
            throw CommandFailure(.nothingToShow, "no snapshot\(instance.map { " of instance \($0)" } ?? "") at or before \(v) in \(store.path); see `leaktrail snapshots`")
        }
        return s
    }
}
