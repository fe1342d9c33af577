import GRDB

/// A snapshot as the store lists it: when, where, which process lifetime, what it held.
public struct StoredSnapshot: Sendable, Equatable, FetchableRecord {
    public var id: Int64
    /// Capture time, Unix milliseconds.
    public var timeMs: Int64
    public var timeSource: TimeSource
    public var service: String
    public var instance: String
    /// 1-based process lifetime within the instance.
    public var epoch: Int
    /// Why this snapshot starts an epoch (nil when it continues the previous one).
    public var epochReason: String?
    public var format: String
    public var profile: String
    public var goroutines: Int
    public var issues: Int
    /// The input's path as given to `import`.
    public var source: String

    /// The columns of ``selectSQL``, in order.
    enum Columns: Int {
        case id, timeMs, timeSource, service, instance, epoch, epochReason, format, profile, goroutines, issues, source
    }

    static let selectSQL = """
        SELECT s.id, s.time_ms, s.time_source, sv.name, i.name, s.epoch, s.epoch_reason, s.format, s.profile,
               s.goroutines, s.issues, s.source
        FROM snapshots s JOIN instances i ON i.id = s.instance_id JOIN services sv ON sv.id = i.service_id
        """

    public init(id: Int64, timeMs: Int64, timeSource: TimeSource, service: String, instance: String, epoch: Int, epochReason: String?,
                format: String, profile: String, goroutines: Int, issues: Int, source: String) {
        self.id = id
        self.timeMs = timeMs
        self.timeSource = timeSource
        self.service = service
        self.instance = instance
        self.epoch = epoch
        self.epochReason = epochReason
        self.format = format
        self.profile = profile
        self.goroutines = goroutines
        self.issues = issues
        self.source = source
    }

    public init(row: Row) throws {
        id = row[Columns.id.rawValue]
        timeMs = row[Columns.timeMs.rawValue]
        timeSource = TimeSource(rawValue: row[Columns.timeSource.rawValue]) ?? .clock
        service = row[Columns.service.rawValue]
        instance = row[Columns.instance.rawValue]
        epoch = row[Columns.epoch.rawValue]
        epochReason = row[Columns.epochReason.rawValue]
        format = row[Columns.format.rawValue]
        profile = row[Columns.profile.rawValue]
        goroutines = row[Columns.goroutines.rawValue]
        issues = row[Columns.issues.rawValue]
        source = row[Columns.source.rawValue]
    }

    /// The capture time in RFC 3339, UTC.
    public var time: String { TimeParser.rfc3339(milliseconds: timeMs) }
}

/// One line of `top`: a signature (at the level asked for) and its goroutines in a snapshot.
public struct TopEntry: Sendable, Equatable {
    /// The line-level signature, or the function-level one for `--by function`.
    public var signature: StackSignature
    public var count: Int
    public var state: String
    public var waitMin: Int?
    public var waitMax: Int?
    public var leaked: Int
    /// `function file:line` of the first user frame of the (largest) member stack.
    public var topFrame: String
    /// How many line-level stacks merged here (1 at the line level).
    public var stacks: Int
}

/// The answer of `top`.
public struct TopReport: Sendable, Equatable {
    public var snapshot: StoredSnapshot
    public var level: SignatureLevel
    public var entries: [TopEntry]
}
