/// Rows for a person (`table`), a spreadsheet (`csv`) or a program (`json`), built from
/// store query results. Deterministic: the same store gives the same bytes.
public struct Listing: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Numbers are right-aligned in a table.
        public var numeric: Bool
        /// How a table narrower than the column's widest cell shortens it.
        public var fit: Fit
        /// When even shortened columns do not fit, the columns with a rank are left out of the
        /// table, rank 1 first; columns without one (the signature, the counts) always stay.
        public var dropRank: Int?

        public init(_ title: String, numeric: Bool = false, fit: Fit = .keep, dropRank: Int? = nil) {
            self.title = title
            self.numeric = numeric
            self.fit = fit
            self.dropRank = dropRank
        }
    }

    /// How a cell is shortened to fit a terminal. CSV and JSON always carry the whole text.
    public enum Fit: Sendable {
        /// Never shortened: ids, counts, verdicts.
        case keep
        /// `function file:line`: the file loses its directories first, then the function
        /// loses its package path from the left (`…zoo.leakySend leak_send.go:46`), since the
        /// end of a Go name and the line are what a reader looks for.
        case location
        /// A path: shortened from the left, keeping the file name.
        case path
        /// Prose (advice, states): shortened at the end.
        case text
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// The JSON document, whose shape is documented per command in docs/json.md.
    public var json: String

    public init(columns: [Column], rows: [[String]], json: String) {
        self.columns = columns
        self.rows = rows
        self.json = json
    }

    /// The listing as `format`; a table fits `width` columns when one is given.
    public func rendered(as format: ListingFormat, width: Int? = nil) -> String {
        switch format {
        case .table: table(width: width)
        case .csv: csv
        case .json: json + "\n"
        }
    }
}

/// The output formats of `snapshots`, `top`, `trends`, `leaks` and `diff`.
public enum ListingFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
}
