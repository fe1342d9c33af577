import ArgumentParser
import Foundation
import LeakTrailKit

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Before and after a deploy: which leaks are new, which grew faster, which stopped.",
        discussion: """
        Each window is analysed on its own, per service across its instances. A window is \
        T1..T2 (times; either end may be open), epoch:N (each instance's Nth process lifetime) \
        or instance:PATTERN (the pods of one release, a canary), or several joined by commas. \
        Stacks are grouped by function by default, so that code moved by the deploy is still \
        the same signature. A change is called new only where the before window could have \
        seen it; otherwise it is unknown. Exits 1 when --fail-on matches, 5 when it cannot pass \
        because a window had too little data, 2 on a bad window or list.

        Examples:
          leaktrail compare --before 2026-11-27T10:00:00Z..2026-11-27T11:00:00Z \\
              --after 2026-11-27T11:05:00Z.. --fail-on new-leak
          leaktrail compare --service orders-api --before instance:inst-b \\
              --after instance:inst-a --format markdown
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The window before: T1..T2, epoch:N or instance:PATTERN.", valueName: "window")) var before: String
    @Option(help: ArgumentHelp("The window after, written the same way.", valueName: "window")) var after: String
    @Option(help: "Only this service (default: each service in the store).") var service: String?
    @Option(help: "Group stacks by function (default, survives code moving) or line.") var by: SignatureLevel = .function
    @Option(name: .customLong("module"), help: ArgumentHelp("A package path prefix that is your code (repeatable).", valueName: "prefix"))
    var modules: [String] = []
    @Option(name: .customLong("faster-ratio"), help: "How many times faster a leak must grow after to count as faster.") var fasterRatio = 1.5
    @Option(help: "table, json or markdown.") var format: ComparisonFormat = .table
    @OptionGroup var table: WideOption
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 on: new-leak, new-stuck, faster (comma-separated).", valueName: "changes"))
    var failOn: [String] = []
    @OptionGroup var config: KnownGoroutinesOption

    func validate() throws {
        for (name, text) in [("--before", before), ("--after", after)] {
            do { _ = try CompareWindow.parse(text) } catch { throw ValidationError("\(name): \(error)") }
        }
        if fasterRatio <= 1 { throw ValidationError("--faster-ratio must be above 1.") }
        _ = try failKinds()
    }

    func failKinds() throws -> Set<CompareFailOn> {
        try Set(failOn.flatMap { $0.split(separator: ",") }.map { word in
            guard let k = CompareFailOn(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--fail-on \(word): use new-leak, new-stuck or faster (comma-separated).")
            }
            return k
        })
    }

    func run() throws {
        let request = CompareRequest(before: try CompareWindow.parse(before), after: try CompareWindow.parse(after), service: service,
                                     level: by, options: AnalysisOptions(modulePrefixes: modules), known: try config.load(),
                                     today: config.today, fasterRatio: fasterRatio)
        let db = try store.openExisting()
        try Selection.check(db, path: store.path, service: service, instance: nil)
        let comparisons = try StoreExit.querying { try db.compare(request) }
        try Selection.check(comparisons, before: before, after: after, path: store.path)
        if format == .table && comparisons.allSatisfy({ $0.entries.isEmpty }) {
            print("Nothing flagged in either window\(service.map { " of \($0)" } ?? ""): no leak or stuck set before or after.")
        } else {
            print(try Comparison.rendered(comparisons, as: format, width: table.width), terminator: "")
        }
        try FailOnArgument.conclude(Comparison.gate(comparisons, try failKinds()),
                                    blind: "a window judged nothing, or a change is unknown (see why)")
    }
}

extension ComparisonFormat: ExpressibleByArgument {}
