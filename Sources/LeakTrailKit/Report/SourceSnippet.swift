/// The lines of source around a culprit, read from the service's checkout (`--source DIR`),
/// with the line the goroutines block on marked: what a reviewer looks at first.
public struct SourceSnippet: Hashable, Sendable {
    /// The file as found on disk (under the checkout).
    public var path: String
    /// The marked line, 1-based.
    public var line: Int
    /// The lines shown, the marked one among them, in order.
    public var lines: [Line]

    public struct Line: Hashable, Sendable {
        public var number: Int
        public var text: String

        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    public init(path: String, line: Int, lines: [Line]) {
        self.path = path
        self.line = line
        self.lines = lines
    }

    /// Numbered lines, the marked one with `>`:
    ///
    ///        44 |     result := compute(ctx)
    ///     >  45 |     ch <- result
    public func numberedText(indent: String = "") -> String {
        let width = String(lines.last?.number ?? line).count
        return lines.map { l in
            let number = String(repeating: " ", count: width - String(l.number).count) + String(l.number)
            return indent + (l.number == line ? "> " : "  ") + number + " | " + l.text
        }.joined(separator: "\n")
    }
}
