import ArgumentParser
import Foundation
import LeakTrailKit

/// The options `trends`, `leaks` and `show` share: which series to read, how to group stacks,
/// how much evidence a verdict needs, and which code is yours.
struct AnalysisArguments: ParsableArguments {
    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this instance.") var instance: String?
    @Option(help: ArgumentHelp("Only snapshots taken at or after this time (ISO 8601 or Unix seconds).", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Only snapshots taken at or before this time.", valueName: "time")) var until: String?
    @Option(help: "Group stacks by line (exact) or function (names only).") var by: SignatureLevel = .line
    @Option(name: .customLong("module"), help: ArgumentHelp("A package path prefix that is your code (repeatable).", valueName: "prefix"))
    var modules: [String] = []
    @Option(name: .customLong("min-snapshots"), parsing: .unconditional, help: "Snapshots a process lifetime needs before any verdict.")
    var minSnapshots = 8
    @Option(name: .customLong("min-span"), parsing: .unconditional,
            help: ArgumentHelp("Seconds a process lifetime must cover before any verdict.", valueName: "seconds"))
    var minSpan = 180.0
    @Option(name: .customLong("min-growth"), parsing: .unconditional, help: "Goroutines a leak must have kept.") var minGrowth = 3
    @Option(name: .customLong("min-lag"), parsing: .unconditional, help: ArgumentHelp(
        "Seconds a goroutine must stay to count as kept (longer than your requests, batches and pooled connections live).",
        valueName: "seconds"))
    var minLag = 120.0
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Time buckets per instance a longer window is thinned to (real captures, one per bucket), bounding memory; 0 reads every snapshot.",
        valueName: "n"))
    var buckets = LeakStore.HistoryFilter.defaultBuckets

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, TimeParser.time(option: value) == nil {
                throw ValidationError("\(name) \(value) is not a time: use 2026-11-27T15:07:24Z or Unix seconds.")
            }
        }
        if minSnapshots < 3 { throw ValidationError("--min-snapshots \(minSnapshots): a trend needs at least 3.") }
        if !(minSpan >= 0) { throw ValidationError("--min-span \(minSpan): give the seconds a process lifetime must cover, 0 or more.") }
        if minGrowth < 1 { throw ValidationError("--min-growth \(minGrowth): give the goroutines a leak must keep, 1 or more.") }
        if buckets < 0 { throw ValidationError("--buckets \(buckets): give the time buckets per instance, or 0 to read every snapshot.") }
        if !(minLag >= 1) { throw ValidationError("--min-lag \(minLag): give the seconds a goroutine must stay to count as kept, 1 or more.") }
        if let since, let until, let s = TimeParser.time(option: since), let u = TimeParser.time(option: until), s > u {
            throw ValidationError("--since \(since) is after --until \(until): the window is empty.")
        }
    }

    /// Reads the histories of the selection; an unknown service or instance, or a window
    /// with no snapshot in it, is "nothing to show".
    func histories(_ store: any SnapshotStore, path: String, signaturePrefix: String? = nil) throws -> [SignatureHistory] {
        try Selection.check(store, path: path, service: service, instance: instance)
        let histories = try StoreExit.querying { try store.histories(filter(signaturePrefix: signaturePrefix)) }
        if histories.isEmpty && signaturePrefix == nil { throw emptySelection(path: path) }
        return histories
    }

    /// The analysis of the selection, streamed (`leaks`): no command output needs the series.
    func analysis(_ store: any SnapshotStore, path: String) throws -> LeakAnalysis {
        try Selection.check(store, path: path, service: service, instance: instance)
        let analysis = try StoreExit.querying { try store.analysis(filter(), options: options) }
        if analysis.verdicts.isEmpty { throw emptySelection(path: path) }
        return analysis
    }

    /// "Nothing to show" for a selection (a time window) with no snapshot in it.
    func emptySelection(path: String) -> CommandFailure {
        CommandFailure(.nothingToShow, "no snapshot in \(path)\(Selection.window(since: since, until: until))\(scope); "
            + "see `leaktrail snapshots` for what it holds")
    }

    /// ` of instance web-1`, ` of service api`: the selection, for messages.
    var scope: String {
        instance.map { " of instance \($0)" } ?? service.map { " of service \($0)" } ?? ""
    }

    func filter(signaturePrefix: String? = nil) -> LeakStore.HistoryFilter {
        LeakStore.HistoryFilter(service: service, instance: instance, since: since.flatMap(TimeParser.time(option:)),
                                until: until.flatMap(TimeParser.time(option:)), level: by, signaturePrefix: signaturePrefix,
                                buckets: buckets == 0 ? nil : buckets)
    }

    var options: AnalysisOptions {
        AnalysisOptions(minSnapshots: minSnapshots, minSpan: minSpan, minGrowth: minGrowth, minLag: minLag, modulePrefixes: modules)
    }
}
