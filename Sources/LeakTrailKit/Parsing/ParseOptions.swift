/// What a parser keeps beyond what grouping and the store need.
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

    public init(keepArguments: Bool = false, keepAncestors: Bool = true, lineBufferSize: Int = 1 << 20) {
        self.keepArguments = keepArguments
        self.keepAncestors = keepAncestors
        self.lineBufferSize = max(lineBufferSize, 16)
    }
}
