import ArgumentParser
import Foundation
import LeakTrailKit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "New, gone, grown and shrunk signatures between two snapshots.",
        discussion: """
        A and B are snapshot ids (see `leaktrail snapshots`) or times: a time picks the last \
        snapshot taken at or before it (of --instance, when given).

        Example:
          leaktrail diff 12 40
          leaktrail diff --instance web-1 2026-11-27T14:00:00Z 2026-11-27T15:00:00Z
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The earlier snapshot: an id or a time.") var a: String
    @Argument(help: "The later snapshot: an id or a time.") var b: String
    @Option(help: "With times: snapshots of this instance.") var instance: String?
    @Option(help: "Group stacks by line (exact) or function (names only).") var by: SignatureLevel = .line
    @Option(help: "table, json or csv.") var format: ListingFormat = .table

    func validate() throws {
        for v in [a, b] where Int64(v) == nil && TimeParser.time(option: v) == nil {
            throw ValidationError("\(v) is neither a snapshot id nor a time (2026-11-27T15:07:24Z).")
        }
    }

    func run() throws {
        let store = try store.open()
        let diff = try StoreExit.querying { () throws -> SnapshotDiff in
            let (x, y) = (try snapshotID(a, store), try snapshotID(b, store))
            return SnapshotDiff(before: try store.groupCounts(snapshot: x, level: by), after: try store.groupCounts(snapshot: y, level: by))
        }
        let frames = try StoreExit.querying { try store.topFrames(level: by) }
        print(diff.listing(topFrames: frames).rendered(as: format), terminator: "")
    }

    private func snapshotID(_ v: String, _ store: LeakStore) throws -> Int64 {
        if Int(v) != nil && v.count < 10, let id = Int64(v) { return id }
        guard let time = TimeParser.time(option: v), let id = try store.snapshotID(atOrBefore: time, instance: instance) else {
            throw StoreError.noSnapshot("no snapshot at or before \(v)\(instance.map { " of \($0)" } ?? "")")
        }
        return id
    }
}
