import ArgumentParser
import LeakTrailKit

@main
struct LeakTrail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaktrail",
        abstract: "Find goroutine leaks in Go services from the goroutine dumps they already produce.",
        discussion: """
        A single dump shows thousands of goroutines and no culprit; a series of dumps over time shows which stack keeps growing. leaktrail reads dumps of every shape the Go runtime writes, groups goroutines by stack signature and follows each signature across snapshots, per instance and across restarts.

        Examples:
          leaktrail analyze dumps/               (import, print leaks, write a report)
          leaktrail parse goroutines.txt         (group one dump, no store)
          leaktrail import --service api dumps/  (then leaks, trends, show, report)
          leaktrail collect api/pod-1=http://10.0.0.5:6060  (sample live pprof endpoints)
          leaktrail leaks --fail-on leak         (exit 1 in CI on a leak)
        """,
        version: LeakTrailVersion.current,
        subcommands: [Parse.self, Import.self, Collect.self, Snapshots.self, Top.self, Trends.self, Leaks.self, Show.self, Diff.self, Report.self, Analyze.self, Compare.self, Accept.self]
    )
}
