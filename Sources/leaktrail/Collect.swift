import ArgumentParser
import Foundation
import LeakTrailKit

struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Sample live pprof endpoints into the store, on a schedule.",
        discussion: """
        A target is URL or service/instance=URL (a bare URL is --service, instance host:port); \
        a URL without /debug/pprof/ in its path gets the capture's path appended. --targets \
        reads Prometheus file_sd JSON or YAML and reads it again when it changes. Each capture \
        is a snapshot timed by the request's start; a failed one is logged and counted, never \
        stored. SIGINT/SIGTERM: captures in flight finish and are stored (a second signal stops \
        at once). Proxies come from http_proxy, https_proxy and no_proxy only. Exits 0 when every \
        target was captured, 6 when some never were, 7 when none was, 3 on a store problem, \
        2 on a usage error.

        Example:
          leaktrail collect --every 30s --for 2h api/pod-1=http://10.0.0.5:6060
          leaktrail collect --targets targets.json --archive dumps/
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Time between two captures of a target (Go syntax: 30s, 1m30s).", valueName: "duration")) var every = "30s"
    @Option(name: .customLong("for"), help: ArgumentHelp("Stop after this long.", valueName: "duration")) var duration: String?
    @Option(parsing: .unconditional, help: "Stop after N attempts per target.") var count: Int?
    @Flag(help: "One capture per target, then stop (--count 1).") var once = false
    @Option(help: ArgumentHelp("Prometheus file_sd targets (JSON or YAML), read again when it changes.", valueName: "file")) var targets: String?
    @Option(help: "The service of bare URLs and unlabelled file entries.") var service = "default"
    @Option(help: "What to ask for: debug2, debug1, proto or goroutineleak (Go ≥ 1.26).") var capture = "debug2"
    @Option(help: ArgumentHelp("Limit for one capture, connect to last byte.", valueName: "duration")) var timeout = "10s"
    @Option(parsing: .unconditional, help: "Captures in flight at most.") var concurrency = 8
    @Option(help: ArgumentHelp("Also keep each capture's bytes here, gzipped; `import DIR` rebuilds the series.", valueName: "dir")) var archive: String?
    @Option(help: ArgumentHelp("CA certificates (PEM) to trust for https instead of the system's.", valueName: "file")) var ca: String?
    @Option(help: ArgumentHelp("Client certificate (PEM), with --key.", valueName: "file")) var cert: String?
    @Option(help: ArgumentHelp("Client private key (PEM), with --cert.", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("Request headers, one 'Name: value' a line (tokens go here, never on the command line).", valueName: "file")) var headerFile: String?
    @Option(help: "Summary format: text or json.") var format = "text"
    @Argument(help: ArgumentHelp("URL or service/instance=URL.", valueName: "target")) var urls: [String] = []

    func run() throws {
        let (options, source) = try CollectSetup.resolve(self)
        let leakStore = try store.open()
        let collector = Collector(store: leakStore, targets: source, options: options)
        let summary = try CollectSetup.run(collector, progress: CollectOutput())
        print(format == "json" ? summary.json : summary.lines.joined(separator: "\n"))
        switch summary.outcome {
        case .allCaptured: return
        case .someTargetsFailed: throw CommandFailure(.inputsFailed)
        case .nothingCaptured: throw CommandFailure(.noCapture)
        case .storeFailed: throw CommandFailure(.store, summary.storeError ?? "the store could not be written")
        }
    }
}
