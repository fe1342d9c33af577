import Foundation

/// Reads one side of a comparison through the store's public queries only (`snapshots`,
/// `histories`), so that any store behind them serves it.
extension SnapshotStore {
    /// The signature histories of `service` in `window`.
    public func histories(service: String, window: CompareWindow, level: SignatureLevel = .line) throws -> [SignatureHistory] {
        var since = window.since
        var until = window.until
        var lifetimes: [String: ClosedRange<Date>]? = nil
        if let epoch = window.epoch {
            let ranges = try epochRanges(service: service, epoch: epoch)
            guard let first = ranges.values.map(\.lowerBound).min(), let last = ranges.values.map(\.upperBound).max() else { return [] }
            since = max(since ?? first, first)
            until = min(until ?? last, last)
            guard since! <= until! else { return [] }
            lifetimes = ranges
        }
        let filter = LeakStore.HistoryFilter(service: service, since: since, until: until, level: level)
        return HistorySlice.select(try histories(filter), instance: window.selects(instance:), within: lifetimes)
    }

    /// Each instance's Nth process lifetime, from its first to its last goroutine snapshot.
    func epochRanges(service: String, epoch: Int) throws -> [String: ClosedRange<Date>] {
        var ranges: [String: ClosedRange<Date>] = [:]
        for s in try snapshots(service: service, instance: nil) where s.epoch == epoch && s.profile == "goroutine" {
            let t = Date(timeIntervalSince1970: Double(s.timeMs) / 1000)
            let r = ranges[s.instance]
            ranges[s.instance] = min(r?.lowerBound ?? t, t)...max(r?.upperBound ?? t, t)
        }
        return ranges
    }

    /// Every service in the store, sorted.
    public func storedServices() throws -> [String] {
        Set(try snapshots(service: nil, instance: nil).map(\.service)).sorted()
    }
}

/// Narrows histories to some instances, and each instance to a span of time: values in,
/// values out, so the analysis of a window is the analysis of ordinary histories.
enum HistorySlice {
    static func select(_ histories: [SignatureHistory], instance keep: (String) -> Bool, within spans: [String: ClosedRange<Date>]?) -> [SignatureHistory] {
        histories.compactMap { h in
            var h = h
            h.instances = h.instances.compactMap { series in
                guard keep(series.instance) else { return nil }
                guard let spans else { return series }
                guard let span = spans[series.instance] else { return nil }
                var s = series
                s.epochs = series.epochs.map { $0.filter { span.contains($0.time) } }.filter { !$0.isEmpty }
                return s.epochs.isEmpty ? nil : s
            }
            return h.instances.isEmpty ? nil : h
        }
    }
}
