import ArgumentParser
import Foundation
import LeakTrailKit

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Import dumps, print the leaks, and write the report: the whole job in one command.",
        discussion: """
        Lay dumps out as SERVICE/INSTANCE/goroutine-<time>.txt (any format; the time from the \
        file name). The instance is each file's directory; the service is --service, else the \
        name of the one directory given. The store is in memory unless --db names a file. \
        The report's format follows the -o extension (.html, .md, .json). Exits 1 when \
        --fail-on matched, 6 when an input failed (the others are analysed), 4 when no input \
        was a dump, 3 when the store could not be opened or its disk filled up, 5 when \
        --fail-on cannot pass because an instance had too little data, 0 otherwise.

        Example:
          leaktrail analyze SampleTraces/series/orders-api
        """)

    @Argument(help: "Dump files or directories (recursive).") var paths: [String] = []
    @Option(help: ArgumentHelp("Keep the store in this file (default: in memory).", valueName: "path")) var db: String?
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The report file; .html, .md or .json.", valueName: "file"))
    var output = "leaktrail-report.html"
    @Option(help: "The service the dumps came from (default: the directory's name).") var service: String?
    @Option(help: ArgumentHelp("The report's generation time (for reproducible output).", valueName: "time")) var now: String?
    @OptionGroup var failOn: FailOnArgument
    @Option(name: .customLong("module"), help: ArgumentHelp("A package path prefix that is your code (repeatable).", valueName: "prefix"))
    var modules: [String] = []
    @OptionGroup var config: KnownGoroutinesOption
    @OptionGroup var source: SourceOption

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one dump file or directory.") }
        if let now, TimeParser.time(option: now) == nil { throw ValidationError("--now \(now) is not a time: use 2026-11-27T15:07:24Z.") }
        _ = try ReportOutput.format(nil, output: output)
        try ReportOutput.checkWritable(output)
    }

    func run() throws {
        let store = try openStore()
        let summary = try StoreExit.querying { try Importer(store: store, options: ImportOptions(service: serviceName)).run(paths) }
        for failure in summary.failures { Diagnostics.error(failure.description) }
        // A store that filled its disk holds only part of the dumps: no report from that.
        if summary.notTried > 0 { throw CommandFailure(.store) }
        // No dumps at all is not a clean result: there is nothing to judge.
        if try summary.fileCount == 0 || StoreExit.querying({ try store.instances() }).isEmpty {
            throw CommandFailure(summary.failures.isEmpty ? .nothingToShow : .inputsFailed,
                "no goroutine dumps in \(paths.joined(separator: ", "))"
                + (summary.ignored.isEmpty ? "" : " (\(summary.ignored.count) other file\(summary.ignored.count == 1 ? "" : "s") ignored)")
                + "; capture some with curl 'http://HOST/debug/pprof/goroutine?debug=2'")
        }
        let doc = try source.attached(to: config.applied(to: StoreExit.querying {
            try store.reportDocument(options: AnalysisOptions(modulePrefixes: modules), source: db.map { _ in store.location } ?? paths.joined(separator: " "),
                                     now: now.flatMap(TimeParser.time(option:)) ?? Date())
        }))
        print(LeakSummaryTableRenderer(style: Terminal.style(for: .standardOutput)).render(doc))
        try ReportOutput.write(try doc.rendered(as: try ReportOutput.format(nil, output: output)), to: output)
        print("Report: \(output)")
        if !summary.failures.isEmpty { throw CommandFailure(.inputsFailed) }
        try failOn.apply(doc.analysis)
    }

    /// The --db store, or a private one in memory.
    func openStore() throws -> any SnapshotStore {
        do {
            return try db.map { try StoreLocation.open($0) } ?? LeakStore()
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
    }

    /// `--service`, else the name of the single directory given (`orders-api` for
    /// `SampleTraces/series/orders-api`), else `default`.
    var serviceName: String? {
        if let service { return service }
        var isDirectory: ObjCBool = false
        guard paths.count == 1, FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let name = URL(fileURLWithPath: paths[0]).standardizedFileURL.lastPathComponent
        return name.isEmpty || name == "/" ? nil : name
    }
}
