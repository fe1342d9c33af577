extension Listing {
    /// Columns padded to their widest cell, two spaces apart, no trailing spaces. Given a
    /// `width` narrower than that, cells are shortened (``Fit``) and, if that is not enough,
    /// ranked columns left out, with a last line that says which.
    public func table(width: Int? = nil) -> String {
        let layout = TableLayout(self, width: width)
        let shown = layout.shown
        func line(_ cells: [String]) -> String {
            let padded = shown.enumerated().map { i, c in
                let cell = TableLayout.shorten(cells[c], to: layout.widths[c], fit: columns[c].fit, withFile: layout.withFile[c])
                let pad = String(repeating: " ", count: max(0, layout.widths[c] - cell.count))
                return columns[c].numeric ? pad + cell : (i == shown.count - 1 ? cell : cell + pad)
            }
            return padded.joined(separator: "  ")
        }
        var out = ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n") + "\n"
        let hidden = columns.indices.filter { !shown.contains($0) && !layout.blank.contains($0) }.map { columns[$0].title }
        if !hidden.isEmpty {
            out += "(\(hidden.joined(separator: ", ")) left out to fit \(width ?? 0) columns: --wide shows every column)\n"
        }
        return out
    }
}

/// Which columns a table shows and how wide each is.
struct TableLayout {
    /// Indexes of the columns shown, in order.
    var shown: [Int]
    /// Columns that could be left out and have no text in any row (`accepted` when nothing
    /// is): never drawn, even with `--wide`, and not named as left out — they say nothing.
    var blank: Set<Int>
    /// The width of every column (shown or not).
    var widths: [Int]
    /// Per `.location` column: whether every shortened cell keeps its `file:line` — a column
    /// reads best when its cells are cut the same way.
    var withFile: [Bool]

    /// The narrowest a shortened column gets: enough to recognise a name.
    static let minimumWidth = 16
    /// The narrowest a column that could be left out is kept at.
    static let usefulWidth = 40

    init(_ listing: Listing, width: Int?) {
        let columns = listing.columns
        widths = columns.indices.map { c in listing.rows.reduce(columns[c].title.count) { max($0, $1[c].count) } }
        let blank = listing.rows.isEmpty ? []
            : Set(columns.indices.filter { c in columns[c].dropRank != nil && listing.rows.allSatisfy { $0[c].isEmpty } })
        self.blank = blank
        shown = columns.indices.filter { !blank.contains($0) }
        withFile = Array(repeating: true, count: columns.count)
        defer {
            for c in columns.indices where columns[c].fit == .location {
                withFile[c] = listing.rows.allSatisfy { Self.fitsWithFile($0[c], in: widths[c]) }
            }
        }
        guard let width else { return }
        func floor(_ c: Int) -> Int {
            columns[c].fit == .keep ? widths[c] : min(widths[c], max(Self.minimumWidth, columns[c].title.count))
        }
        func total(_ cs: [Int], _ w: (Int) -> Int) -> Int { cs.reduce(0) { $0 + w($1) } + 2 * max(0, cs.count - 1) }
        // Leave out ranked columns, rank 1 first, until the rest can be shortened to fit. A
        // column that may be left out stays only if it can keep a useful width: advice cut to
        // a few words helps no one, and its room is better given to the culprit.
        func useful(_ c: Int) -> Int { columns[c].dropRank == nil ? floor(c) : min(widths[c], max(floor(c), Self.usefulWidth)) }
        while total(shown, useful) > width,
              let drop = shown.filter({ columns[$0].dropRank != nil }).max(by: { columns[$0].dropRank! > columns[$1].dropRank! }) {
            shown.removeAll { $0 == drop }
        }
        // Then take a character at a time from the widest column that can still give one.
        var excess = total(shown, { widths[$0] }) - width
        while excess > 0, let c = shown.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) {
            widths[c] -= 1
            excess -= 1
        }
    }

    /// `cell` in at most `width` characters, shortened as `fit` says, with `…` where text went.
    static func shorten(_ cell: String, to width: Int, fit: Listing.Fit, withFile: Bool = true) -> String {
        guard cell.count > width, width > 0 else { return cell }
        switch fit {
        case .keep: return cell
        case .text: return String(cell.prefix(width - 1)) + "…"
        case .path: return leftCut(cell, to: width)
        case .location:
            let (function, base) = location(cell)
            guard withFile, let base else { return leftCut(function, to: width) }
            if function.count + 1 + base.count <= width { return function + " " + base }
            return leftCut(function, to: width - base.count - 1) + " " + base
        }
    }

    /// `function file:line` as the function and the file's base name with its line.
    static func location(_ cell: String) -> (function: String, base: String?) {
        guard let space = cell.firstIndex(of: " ") else { return (cell, nil) }
        let file = cell[cell.index(after: space)...]
        return (String(cell[..<space]), file.lastIndex(of: "/").map { String(file[file.index(after: $0)...]) } ?? String(file))
    }

    /// Whether `cell` fits in `width` keeping its `file:line` and at least `…` and the last
    /// element of its function name (`…zoo.leakySend leak_send.go:46`).
    static func fitsWithFile(_ cell: String, in width: Int) -> Bool {
        guard cell.count > width else { return true }
        let (function, base) = location(cell)
        guard let base else { return false }
        let leaf = function.lastIndex(of: "/").map { function[function.index(after: $0)...] } ?? Substring(function)
        return 1 + leaf.count + 1 + base.count <= width
    }

    /// `text` cut from the left to at most `width` characters, at a `/` when one is in what
    /// is kept, so that whole path elements remain: `…zoo.leakySend`.
    static func leftCut(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        var kept = Substring(text.suffix(width - 1))
        if let slash = kept.firstIndex(of: "/"), kept.index(after: slash) < kept.endIndex { kept = kept[kept.index(after: slash)...] }
        return "…" + kept
    }
}
