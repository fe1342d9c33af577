import Foundation
import Testing

/// What the read commands say beyond their rows: which snapshot `top` read, warnings from a
/// `diff` that may mislead, `show` without advice for what is healthy, tables that fit.
@Suite("read commands", .enabled(if: SeriesStore.present, "SampleTraces/series is absent"))
struct ReadCommandsCLITests {
    /// `snapshot,time,…` rows of one instance, as (id, time).
    static func snapshots(_ instance: String) throws -> [(id: String, time: String)] {
        try SeriesStore.run(["snapshots", "--instance", instance, "--format", "csv"]).stdout
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }.map { ($0[0], $0[1]) }
    }

    @Test func topSaysWhichSnapshotLatestIs() throws {
        let newest = try #require(try Self.snapshots("inst-c").last)
        let r = try SeriesStore.run(["top", "--limit", "3"])
        #expect(r.stdout.hasPrefix("snapshot \(newest.id) of orders-api/inst-c at \(newest.time): 160 goroutines\n"
            + "(the newest snapshot of all instances; --instance or --snapshot picks another)\n\nsignature "), "\(r.stdout)")
        let a = try #require(try Self.snapshots("inst-a").last)
        let ofA = try SeriesStore.run(["top", "--instance", "inst-a", "--limit", "3"])
        #expect(ofA.stdout.hasPrefix("snapshot \(a.id) of orders-api/inst-a at \(a.time): "))
        #expect(ofA.stdout.contains("\n(the newest snapshot of inst-a; --snapshot picks another)\n"))
        let byID = try SeriesStore.run(["top", "--snapshot", a.id, "--limit", "3"])
        #expect(byID.stdout.hasPrefix("snapshot \(a.id) of orders-api/inst-a at \(a.time): ") && !byID.stdout.contains("newest"))
        let csv = try SeriesStore.run(["top", "--limit", "3", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("signature,goroutines,"), "data formats carry no header line")
    }

    @Test func diffWarnsWhenItComparesWhatWasNotMeant() throws {
        let (a, b) = (try Self.snapshots("inst-a"), try Self.snapshots("inst-b"))
        let across = try SeriesStore.run(["diff", a[3].id, b[6].id])
        #expect(across.status == 0 && across.stdout.hasPrefix("change  signature"))
        #expect(across.stderr == "leaktrail: warning: snapshot \(a[3].id) is orders-api/inst-a and \(b[6].id) is orders-api/inst-b: this compares two processes, not one over time\n")
        let backwards = try SeriesStore.run(["diff", a[9].id, a[3].id])
        #expect(backwards.stderr == "leaktrail: warning: snapshot \(a[9].id) (\(a[9].time)) was taken after \(a[3].id) (\(a[3].time)): new and gone read backwards; give the earlier one first\n")
        let c = try Self.snapshots("inst-c")
        let restart = try SeriesStore.run(["diff", c.first!.id, c.last!.id])
        #expect(restart.stderr.contains("inst-c restarted between snapshot \(c.first!.id) (epoch 1) and \(c.last!.id) (epoch 2)"), "\(restart.stderr)")
        let forwards = try SeriesStore.run(["diff", a[3].id, a[9].id])
        #expect(forwards.status == 0 && forwards.stderr.isEmpty)
        // Times pick a snapshot per instance: without --instance, leaktrail will not choose one.
        let times = try SeriesStore.run(["diff", "2026-11-27T16:26:00Z", "2026-11-27T16:30:00Z"])
        #expect(times.status == 2 && times.stderr.contains("holds 3 instances (inst-a, inst-b, inst-c): give --instance"))
        let ofA = try SeriesStore.run(["diff", "--instance", "inst-a", "--format", "json", "2026-11-27T16:26:00Z", "2026-11-27T16:30:00Z"])
        #expect(ofA.status == 0 && ofA.stdout.contains(#""signature":"758a9c606b6c2653""#) && ofA.stderr.isEmpty)
    }

    @Test func showGivesAdviceOnlyForWhatIsFlagged() throws {
        let leak = try SeriesStore.run(["show", "758a9c"])
        #expect(leak.stdout.hasPrefix("signature 758a9c606b6c2653: leak") && leak.stdout.contains("\nadvice: "))
        // The sawtooth batch is healthy on every instance (ground truth).
        let healthy = try SeriesStore.run(["show", "6e449577"])
        #expect(healthy.status == 0 && healthy.stdout.hasPrefix("signature 6e449577fd3f480a: ok\n"), "\(healthy.stdout.prefix(200))")
        #expect(!healthy.stdout.contains("advice"))
    }

    @Test func leaksOfAHealthySelectionSaySo() throws {
        let r = try SeriesStore.run(["leaks", "--instance", "inst-b"])
        #expect(r.status == 0 && r.stdout.hasPrefix("No leaks or stuck goroutines among ") && r.stdout.hasSuffix(" signatures of instance inst-b.\n"), "\(r.stdout)")
    }

    /// COLUMNS (or the terminal) sets the width; signatures and counts stay whole, names are
    /// cut from the left; --wide and a pipe without COLUMNS give the full lines.
    @Test(arguments: [["leaks"], ["trends"], ["top"], ["snapshots", "--instance", "inst-a"]])
    func tablesFitTheWidth(_ command: [String]) throws {
        let full = try SeriesStore.run(command).stdout
        #expect(full.split(separator: "\n").contains { $0.count > 100 }, "the sample's lines are wider than 100")
        #expect(try SeriesStore.run(command + ["--wide"], columns: 80).stdout == full)
        for width in [80, 120] {
            let fitted = try SeriesStore.run(command, columns: width).stdout
            let lines = fitted.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width || $0.hasPrefix("(") }, "\(command) at \(width):\n\(fitted)")
            // The same rows, in the same order, with the same first column (the signature or id).
            let key = { (text: String) in text.split(separator: "\n").map { $0.prefix { $0 != " " } }.filter { !$0.isEmpty && !$0.hasPrefix("(") } }
            #expect(key(fitted) == key(full))
        }
    }

    @Test func aCulpritIsCutFromTheLeft() throws {
        let r = try SeriesStore.run(["leaks"], columns: 80)
        #expect(r.stdout.contains("…zoo.leakySend") && !r.stdout.contains("example.com/leakgen/zoo.leakySend"), "\(r.stdout)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("758a9c606b6c2653") })
        #expect(row.contains("leak") && row.contains("inst-a,inst-c") && row.contains("2520"), "counts kept: \(row)")
        #expect(r.stdout.hasSuffix("left out to fit 80 columns: --wide shows every column)\n"))
    }
}
