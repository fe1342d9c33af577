import Testing
@testable import LeakTrailKit

/// Tables that fit a terminal: what is kept whole, what is shortened and how, what is left
/// out and said so; and no change at all without a width.
@Suite struct ListingTableTests {
    static let listing = Listing(
        columns: [.init("signature"), .init("goroutines", numeric: true), .init("state", fit: .text, dropRank: 1),
                  .init("culprit", fit: .location), .init("advice", fit: .text, dropRank: 2)],
        rows: [
            ["758a9c606b6c2653", "215", "chan send", "example.com/leakgen/zoo.leakySend example.com/leakgen/zoo/leak_send.go:46",
             "Nobody receives what this goroutine sends. Give the result channel a buffer."],
            ["6141e6458f640b98", "36", "chan receive", "main.leakyTicker example.com/cmd/app/ticker.go:12", "Stop the ticker."],
        ],
        json: "{}")

    @Test func withoutAWidthNothingChanges() {
        let full = Self.listing.table()
        #expect(full == Self.listing.rendered(as: .table))
        #expect(full.contains("example.com/leakgen/zoo.leakySend example.com/leakgen/zoo/leak_send.go:46  Nobody receives"))
        #expect(Self.listing.table(width: 1000) == full)
    }

    @Test(arguments: [60, 80, 100, 140]) func everyLineFits(_ width: Int) {
        let table = Self.listing.table(width: width)
        let lines = table.split(separator: "\n")
        #expect(lines.filter { !$0.hasPrefix("(") }.allSatisfy { $0.count <= width }, "\(table)")
        // Signatures and counts are never shortened.
        #expect(table.contains("758a9c606b6c2653") && table.contains("6141e6458f640b98") && table.contains("215"))
    }

    @Test func namesAreCutFromTheLeftAndLeftOutColumnsAreNamed() {
        let table = Self.listing.table(width: 60)
        #expect(table.contains("…zoo.leakySend") && table.contains("main.leakyTicker"), "\(table)")
        #expect(!table.contains("advice  ") && table.hasSuffix("(state, advice left out to fit 60 columns: --wide shows every column)\n"))
        let wider = Self.listing.table(width: 100)
        #expect(wider.contains("…zoo.leakySend leak_send.go:46") && wider.contains("main.leakyTicker ticker.go:12"), "\(wider)")
        #expect(wider.hasSuffix("(state left out to fit 100 columns: --wide shows every column)\n"), "state ranks first to go")
    }

    @Test func aColumnThatCouldGoAndSaysNothingIsNotDrawn() {
        var listing = Self.listing
        listing.columns.insert(.init("accepted", fit: .text, dropRank: 3), at: 1)
        listing.rows = listing.rows.map { var r = $0; r.insert("", at: 1); return r }
        #expect(listing.table() == Self.listing.table(), "blank even with --wide")
        #expect(listing.table(width: 60) == Self.listing.table(width: 60), "and not named as left out")
        listing.rows[1][1] = "lives as long as the process"
        #expect(listing.table().contains("accepted") && listing.table().contains("lives as long as the process"))
        listing.rows = []
        #expect(listing.table() == "signature  accepted  goroutines  state  culprit  advice\n", "no rows: every title, as is")
    }

    @Test func shorteningRules() {
        let cell = "example.com/leakgen/zoo.leakySend example.com/leakgen/zoo/leak_send.go:46"
        #expect(TableLayout.shorten(cell, to: 200, fit: .location) == cell)
        #expect(TableLayout.shorten(cell, to: 49, fit: .location) == "example.com/leakgen/zoo.leakySend leak_send.go:46")
        #expect(TableLayout.shorten(cell, to: 40, fit: .location) == "…leakgen/zoo.leakySend leak_send.go:46")
        #expect(TableLayout.shorten(cell, to: 30, fit: .location, withFile: false) == "…leakgen/zoo.leakySend")
        #expect(TableLayout.shorten("a/b/goroutine-20261127T162534Z.txt", to: 32, fit: .path) == "…goroutine-20261127T162534Z.txt")
        #expect(TableLayout.shorten("Stop the ticker when done.", to: 10, fit: .text) == "Stop the …")
        #expect(TableLayout.shorten("758a9c606b6c2653", to: 4, fit: .keep) == "758a9c606b6c2653")
    }
}
