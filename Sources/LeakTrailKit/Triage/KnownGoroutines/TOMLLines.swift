/// Line numbers in a TOML text, for error messages: the parser reports where the syntax
/// breaks, but a value of the wrong kind is found after parsing, when only the text still
/// knows where it was written. A light scan of the lines, good for the files people write
/// (one key per line, `[[table]]` headers); anything else falls back to the entry's header.
struct TOMLLines {
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based lines of every `[[name]]` header, in order.
    func headerLines(_ name: String) -> [Int] {
        lines.indices.filter { i in
            let t = stripped(lines[i])
            guard t.hasPrefix("[["), t.hasSuffix("]]") else { return false }
            return t.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces) == name
        }.map { $0 + 1 }
    }

    /// The first line after the header at `start` (1-based) that assigns `key`, before the
    /// next header.
    func keyLine(_ key: String, after start: Int) -> Int? {
        for i in start..<lines.count {
            let t = stripped(lines[i])
            if t.hasPrefix("[") { return nil }
            if assigns(t, key) { return i + 1 }
        }
        return nil
    }

    /// Where a top-level `key` is written: `key = …` before the first header, or a
    /// `[key]`, `[[key]]` or `[key.sub]` header.
    func topLevelLine(_ key: String) -> Int? {
        var beforeHeaders = true
        for (i, line) in lines.enumerated() {
            let t = stripped(line)
            if t.hasPrefix("[") {
                beforeHeaders = false
                let name = t.drop { $0 == "[" }.prefix { $0 != "]" && $0 != "." }.trimmingCharacters(in: .whitespaces)
                if name == key { return i + 1 }
            } else if beforeHeaders, assigns(t, key) {
                return i + 1
            }
        }
        return nil
    }

    private func assigns(_ line: String, _ key: String) -> Bool {
        for spelling in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(spelling) {
            if line.dropFirst(spelling.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return true }
        }
        return false
    }

    /// The line without surrounding blanks or a trailing `# comment` outside quotes.
    private func stripped(_ line: Substring) -> String {
        var quote: Character? = nil
        var end = line.endIndex
        for i in line.indices {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                end = i
                break
            }
        }
        return line[..<end].trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
