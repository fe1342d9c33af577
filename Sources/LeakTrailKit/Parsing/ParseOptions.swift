/// What a parser keeps beyond what grouping and the store need.
public struct ParseOptions: Sendable {
    /// Keep each frame's raw argument text (`(0xc000012345, {0x1, 0x2})`). Off by default:
    /// arguments are never part of a signature and building their strings costs time.
    public var keepArguments: Bool
    /// Keep ancestor sections (`[originating from goroutine N]:`).
    public var keepAncestors: Bool

    public init(keepArguments: Bool = false, keepAncestors: Bool = true) {
        self.keepArguments = keepArguments
        self.keepAncestors = keepAncestors
    }
}
