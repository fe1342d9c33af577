/// How every output says that an instance was not judged: how many snapshots it had, over
/// how long, and what a verdict needs — never a silent "0 leaks".
public enum CoverageText {
    /// `checkout/co-4: 5 snapshots over 40 s; a verdict needs 8 over 3 min in one process lifetime`.
    public static func lacking(_ c: InstanceCoverage) -> String {
        var text = "\(c.service)/\(c.instance): \(c.snapshots) snapshot\(c.snapshots == 1 ? "" : "s")"
        if c.epochs > 1 {
            text += " in \(c.epochs) process lifetimes, the longest \(c.longestEpochSnapshots) over \(ReportFormat.duration(c.longestEpochSpan))"
        } else {
            text += " over \(ReportFormat.duration(c.span))"
        }
        text += "; a verdict needs \(c.neededSnapshots) over \(ReportFormat.duration(c.neededSpan)) in one process lifetime"
        return text + (c.basis == .counts ? " (counts only: capture ?debug=2 for goroutine ids)" : "")
    }

    /// One line for a whole analysis: nil when every instance had enough data.
    public static func summary(_ coverage: [InstanceCoverage]) -> String? {
        let lacking = coverage.filter { !$0.enough }
        if coverage.isEmpty { return "not enough data: no goroutine snapshots were selected" }
        guard !lacking.isEmpty else { return nil }
        let judged = coverage.count - lacking.count
        return "not enough data on \(lacking.count) of \(coverage.count) instance\(coverage.count == 1 ? "" : "s")"
            + (judged == 0 ? ": nothing could be judged" : "; they were not judged")
    }
}
