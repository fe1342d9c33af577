/// What `leaktrail parse` shows for each snapshot: its groups, largest first. A value the
/// front end renders as a table or encodes as the documented JSON document.
public struct ParseReport: Codable, Sendable {
    public var snapshots: [SnapshotGroups]

    public init(snapshots: [SnapshotGroups]) { self.snapshots = snapshots }

    public struct SnapshotGroups: Codable, Sendable {
        public var source: String
        public var format: String
        public var profile: String
        public var goroutineCount: Int
        public var issues: [Issue]
        public var groups: [Group]

        enum CodingKeys: String, CodingKey {
            case source, format, profile, issues, groups
            case goroutineCount = "goroutine_count"
        }
    }

    public struct Issue: Codable, Sendable {
        public var line: Int
        public var message: String
        public var text: String
    }

    public struct Group: Codable, Sendable {
        public var signature: String
        public var count: Int
        public var state: String
        public var waitMinutes: MinuteRange?
        public var leaked: Int
        public var frames: [FrameRef]
        public var createdBy: FrameRef?

        enum CodingKeys: String, CodingKey {
            case signature, count, state, leaked, frames
            case waitMinutes = "wait_minutes"
            case createdBy = "created_by"
        }
    }

    public struct MinuteRange: Codable, Sendable {
        public var min: Int
        public var max: Int
    }

    /// A frame as reports show it: function and position, no arguments or offsets.
    public struct FrameRef: Codable, Sendable, Equatable {
        public var function: String
        public var file: String
        public var line: Int

        public init(function: String, file: String, line: Int) {
            self.function = function
            self.file = file
            self.line = line
        }
    }
}

extension ParseReport.SnapshotGroups {
    /// Builds the report entry of one grouped snapshot read from `source`.
    public init(source: String, result: SnapshotGrouper.Result) {
        self.source = source
        format = result.format.rawValue
        profile = result.profile
        goroutineCount = result.goroutineCount
        issues = result.issues.map { ParseReport.Issue(line: $0.line, message: $0.message, text: $0.text) }
        groups = result.groups.map(ParseReport.Group.init)
    }
}

extension ParseReport.Group {
    public init(_ g: GoroutineGroup) {
        signature = g.signature.hex
        count = g.count
        state = g.state
        waitMinutes = g.waitMinutes.map { ParseReport.MinuteRange(min: $0.lowerBound, max: $0.upperBound) }
        leaked = g.leaked
        frames = g.frames.map { ParseReport.FrameRef(function: $0.function, file: $0.file, line: $0.line) }
        createdBy = g.createdBy.map { ParseReport.FrameRef(function: $0.function, file: $0.file, line: $0.line) }
    }
}
