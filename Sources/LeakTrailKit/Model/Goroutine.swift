/// One goroutine of a traceback-family dump: its header, its frames and where it came from.
///
/// This is an *instance*; what makes goroutines alike is their ``StackSignature``.
public struct Goroutine: Hashable, Sendable, Codable {
    /// The goroutine id (`goroutine 18 [...]`); 0 for g0/gsignal (`goroutine 0 [idle]`).
    public var id: Int
    /// The wait reason or G status, with the header's marks and items removed:
    /// `chan receive`, `select (no cases)`, `sync.Mutex.Lock`, `running`.
    /// `(durable)` and `(leaked)` are not part of it (see ``durable`` and ``leaked``).
    public var state: String
    /// `, N minutes`: whole minutes since the wait began, as of the last GC; nil when not printed.
    public var waitMinutes: Int?
    /// `, locked to thread`.
    public var lockedToThread: Bool
    /// ` (leaked)` (Go 1.26+): the GC proved the goroutine blocked on something unreachable.
    public var leaked: Bool
    /// ` (durable)` (Go 1.25+): durably blocked inside a synctest bubble.
    public var durable: Bool
    /// `, synctest bubble N` (1.25+) or `, synctest group N` (1.24).
    public var synctestBubble: Int?
    /// pprof labels: Go 1.26 ` labels:{"k": "v"}` inside the brackets, Go 1.27 ` {k: v}` after them.
    public var labels: [Label]
    /// `gp=0x…` (Go 1.22+ at traceback level 2).
    public var gp: UInt64?
    /// `m=N`; nil for `m=nil` or when not printed.
    public var m: Int?
    /// `mp=0x…`.
    public var mp: UInt64?
    /// Innermost first. Empty when the stack was unavailable or cut before the first frame.
    public var frames: [Frame]
    /// Frames the runtime left out: `...N frames elided...` (1.21+) or `...additional frames elided...`.
    public var elision: Elision?
    public var createdBy: CreatedBy?
    /// `[originating from goroutine N]:` sections (GODEBUG=tracebackancestors).
    public var ancestors: [Ancestor]
    /// `goroutine running on other thread; stack unavailable`.
    public var stackUnavailable: Bool
    /// The dump ended inside this goroutine (a `runtime.Stack` buffer or the 64 MiB pprof cap).
    public var truncated: Bool
    /// 1-based line of the header in its source, for messages that point back to the input.
    public var sourceLine: Int

    public init(
        id: Int, state: String, waitMinutes: Int? = nil, lockedToThread: Bool = false,
        leaked: Bool = false, durable: Bool = false, synctestBubble: Int? = nil,
        labels: [Label] = [], gp: UInt64? = nil, m: Int? = nil, mp: UInt64? = nil,
        frames: [Frame] = [], elision: Elision? = nil, createdBy: CreatedBy? = nil,
        ancestors: [Ancestor] = [], stackUnavailable: Bool = false, truncated: Bool = false,
        sourceLine: Int = 0
    ) {
        self.id = id
        self.state = state
        self.waitMinutes = waitMinutes
        self.lockedToThread = lockedToThread
        self.leaked = leaked
        self.durable = durable
        self.synctestBubble = synctestBubble
        self.labels = labels
        self.gp = gp
        self.m = m
        self.mp = mp
        self.frames = frames
        self.elision = elision
        self.createdBy = createdBy
        self.ancestors = ancestors
        self.stackUnavailable = stackUnavailable
        self.truncated = truncated
        self.sourceLine = sourceLine
    }
}

/// A pprof label on a goroutine (`pprof.Do(ctx, pprof.Labels("k", "v"), …)`), unescaped.
public struct Label: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// How the runtime shortened a deep stack.
public struct Elision: Hashable, Sendable, Codable {
    /// Index in ``Goroutine/frames`` where the omitted frames would be.
    public var index: Int
    /// N of `...N frames elided...`; nil for `...additional frames elided...` (Go ≤1.20, count unknown).
    public var count: Int?
    public init(index: Int, count: Int?) {
        self.index = index
        self.count = count
    }
}

/// The creator chain kept by GODEBUG=tracebackancestors: the stack of an ancestor at `go` time.
public struct Ancestor: Hashable, Sendable, Codable {
    public var goroutineID: Int
    public var frames: [Frame]
    public var createdBy: CreatedBy?
    public init(goroutineID: Int, frames: [Frame] = [], createdBy: CreatedBy? = nil) {
        self.goroutineID = goroutineID
        self.frames = frames
        self.createdBy = createdBy
    }
}
