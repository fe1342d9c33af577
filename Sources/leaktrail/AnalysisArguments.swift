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
    @Option(name: .customLong("min-snapshots"), help: "Snapshots a process lifetime needs before any verdict.") var minSnapshots = 8
    @Option(name: .customLong("min-span"), help: ArgumentHelp("Seconds a process lifetime must cover before any verdict.", valueName: "seconds"))
    var minSpan = 180.0
    @Option(name: .customLong("min-growth"), help: "Goroutines a leak must have kept.") var minGrowth = 3
    @Option(name: .customLong("min-lag"), help: ArgumentHelp(
        "Seconds a goroutine must stay to count as kept (longer than your requests, batches and pooled connections live).",
        valueName: "seconds"))
    var minLag = 120.0

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, TimeParser.time(option: value) == nil {
                throw ValidationError("\(name) \(value) is not a time: use 2026-11-27T15:07:24Z or Unix seconds.")
            }
        }
        if minSnapshots < 3 { throw ValidationError("--min-snapshots must be at least 3.") }
        if minGrowth < 1 { throw ValidationError("--min-growth must be at least 1.") }
        if minSpan < 0 { throw ValidationError("--min-span must not be negative.") }
        if minLag < 1 { throw ValidationError("--min-lag must be at least 1 second.") }
    }

    func filter(signaturePrefix: String? = nil) -> LeakStore.HistoryFilter {
        LeakStore.HistoryFilter(service: service, instance: instance, since: since.flatMap(TimeParser.time(option:)),
                                until: until.flatMap(TimeParser.time(option:)), level: by, signaturePrefix: signaturePrefix)
    }

    var options: AnalysisOptions {
        AnalysisOptions(minSnapshots: minSnapshots, minSpan: minSpan, minGrowth: minGrowth, minLag: minLag, modulePrefixes: modules)
    }
}
