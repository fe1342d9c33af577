import Foundation

/// How much an instance's snapshots cover, against what a verdict needs: the reason a clean
/// result is never printed on too little data.
public struct InstanceCoverage: Hashable, Sendable {
    public var service: String
    public var instance: String
    /// Snapshots of goroutines (one capture in several formats counts once), over all epochs.
    public var snapshots: Int
    /// Seconds covered, summed over epochs of three snapshots or more.
    public var span: TimeInterval
    public var epochs: Int
    /// The strongest evidence the captures carry: ids when any traceback was captured.
    public var basis: EvidenceBasis
    /// The longest epoch: its snapshots and seconds. Counts restart with the process, so
    /// growth is judged within an epoch: a verdict needs one epoch long enough.
    public var longestEpochSnapshots: Int
    public var longestEpochSpan: TimeInterval
    /// What a verdict needs on this basis, in one epoch.
    public var neededSnapshots: Int
    public var neededSpan: TimeInterval

    /// Epochs of at least ``neededSnapshots`` each, and their seconds summed: a leak that
    /// restarts with the process adds up over such epochs (``InstanceAssessment``, rule 4).
    public var fullEpochs: Int
    public var fullEpochsSpan: TimeInterval

    public var enough: Bool {
        (longestEpochSnapshots >= neededSnapshots && longestEpochSpan >= neededSpan)
            || (fullEpochs >= 2 && fullEpochsSpan >= neededSpan)
    }

    public init(_ series: InstanceSeries, options: AnalysisOptions) {
        service = series.service
        instance = series.instance
        let epochs = series.epochs.filter { !$0.isEmpty }
        self.epochs = epochs.count
        snapshots = epochs.reduce(0) { $0 + $1.count }
        span = epochs.filter { $0.count >= 3 }.reduce(0) { $0 + ($1.last!.time.timeIntervalSince($1.first!.time)) }
        let ids = epochs.joined().contains { $0.goroutineIDs != nil }
        basis = ids ? .ids : .counts
        neededSnapshots = options.minSnapshots
        neededSpan = ids ? options.minSpan : options.countsOnlySpan
        let spans = epochs.map { ($0.count, $0.count < 2 ? 0 : $0.last!.time.timeIntervalSince($0.first!.time)) }
        let needed = (neededSnapshots, neededSpan)
        let longest = spans.last { $0.0 >= needed.0 && $0.1 >= needed.1 } ?? spans.max { ($0.1, $0.0) < ($1.1, $1.0) } ?? (0, 0)
        longestEpochSnapshots = longest.0
        longestEpochSpan = longest.1
        let full = spans.filter { $0.0 >= needed.0 }
        fullEpochs = full.count
        fullEpochsSpan = full.reduce(0) { $0 + $1.1 }
    }

    /// One coverage per instance, from any of the histories (every signature's series of an
    /// instance spans all its snapshots); sorted by service and instance.
    public static func of(_ histories: [SignatureHistory], options: AnalysisOptions) -> [InstanceCoverage] {
        merged(histories.map { $0.instances.map { InstanceCoverage($0, options: options) } })
    }

    /// One coverage per instance from every signature's coverages, in signature order: the
    /// first seen, unless a later one saw ids (ids seen for any signature count for the
    /// instance).
    static func merged(_ perSignature: [[InstanceCoverage]]) -> [InstanceCoverage] {
        var seen: [String: InstanceCoverage] = [:]
        for c in perSignature.joined() {
            let key = c.service + "\u{0}" + c.instance
            if let old = seen[key], old.basis == .ids || c.basis != .ids { continue }
            seen[key] = c
        }
        return seen.values.sorted { ($0.service, $0.instance) < ($1.service, $1.instance) }
    }
}
