/// A series in one line of block characters, for `trends`: the eye tells a ramp from a
/// sawtooth faster than any number.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `counts` in at most `width` characters; each character shows the largest count of its
    /// bin (so a burst stays visible), scaled from 0 to the series' maximum.
    public static func render(_ counts: [Int], width: Int = 24) -> String {
        guard !counts.isEmpty, width > 0 else { return "" }
        let bins = min(width, counts.count)
        let peaks = (0..<bins).map { b in counts[(b * counts.count / bins)..<((b + 1) * counts.count / bins)].max() ?? 0 }
        let top = max(1, peaks.max() ?? 1)
        return String(peaks.map { blocks[min(blocks.count - 1, $0 * (blocks.count - 1) / top)] })
    }

    /// The series of one instance, epochs joined (a restart shows as the drop it is).
    public static func render(_ series: InstanceSeries, width: Int = 24) -> String {
        render(series.epochs.flatMap { $0.map(\.count) }, width: width)
    }
}
