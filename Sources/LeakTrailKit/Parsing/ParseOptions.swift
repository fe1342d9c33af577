import Foundation

/// What a parser keeps beyond what grouping and the store need, and how one large input is read.
public struct ParseOptions: Sendable {
    /// Keep each frame's raw argument text (`(0xc000012345, {0x1, 0x2})`). Off by default:
    /// arguments are never part of a signature and building their strings costs time.
    public var keepArguments: Bool
    /// Keep ancestor sections (`[originating from goroutine N]:`).
    public var keepAncestors: Bool
    /// Size of the one read buffer, and so the longest line read whole (1 MiB: no dump line
    /// comes near it). Smaller buffers exist for the fuzzer, which allocates a parser per
    /// input and wants the refill and overlong-line paths exercised on small inputs.
    public var lineBufferSize: Int
    /// Threads that parse one plain-text traceback dump of at least two chunks side by side
    /// (``ParallelTracebackReader``); 1 reads every input on the calling thread; nil, the
    /// default, means one per core, counted only when an input is that large (counting costs
    /// a few hundred microseconds of every start). The result is the same either way.
    public var threads: Int?
    /// Bytes per chunk of such a read (2 MiB). Memory grows with it: each chunk waiting to be
    /// merged holds its parsed goroutines. Tests and the fuzzer use tiny chunks to cut small
    /// inputs in many places.
    public var chunkSize: Int

    public init(keepArguments: Bool = false, keepAncestors: Bool = true, lineBufferSize: Int = 1 << 20,
                threads: Int? = nil, chunkSize: Int = 2 << 20) {
        self.keepArguments = keepArguments
        self.keepAncestors = keepAncestors
        self.lineBufferSize = max(lineBufferSize, 16)
        self.threads = threads.map { max($0, 1) }
        self.chunkSize = max(chunkSize, 1)
    }

    /// One thread per core the process may use.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// ``threads``, or one per core.
    var threadCount: Int { threads ?? Self.defaultThreads }
}
