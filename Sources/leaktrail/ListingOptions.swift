import ArgumentParser
import LeakTrailKit

/// `--format` and `--wide`, shared by the commands that print a listing.
struct ListingOptions: ParsableArguments {
    @Option(help: "Output: table for people, csv for spreadsheets, json for programs.") var format: ListingFormat = .table
    @OptionGroup var table: WideOption

    var isTable: Bool { format == .table }

    func print(_ listing: Listing) {
        Swift.print(listing.rendered(as: format, width: table.width), terminator: "")
    }
}

/// `--wide`: table lines in full; without it a table fits the terminal.
struct WideOption: ParsableArguments {
    @Flag(help: "Table lines in full, however wide (a table otherwise fits the terminal, shortening names from the left).")
    var wide = false

    /// The width a table must fit, or nil for no limit.
    var width: Int? { wide ? nil : Terminal.width }
}
