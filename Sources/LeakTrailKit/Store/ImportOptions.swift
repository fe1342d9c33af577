import Foundation

/// What `import` was told, and the clock it runs by.
public struct ImportOptions: Sendable {
    /// `--service`; `default` when not given.
    public var service: String
    /// Whether `--service` was given: a collect archive's paths name the service otherwise.
    public var serviceGiven: Bool
    /// `--instance`; nil means the name of each file's parent directory.
    public var instance: String?
    /// `--at`: the capture time of every input, overriding what names and contents say.
    public var at: Date?
    /// Parser threads; the writer runs on the calling thread.
    public var parallelism: Int
    /// Batches waiting for the writer at most: bounds memory whatever the input size.
    public var queueCapacity: Int
    /// The time given to standard input that says nothing of its own time.
    public var now: Date

    public init(service: String? = nil, instance: String? = nil, at: Date? = nil,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                queueCapacity: Int = 2, now: Date = Date()) {
        self.service = service ?? "default"
        self.serviceGiven = service != nil
        self.instance = instance
        self.at = at
        self.parallelism = max(1, parallelism)
        self.queueCapacity = max(1, queueCapacity)
        self.now = now
    }
}

/// Why one input was not imported: it names the file, the line when one is known, and why.
public struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The line the parser had reached (0 when unknown or not a line-based input).
    public var line: Int
    public var reason: String
    /// The content is none of the formats leaktrail reads (not a broken dump).
    public var notADump: Bool

    public init(path: String, line: Int = 0, reason: String, notADump: Bool = false) {
        self.path = path
        self.line = line
        self.reason = reason
        self.notADump = notADump
    }

    public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
}
