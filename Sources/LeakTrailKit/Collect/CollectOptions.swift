import Foundation

/// What `collect` was told: how often, for how long, what to ask for, and within which bounds.
public struct CollectOptions: Sendable {
    /// When collecting ends (`--for`, `--count`, `--once`), besides a stop request.
    public enum Limit: Sendable, Equatable {
        case forever
        /// Seconds from the start; captures in flight then still finish and are stored.
        case duration(Double)
        /// Attempts per target (`--once` is 1): a target that keeps failing does not keep
        /// `collect` running.
        case rounds(Int)
    }

    /// Seconds between two captures of one target.
    public var every: Double = 30
    public var limit: Limit = .forever
    public var capture: CaptureKind = .debug2
    /// Seconds one capture may take, from connecting to the last byte (redirects included).
    public var timeout: Double = 10
    /// Captures in flight at most: bounds open connections, memory (each holds at most
    /// `maxBytes`) and the load on the store's writer, whatever the number of targets.
    public var concurrency: Int = 8
    /// Go caps a `?debug=2` dump at 64 MiB; an answer larger than that is not Go's pprof.
    public var maxBytes: Int = 64 << 20
    /// `--archive DIR`: also keep each capture's bytes (see ``ArchiveLayout``).
    public var archive: String?
    public var tls = CollectTLS()
    /// From `--header-file`; sent with every request, never printed.
    public var headers: [HeaderField] = []
    public var proxies = ProxyEnvironment.none
    /// Seconds between two looks at the targets file for changes (at most `every`).
    public var targetsCheckInterval: Double = 5
    /// Seeds the schedule's phases and jitter (tests); random when nil.
    public var seed: UInt64?

    public init() {}
}

/// One request header from a header file.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Where the targets come from: the command line, a file_sd file re-read when it changes, or
/// both.
public struct TargetSource: Sendable {
    public var fixed: [CollectTarget]
    public var file: String?
    /// The service of bare URLs and of file entries without a `service` or `job` label.
    public var defaultService: String

    public init(fixed: [CollectTarget], file: String?, defaultService: String) {
        self.fixed = fixed
        self.file = file
        self.defaultService = defaultService
    }

    /// The current list; a duplicate series across the command line and the file is an error.
    public func load() throws -> [CollectTarget] {
        let all = try fixed + (file.map { try TargetFile.read($0, defaultService: defaultService) } ?? [])
        if let (a, b) = all.duplicateSeries() {
            throw CollectSetupError("\(a.url.absoluteString) and \(b.url.absoluteString) would both write \(a.name): give each its own service/instance")
        }
        return all
    }
}
