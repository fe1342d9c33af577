import ArgumentParser
import Foundation
import LeakTrailKit

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the leak report of the store: HTML with charts, Markdown, or JSON.",
        discussion: """
        Leaks and stuck sets most serious first, each with its series per instance, culprit, \
        stack, growth, projection, evidence and fix; then the largest healthy signatures and \
        how verdicts were decided. HTML is one self-contained file (no script, no network). \
        JSON is the `leaks` contract plus a "summary" object. The same store and --now give \
        the same bytes.

        Examples:
          leaktrail report -o report.html
          leaktrail report --format markdown --service checkout > LEAKS.md
          leaktrail report -o report.html --source ~/src/orders-api   (with the culprits' source lines)
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: "html, markdown or json (default: from the -o extension, else html).") var format: LeakReportFormat?
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
    }

    func run() throws {
        let store = try store.open()
        let doc = try source.attached(to: config.applied(to: StoreExit.querying {
            try store.reportDocument(analysis.filter(), options: analysis.options, now: now.flatMap(TimeParser.time(option:)) ?? Date())
        }))
        let text = try doc.rendered(as: format ?? output.map(LeakReportFormat.inferred(fromPath:)) ?? .html)
        try ReportOutput.write(text, to: output)
        FailOnArgument.noteCoverage(doc.analysis)
        try failOn.apply(doc.analysis)
    }
}

/// Where a report goes: a file, or standard output.
enum ReportOutput {
    static func write(_ text: String, to path: String?) throws {
        guard let path else { return print(text, terminator: "") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Diagnostics.error("cannot write the report to \(path): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}

extension LeakReportFormat: ExpressibleByArgument {}
