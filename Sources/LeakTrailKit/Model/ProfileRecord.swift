/// One record of a count profile (`debug=1` text or pprof protobuf): `count` goroutines that
/// share one stack and one label set. Such formats carry no goroutine ids, no wait reasons
/// and no wait minutes.
public struct ProfileRecord: Hashable, Sendable, Codable {
    public var count: Int
    /// Innermost first, inlined frames expanded.
    public var frames: [Frame]
    public var labels: [Label]
    /// True for every record of a `goroutineleak` profile: each goroutine in it leaked.
    public var leaked: Bool
    /// 1-based line (text) or 0 (protobuf) where the record starts.
    public var sourceLine: Int

    public init(count: Int, frames: [Frame], labels: [Label] = [], leaked: Bool = false, sourceLine: Int = 0) {
        self.count = count
        self.frames = frames
        self.labels = labels
        self.leaked = leaked
        self.sourceLine = sourceLine
    }
}
