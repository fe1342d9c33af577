/// Text from a dump — function names, file paths, label values, wait reasons, instance names —
/// is data written by whoever controls the process, so it is escaped wherever it lands.

/// HTML and SVG: the five characters that can end a text node or an attribute value.
enum HTMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline have no business in a page.
                if c.value < 0x20 && c != "\t" && c != "\n" { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

/// GitHub-flavoured Markdown, where raw HTML is live and `|` splits table cells.
enum MarkdownText {
    /// Plain text: every mark that could start emphasis, code, a link, a heading, a table cell
    /// or an HTML tag is escaped with a backslash (CommonMark shows the character itself), `&`
    /// as an entity, newlines as spaces. Parentheses need nothing once `[` and `]` are escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~":
                out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// An inline code span that holds any text: fenced by more backticks than the text holds
    /// in a row; in a table `|` is escaped so the cell does not split (GitHub strips the
    /// backslash there, and only there).
    static func code(_ s: String, inTable: Bool = true) -> String {
        var text = s.replacingOccurrences(of: "\n", with: " ")
        if inTable { text = text.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") || text.hasPrefix(" ") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// A fenced code block whose fence no line of the text can close.
    static func block(_ s: String, info: String = "text") -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: s) + 1))
        return fence + info + "\n" + s + "\n" + fence
    }

    static func longestRun(of ch: Character, in s: String) -> Int {
        var longest = 0
        var run = 0
        for c in s {
            run = c == ch ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
