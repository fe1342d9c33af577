/// Goroutines of one snapshot that share a ``StackSignature``: identity plus its members.
public struct GoroutineGroup: Sendable {
    public var signature: StackSignature
    /// The level that decided which goroutines merged here.
    public var level: SignatureLevel
    public var count: Int
    /// How many members had each state; a population blocked on one line can have a few
    /// members `runnable` at the moment of the dump.
    public var stateCounts: [String: Int]
    /// Smallest and largest `, N minutes` among members that printed one.
    public var waitMinutes: ClosedRange<Int>?
    /// Members marked `(leaked)` or from a `goroutineleak` profile.
    public var leaked: Int
    /// The stack of the first member, as printed (runtime frames included when the dump had them).
    public var frames: [Frame]
    public var createdBy: CreatedBy?
    /// How many member ids a group keeps: enough to follow examples, bounded for huge dumps.
    public static let keptIDs = 256
    /// Goroutine ids of the first ``keptIDs`` members (traceback formats only), in dump order.
    public var goroutineIDs: [Int]
    /// Distinct label sets seen among members, first seen first.
    public var labelSets: [[Label]]

    /// The most common state; ties go to the alphabetically first, so output is stable.
    public var state: String {
        stateCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
    }

    public init(signature: StackSignature, level: SignatureLevel, frames: [Frame], createdBy: CreatedBy?) {
        self.signature = signature
        self.level = level
        self.count = 0
        self.stateCounts = [:]
        self.waitMinutes = nil
        self.leaked = 0
        self.frames = frames
        self.createdBy = createdBy
        self.goroutineIDs = []
        self.labelSets = []
    }
}
