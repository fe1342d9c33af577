extension Listing {
    /// Columns padded to their widest cell, two spaces apart, no trailing spaces.
    var table: String {
        let widths = columns.indices.map { c in
            rows.reduce(columns[c].title.count) { max($0, $1[c].count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return columns[c].numeric ? pad + cell : (c == cells.count - 1 ? cell : cell + pad)
            }
            return padded.joined(separator: "  ")
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
