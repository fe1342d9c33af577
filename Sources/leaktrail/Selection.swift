import Foundation
import LeakTrailKit

/// What `--service` and `--instance` may name, checked before a command reads: an unknown
/// name is "nothing to show" (exit 4) with the names the store does hold, never an empty
/// answer that reads as "all is well".
enum Selection {
    static func check(_ store: any SnapshotStore, path: String, service: String?, instance: String?) throws {
        guard service != nil || instance != nil else { return }
        let known = try StoreExit.querying { try store.instances() }
        if let service, !known.contains(where: { $0.service == service }) {
            throw CommandFailure(.nothingToShow, "no service \(service) in \(path); it holds \(list(known.map(\.service)))")
        }
        let inService = known.filter { service == nil || $0.service == service }
        if let instance, !inService.contains(where: { $0.instance == instance }) {
            let scope = service.map { " of service \($0)" } ?? ""
            throw CommandFailure(.nothingToShow, "no instance \(instance)\(scope) in \(path); it holds \(list(inService.map(\.instance)))")
        }
    }

    /// `compare`'s windows: one that matched no snapshot of any service is nothing to show,
    /// not a table of changes called unknown.
    static func check(_ comparisons: [Comparison], before: String, after: String, path: String) throws {
        for (flag, window, side) in [("--before", before, \Comparison.before), ("--after", after, \Comparison.after)]
        where comparisons.allSatisfy({ $0[keyPath: side].coverage.isEmpty }) {
            throw CommandFailure(.nothingToShow, "\(flag) \(window) matched no snapshot in \(path); "
                + "see `leaktrail snapshots` for the times, epochs and instances it holds")
        }
    }

    /// `a, b, c` — at most ten distinct names, then how many more.
    static func list(_ names: [String]) -> String {
        var seen = Set<String>()
        let distinct = names.filter { seen.insert($0).inserted }
        let shown = distinct.prefix(10).joined(separator: ", ")
        return distinct.count > 10 ? "\(shown) and \(distinct.count - 10) more" : shown
    }

    /// `between 2026-… and 2026-…`, `since …`, `until …`: the time window a selection had.
    static func window(since: String?, until: String?) -> String {
        switch (since, until) {
        case let (s?, u?): " between \(s) and \(u)"
        case let (s?, nil): " since \(s)"
        case let (nil, u?): " until \(u)"
        case (nil, nil): ""
        }
    }
}
