/// The series of one signature in one process of a service, split where the process restarted.
///
/// Counts restart from zero with the process, so growth is judged per epoch; a leak that
/// grows again after each restart is the same leak seen several times, and its evidence adds
/// up across epochs.
public struct InstanceSeries: Hashable, Sendable {
    public var service: String
    public var instance: String
    /// The wait reason of the signature's largest row on this instance (tracebacks only): the
    /// same stack may wait on a nil channel on one instance and a real one on another.
    public var state: String
    /// One array per process epoch, oldest epoch first, each ascending in time and zero-filled
    /// (see ``SeriesPoint/zeroFilled(_:at:)``).
    public var epochs: [[SeriesPoint]]

    public init(service: String, instance: String, state: String = "", epochs: [[SeriesPoint]]) {
        self.service = service
        self.instance = instance
        self.state = state
        self.epochs = epochs
    }

    /// How many snapshots of this instance were looked at, over all epochs.
    public var snapshotCount: Int { epochs.reduce(0) { $0 + $1.count } }
}
