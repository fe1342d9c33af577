/// Everything the analysis knows of one stack signature: its identity and its series on
/// every instance where it was captured.
public struct SignatureHistory: Hashable, Sendable {
    public var signature: StackSignature
    /// The most common wait reason or status among members (`chan receive`, `running`);
    /// empty when only count profiles carried the signature.
    public var state: String
    /// The stack as printed by one member, innermost first, runtime frames kept when the
    /// capture had them: they tell a `select {}` from a channel receive in count profiles.
    public var frames: [Frame]
    public var createdBy: CreatedBy?
    public var instances: [InstanceSeries]

    public init(signature: StackSignature, state: String, frames: [Frame], createdBy: CreatedBy?, instances: [InstanceSeries]) {
        self.signature = signature
        self.state = state
        self.frames = frames
        self.createdBy = createdBy
        self.instances = instances
    }
}
