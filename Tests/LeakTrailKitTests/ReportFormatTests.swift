import Foundation
import Testing
@testable import LeakTrailKit

/// The fixed, locale-free spellings every report format shares, and the chart's axes.
@Suite struct ReportFormatTests {
    @Test func numbers() {
        #expect(ReportFormat.count(0) == "0")
        #expect(ReportFormat.count(1234567) == "1,234,567")
        #expect(ReportFormat.count(-1200) == "-1,200")
        #expect(ReportFormat.rate(2520) == "+2,520/h")
        #expect(ReportFormat.rate(51.4) == "+51.4/h")
        #expect(ReportFormat.rate(0) == "0/h")
        #expect(ReportFormat.percent(0.874) == "87%")
        #expect(ReportFormat.decimal(0.010, places: 3) == "0.01")
    }

    @Test func sizesAndDurations() {
        #expect(ReportFormat.bytes(512) == "512 B")
        #expect(ReportFormat.bytes(8192) == "8 KiB")
        #expect(ReportFormat.bytes(2_408_448) == "2.3 MiB")
        #expect(ReportFormat.duration(45) == "45 s")
        #expect(ReportFormat.duration(360) == "6 min")
        #expect(ReportFormat.duration(7500) == "2 h 5 min")
        #expect(ReportFormat.duration(3 * 86400 + 4 * 3600) == "3 d 4 h")
    }

    @Test func times() {
        let t = Date(timeIntervalSince1970: 1_795_796_734) // 2026-11-27T16:25:34Z
        #expect(ReportFormat.time(t) == "2026-11-27 16:25:34 UTC")
        #expect(ReportFormat.clock(t, seconds: false) == "16:25")
        #expect(ReportFormat.shortFunction("example.com/leakgen/zoo.leakySend") == "zoo.leakySend")
        #expect(ReportFormat.shortFunction("main.run") == "main.run")
    }

    @Test func sparklines() {
        #expect(ReportFormat.sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(ReportFormat.sparkline([0, 0, 0]) == "▁▁▁")
        #expect(ReportFormat.sparkline(Array(0..<400), width: 40).count == 40)
    }

    @Test func timeAxisTicksAtRoundTimes() {
        #expect(SeriesChart.timeStep(360) == 60)
        #expect(SeriesChart.timeStep(30) == 5)
        #expect(SeriesChart.timeStep(6 * 3600) == 3600)
        #expect(SeriesChart.niceStep(180, ticks: 4) == 50)
        #expect(SeriesChart.niceStep(3, ticks: 4) == 1)
        let start = Date(timeIntervalSince1970: 1_795_796_734)
        let points = (0..<37).map { SeriesPoint(time: start.addingTimeInterval(Double($0) * 10), count: $0) }
        let restart = (0..<5).map { SeriesPoint(time: start.addingTimeInterval(400 + Double($0) * 10), count: $0) }
        let svg = SeriesChart(series: [InstanceSeries(service: "s", instance: "i", epochs: [points, restart])], flagged: ["s/i"],
                              from: start, to: start.addingTimeInterval(440), title: "t").svg()
        for label in [">16:26<", ">16:27<", ">16:32<"] { #expect(svg.contains(label)) }
        #expect(svg.contains("restart i"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2, "a restart breaks the line")
    }

    @Test func oneMomentStoredInSeveralFormatsIsOnePoint() {
        let t = Date(timeIntervalSince1970: 0)
        let points = [SeriesPoint(time: t, count: 3), SeriesPoint(time: t, count: 5), SeriesPoint(time: t.addingTimeInterval(10), count: 6)]
        #expect(ReportSeries.moments(points).map(\.count) == [5, 6])
    }
}
