import Foundation

/// Gathers what the leak report needs from the store — histories, verdicts, the snapshots'
/// facts — and hands plain values to ``LeakReportDocument``; the renderers never see the store.
extension SnapshotStore {
    public func reportDocument(
        _ filter: LeakStore.HistoryFilter = LeakStore.HistoryFilter(), options: AnalysisOptions = AnalysisOptions(), source: String? = nil,
        now: Date, toolVersion: String = LeakTrailVersion.current
    ) throws -> LeakReportDocument {
        let histories = try self.histories(filter)
        let verdicts = LeakAnalyzer.analyze(histories: histories, options: options)
        let captures = try snapshots(service: filter.service, instance: filter.instance)
            .filter { $0.profile == "goroutine" && filter.contains(milliseconds: $0.timeMs) }
            .map { s in
                LeakReportContext.Capture(service: s.service, instance: s.instance,
                                          time: Date(timeIntervalSince1970: Double(s.timeMs) / 1000), epoch: s.epoch, goroutines: s.goroutines)
            }
        let context = LeakReportContext(source: source ?? location, filters: filter.descriptions, captures: captures, options: options,
                                        level: filter.level, now: now, toolVersion: toolVersion)
        return LeakReportDocument(verdicts: verdicts, histories: histories, context: context)
    }
}

extension LeakStore.HistoryFilter {
    /// Whether a stored time is inside the bounds. The bounds are rounded to milliseconds as
    /// stored times are, so a snapshot stored at a bound is always in.
    func contains(milliseconds ms: Int64) -> Bool {
        if let since, ms < since.unixMilliseconds { return false }
        if let until, ms > until.unixMilliseconds { return false }
        return true
    }

    /// `service=orders-api`, `since=2026-11-27T16:25:00Z`: what the report says it was limited to.
    var descriptions: [String] {
        var out: [String] = []
        if let service { out.append("service=\(service)") }
        if let instance { out.append("instance=\(instance)") }
        if let since { out.append("since=\(RFC3339.string(since))") }
        if let until { out.append("until=\(RFC3339.string(until))") }
        return out
    }
}
