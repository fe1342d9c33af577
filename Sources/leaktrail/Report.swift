import ArgumentParser
import Foundation
import LeakTrailKit

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the leak report of the store: HTML with charts, Markdown, or JSON.",
        discussion: """
        Leaks and stuck sets most serious first, each with its series per instance, culprit, \
        stack, growth, projection, evidence and fix; then the largest healthy signatures and \
        how verdicts were decided. HTML is one self-contained file (no script, no network). \
        JSON is the `leaks` contract plus a "summary" object. The format is --format, else \
        the -o file's extension (.html, .md, .json), else HTML. The same store and --now \
        give the same bytes.

        Examples:
          leaktrail report -o leaktrail-report.html
          leaktrail report --format markdown --service orders-api > LEAKS.md
          leaktrail report -o report.html --source ~/src/orders-api  (with source lines)
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The report format (default: from the -o extension, else html).") var format: LeakReportFormat?
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp("The report's generation time (for reproducible output).", valueName: "time")) var now: String?
    @OptionGroup var analysis: AnalysisArguments
    @OptionGroup var failOn: FailOnArgument
    @OptionGroup var config: KnownGoroutinesOption
    @OptionGroup var source: SourceOption

    func validate() throws {
        if let now, TimeParser.time(option: now) == nil {
            throw ValidationError("--now \(now) is not a time: use 2026-11-27T15:07:24Z, 20261127T150724Z or Unix seconds/ms.")
        }
        _ = try ReportOutput.format(format, output: output)
        try ReportOutput.checkWritable(output)
    }

    func run() throws {
        let db = try store.openExisting()
        try Selection.check(db, path: store.path, service: analysis.service, instance: analysis.instance)
        let doc = try source.attached(to: config.applied(to: StoreExit.querying {
            try db.reportDocument(analysis.filter(), options: analysis.options, now: now.flatMap(TimeParser.time(option:)) ?? Date())
        }))
        if doc.summary.snapshots == 0 { throw analysis.emptySelection(path: store.path) }
        try ReportOutput.write(try doc.rendered(as: try ReportOutput.format(format, output: output)), to: output)
        FailOnArgument.noteCoverage(doc.analysis)
        try failOn.apply(doc.analysis)
    }
}
