import Foundation

/// Numbers, sizes, durations and times as every report format writes them: fixed rules,
/// no locale, no clock, so the same value is always the same text.
enum ReportFormat {
    /// `12,345`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A fixed number of decimals, trailing zeros dropped (`0.01`, `1.5`, `3`).
    static func decimal(_ x: Double, places: Int) -> String {
        var s = String(format: "%.\(places)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Goroutines per hour: `+1,800/h`, `+0.5/h`, `0/h`.
    static func rate(_ perHour: Double) -> String {
        let magnitude = abs(perHour) >= 100 ? count(Int(perHour.rounded())) : decimal(perHour, places: 1)
        return (perHour > 0 ? "+" : "") + magnitude + "/h"
    }

    /// `512 B`, `96 KiB`, `1.5 MiB`.
    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return (unit == 0 ? String(n) : decimal(value, places: value < 10 ? 1 : 0)) + " " + units[unit]
    }

    /// `45 s`, `6 min`, `2 h 5 min`, `3 d 4 h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        if s < 120 { return "\(s) s" }
        let m = s / 60
        if m < 120 { return s % 60 == 0 || m >= 10 ? "\(m) min" : "\(m) min \(s % 60) s" }
        let h = m / 60
        if h < 48 { return m % 60 == 0 ? "\(h) h" : "\(h) h \(m % 60) min" }
        return h % 24 == 0 ? "\(h / 24) d" : "\(h / 24) d \(h % 24) h"
    }

    /// `0.97` → `97%`.
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    /// `2026-11-27 16:25:34 UTC`.
    static func time(_ date: Date) -> String {
        let s = RFC3339.string(date)
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(8)) + " UTC"
    }

    /// `2026-11-27`.
    static func day(_ date: Date) -> String { String(RFC3339.string(date).prefix(10)) }

    /// `16:25` or `16:25:30`, for axis ticks.
    static func clock(_ date: Date, seconds: Bool) -> String {
        String(RFC3339.string(date).dropFirst(11).prefix(seconds ? 8 : 5))
    }

    /// `function file:line`.
    static func location(_ f: Frame) -> String { "\(f.function) \(f.file):\(f.line)" }

    /// The short name a reader recognises: the last path element of the function
    /// (`zoo.leakySend` for `example.com/leakgen/zoo.leakySend`).
    static func shortFunction(_ function: String) -> String {
        guard let slash = function.lastIndex(of: "/"), !function[..<slash].contains("[") else { return function }
        return String(function[function.index(after: slash)...])
    }

    /// The eight blocks of a Unicode sparkline, one per value, scaled from 0 to the maximum
    /// (a flat line at zero is all low blocks). At most `width` values: longer series are
    /// averaged into buckets.
    static func sparkline(_ values: [Int], width: Int = 40) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let sampled = buckets(values, width: width)
        let top = sampled.max() ?? 0
        guard top > 0 else { return String(repeating: "▁", count: sampled.count) }
        return String(sampled.map { blocks[min(7, Int(($0 / top * 7).rounded()))] })
    }

    static func buckets(_ values: [Int], width: Int) -> [Double] {
        guard values.count > width, width > 0 else { return values.map(Double.init) }
        return (0..<width).map { b in
            let lo = b * values.count / width
            let hi = max(lo + 1, (b + 1) * values.count / width)
            return Double(values[lo..<hi].reduce(0, +)) / Double(hi - lo)
        }
    }
}

/// A series as the report draws it: one point per capture moment. A capture stored in several
/// formats (text, `?debug=1`, protobuf at the same second) is one moment, with the largest count.
enum ReportSeries {
    static func moments(_ points: [SeriesPoint]) -> [SeriesPoint] {
        var out: [SeriesPoint] = []
        for p in points {
            if let last = out.last, last.time == p.time {
                if p.count > last.count { out[out.count - 1] = p }
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// Counts per moment over every epoch, oldest first.
    static func counts(_ s: InstanceSeries) -> [Int] {
        s.epochs.flatMap { moments($0) }.map(\.count)
    }
}
