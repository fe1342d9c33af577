/// The numbers a signature is reported with — goroutines now, memory they hold, growth per
/// hour, the count in 24 hours — computed once so that `leaks`, `trends`, `show`, `analyze`
/// and every report format print the same figures.
///
/// For a flagged signature they cover its flagged instances (what the leak holds and adds);
/// otherwise every instance that captured it.
public struct LeakFigures: Hashable, Sendable {
    /// Goroutines in each covered instance's latest snapshot, summed.
    public var goroutines: Int
    /// Growth per hour summed over the covered instances: of the goroutines that persist when
    /// the verdict rests on ids, of the count otherwise; 0 for instances not growing.
    public var growthPerHour: Double
    /// ``goroutines`` plus 24 hours of ``growthPerHour`` for a flagged signature; a signature
    /// that is not flagged is not projected (its growth is load, turnover or a pool filling).
    public var projectedIn24Hours: Int
    /// ``StackMemory`` estimate for one goroutine of this stack.
    public var stackBytesEach: Int

    public var memoryBytes: Int { goroutines * stackBytesEach }

    public init(goroutines: Int, growthPerHour: Double, projected: Bool, stackBytesEach: Int) {
        self.goroutines = goroutines
        self.growthPerHour = (growthPerHour * 100).rounded() / 100
        self.projectedIn24Hours = goroutines + (projected ? Int((max(0, self.growthPerHour) * 24).rounded()) : 0)
        self.stackBytesEach = stackBytesEach
    }

    /// The figures of `findings`: the flagged ones when any is flagged, else all.
    public init(_ findings: [InstanceFinding], stackBytesEach: Int) {
        let flagged = findings.filter(\.isFlagged)
        let covered = flagged.isEmpty ? findings : flagged
        self.init(goroutines: covered.reduce(0) { $0 + $1.lastCount },
                  growthPerHour: covered.reduce(0) { $0 + $1.growthPerHour }, projected: !flagged.isEmpty,
                  stackBytesEach: stackBytesEach)
    }
}
