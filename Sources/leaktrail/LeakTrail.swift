import ArgumentParser
import Foundation
import LeakTrailKit

@main
struct LeakTrail: ParsableCommand {
    // Every command names itself (`commandName:`): otherwise ArgumentParser derives each
    // subcommand's name from its type through runtime reflection at every start, which was
    // half the start-up time of `leaktrail parse` (see docs/performance.md).
    static let configuration = CommandConfiguration(
        commandName: "leaktrail",
        abstract: "Find goroutine leaks in Go services from the goroutine dumps they already produce.",
        discussion: """
        A single dump shows thousands of goroutines and no culprit; a series of dumps over time shows which stack keeps growing. leaktrail reads dumps of every shape the Go runtime writes, groups goroutines by stack signature and follows each signature across snapshots, per instance and across restarts. A snapshot is one dump of one instance at one moment; the store (./leaktrail.sqlite, or --db) keeps them.

        Examples:
          leaktrail analyze dumps/               (import, print leaks, write a report)
          leaktrail parse goroutines.txt         (group one dump, no store)
          leaktrail import --service api dumps/  (then leaks, trends, show, report)
          leaktrail collect api/pod-1=http://10.0.0.5:6060  (sample live pprof endpoints)
          leaktrail leaks --fail-on leak         (exit 1 in CI on a leak)

        Exit status: 0 success, 1 findings matched --fail-on, 2 usage error, 3 the store cannot be used, 4 nothing to show, 5 not enough data for a verdict, 6 some inputs failed, 7 collect captured nothing.
        """,
        subcommands: [Parse.self, Import.self, Collect.self, Snapshots.self, Top.self, Trends.self, Leaks.self, Show.self, Diff.self,
                      Report.self, Analyze.self, Compare.self, Accept.self, Prune.self, Copy.self, Completions.self]
    )

    @Flag(name: [.customShort("V"), .long], help: "Print the version and exit.") var version = false
    @Flag(name: .customLong("help-man"), help: .hidden) var manual = false

    /// `leaktrail: error: …` for ArgumentParser's own messages too.
    static var _errorPrefix: String { "leaktrail: error: " }

    func run() throws {
        if version { return print(LeakTrailVersion.current) }
        if manual { return print(ManualPage.text, terminator: "") }
        throw CleanExit.helpRequest(self)
    }
}
