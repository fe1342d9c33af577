import Foundation

/// An inline SVG line chart of one signature's counts per instance over a real time axis:
/// ticks at round times (UTC), one line per process epoch so a restart breaks the line, and a
/// dashed marker where each restart happened. Colours are CSS classes (`c0`…`c5`) shared
/// with the legend, so the page needs no inline styles. Every label is escaped.
struct SeriesChart {
    var series: [InstanceSeries]
    /// `service/instance` of the instances where the signature is flagged: drawn bold.
    var flagged: Set<String>
    /// The report's window, shared by every chart so they line up.
    var from: Date
    var to: Date
    var title: String

    static let width = 720.0
    static let height = 230.0
    static let left = 52.0
    static let right = 18.0
    static let top = 22.0
    static let bottom = 40.0
    static let colours = 6

    static func key(_ s: InstanceSeries) -> String { "\(s.service)/\(s.instance)" }

    func svg() -> String {
        let (t0, t1) = window
        let maxCount = series.flatMap { $0.epochs.joined() }.map(\.count).max() ?? 0
        let yStep = Self.niceStep(max(1, maxCount), ticks: 4)
        let yMax = max(yStep, (Double(maxCount) / yStep).rounded(.up) * yStep)
        let plotW = Self.width - Self.left - Self.right
        let plotH = Self.height - Self.top - Self.bottom
        func x(_ d: Date) -> Double { Self.left + plotW * d.timeIntervalSince(t0) / t1.timeIntervalSince(t0) }
        func y(_ c: Double) -> Double { Self.top + plotH * (1 - c / yMax) }

        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        out += "<title>\(HTMLText.escape(title))</title>"
        // Horizontal grid and count ticks.
        var c = 0.0
        while c <= yMax + 1e-9 {
            out += "<line class=\"grid\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" y1=\"\(n(y(c)))\" y2=\"\(n(y(c)))\"/>"
            out += "<text class=\"tick\" x=\"\(n(Self.left - 6))\" y=\"\(n(y(c) + 4))\" text-anchor=\"end\">\(ReportFormat.count(Int(c)))</text>"
            c += yStep
        }
        // Time ticks.
        let step = Self.timeStep(t1.timeIntervalSince(t0))
        var t = (t0.timeIntervalSince1970 / step).rounded(.up) * step
        while t <= t1.timeIntervalSince1970 + 1e-6 {
            let d = Date(timeIntervalSince1970: t)
            out += "<line class=\"xtick\" x1=\"\(n(x(d)))\" x2=\"\(n(x(d)))\" y1=\"\(n(Self.top + plotH))\" y2=\"\(n(Self.top + plotH + 5))\"/>"
            out += "<text class=\"tick\" x=\"\(n(x(d)))\" y=\"\(n(Self.top + plotH + 18))\" text-anchor=\"middle\">\(Self.tickLabel(d, step: step))</text>"
            t += step
        }
        out += "<line class=\"axis\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" y1=\"\(n(Self.top + plotH))\" y2=\"\(n(Self.top + plotH))\"/>"
        out += "<text class=\"caption\" x=\"\(n(Self.left + plotW / 2))\" y=\"\(n(Self.height - 6))\" text-anchor=\"middle\">time (UTC, \(ReportFormat.day(t0))) · goroutines per capture</text>"
        // Restart markers, then the lines on top.
        for s in series {
            for epoch in s.epochs.dropFirst() {
                guard let first = epoch.first else { continue }
                let rx = n(x(first.time))
                out += "<line class=\"restart\" x1=\"\(rx)\" x2=\"\(rx)\" y1=\"\(n(Self.top - 4))\" y2=\"\(n(Self.top + plotH))\"/>"
                out += "<text class=\"restart-label\" x=\"\(n(x(first.time) + 4))\" y=\"\(n(Self.top + 6))\">restart \(HTMLText.escape(s.instance))</text>"
            }
        }
        for (i, s) in series.enumerated() {
            let cls = "c\(i % Self.colours)" + (flagged.contains(Self.key(s)) ? " flagged" : " calm")
            for epoch in s.epochs.map(ReportSeries.moments) where !epoch.isEmpty {
                let points: String = epoch.map { p -> String in "\(n(x(p.time))),\(n(y(Double(p.count))))" }.joined(separator: " ")
                out += "<polyline class=\"line \(cls)\" points=\"\(points)\"/>"
                if let last = epoch.last {
                    out += "<circle class=\"dot \(cls)\" cx=\"\(n(x(last.time)))\" cy=\"\(n(y(Double(last.count))))\" r=\"3\"/>"
                }
            }
        }
        return out + "</svg>"
    }

    /// The report window, widened when it is a single moment.
    var window: (Date, Date) {
        to.timeIntervalSince(from) >= 1 ? (from, to) : (from.addingTimeInterval(-30), from.addingTimeInterval(30))
    }

    /// 1, 2 or 5 × 10ⁿ, giving at most `ticks` intervals up to `maximum`.
    static func niceStep(_ maximum: Int, ticks: Int) -> Double {
        var magnitude = 1.0
        while true {
            for m in [1.0, 2.0, 5.0] where Double(maximum) / (m * magnitude) <= Double(ticks) { return m * magnitude }
            magnitude *= 10
        }
    }

    /// Round time steps that divide a day, giving at most eight ticks.
    static func timeStep(_ span: TimeInterval) -> TimeInterval {
        let steps: [TimeInterval] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172_800, 604_800]
        return steps.first { span / $0 <= 8 } ?? 604_800 * (span / 604_800 / 8).rounded(.up)
    }

    static func tickLabel(_ d: Date, step: TimeInterval) -> String {
        if step >= 86400 { return String(ReportFormat.day(d).dropFirst(5)) }
        return ReportFormat.clock(d, seconds: step < 60)
    }

    /// Coordinates with one decimal at most: short, and the same on every platform.
    func n(_ v: Double) -> String { ReportFormat.decimal(v, places: 1) }
}

/// A tiny inline SVG sparkline for the healthy table.
struct SparklineSVG {
    var counts: [Int]

    func svg() -> String {
        let w = 120.0, h = 24.0
        guard counts.count > 1 else { return "" }
        let top = Double(max(1, counts.max() ?? 1))
        let points = counts.enumerated().map { i, c -> String in
            let x = 1 + (w - 2) * Double(i) / Double(counts.count - 1)
            let y = h - 2 - (h - 4) * Double(c) / top
            return "\(ReportFormat.decimal(x, places: 1)),\(ReportFormat.decimal(y, places: 1))"
        }.joined(separator: " ")
        return "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" aria-hidden=\"true\"><polyline points=\"\(points)\"/></svg>"
    }
}
