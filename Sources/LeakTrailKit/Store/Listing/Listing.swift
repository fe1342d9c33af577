/// Rows for a person (`table`), a spreadsheet (`csv`) or a program (`json`), built from
/// store query results. Deterministic: the same store gives the same bytes.
public struct Listing: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Numbers are right-aligned in a table.
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
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

    public func rendered(as format: ListingFormat) -> String {
        switch format {
        case .table: table
        case .csv: csv
        case .json: json + "\n"
        }
    }
}

/// The output formats of `snapshots` and `top`.
public enum ListingFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
}
