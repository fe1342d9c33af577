/// How the instances of one service agree about one signature.
///
/// A leak in the code shows on every instance that serves the leaking path; a leak on one
/// instance only points at its traffic, its configuration or its version.
public struct FleetAgreement: Hashable, Sendable {
    public var service: String
    /// Instances where the signature was seen at all.
    public var observed: Int
    /// Instances where it is flagged (`leak` or `suspect`), and the names of those instances.
    public var flagged: Int
    public var flaggedInstances: [String]

    public init(service: String, observed: Int, flagged: Int, flaggedInstances: [String]) {
        self.service = service
        self.observed = observed
        self.flagged = flagged
        self.flaggedInstances = flaggedInstances
    }

    /// Share of observing instances that flag it, 0…1.
    public var agreement: Double { observed == 0 ? 0 : Double(flagged) / Double(observed) }
}
