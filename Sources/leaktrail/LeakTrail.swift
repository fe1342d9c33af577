import ArgumentParser
import LeakTrailKit

@main
struct LeakTrail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaktrail",
        abstract: "Find goroutine leaks in Go services from the goroutine dumps they already produce.",
        discussion: """
        A single dump shows thousands of goroutines and no culprit; a series of dumps over
        time shows which stack keeps growing. leaktrail reads dumps of every shape the Go
        runtime writes, groups goroutines by stack signature and follows each signature
        across snapshots.

        Example:
          leaktrail parse goroutines.txt
        """,
        version: LeakTrailVersion.current,
        subcommands: [Parse.self, Import.self, Snapshots.self, Top.self, Trends.self, Leaks.self, Show.self, Diff.self, Report.self, Analyze.self]
    )
}
