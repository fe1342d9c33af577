import TOMLKit

/// Reads `.leaktrail.toml`: TOML (parsed by TOMLKit) holding one `[[accept]]` table per entry.
///
///     [[accept]]
///     top_function = "example.com/shop/cache.(*Loader).refresh"
///     reason = "one refresher per process, by design"
///     owner = "team-shop"
///     expires = 2027-03-31
///
/// Strict on purpose: an unknown key (`reasons`), a value of the wrong type, an entry that
/// selects nothing or gives no reason is an error naming the file and line, not a silently
/// ignored entry — a typo must not turn an accepted leak back into a failed build, or worse,
/// accept more than was meant.
public enum KnownGoroutinesParser {
    static let selectorKeys = ["signature", "top_function", "any_function", "file", "known_leak"]
    static let keys = selectorKeys + ["reason", "owner", "expires"]

    public static func parse(_ text: String, path: String) throws -> KnownGoroutines {
        let lines = TOMLLines(text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KnownGoroutinesError(path: path, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        }
        for key in table.keys where key != "accept" {
            throw KnownGoroutinesError(path: path, line: lines.topLevelLine(key) ?? 0,
                                       message: "unknown key \(key): this file holds only [[accept]] entries")
        }
        guard let list = table["accept"] else { return KnownGoroutines(path: path, entries: []) }
        guard let array = list.array else {
            throw KnownGoroutinesError(path: path, line: lines.topLevelLine("accept") ?? 0,
                                       message: "accept must be a list of tables: write each entry under its own [[accept]] header")
        }
        let headers = lines.headerLines("accept")
        var entries: [KnownGoroutine] = []
        for index in 0..<array.count {
            let line = index < headers.count ? headers[index] : (lines.topLevelLine("accept") ?? 0)
            let at = EntryPlace(path: path, line: line, lines: lines)
            guard let entry = array[index].table else {
                throw at.error("each accept entry must be a table of keys (signature, top_function, …, reason)")
            }
            entries.append(try parseEntry(entry, at: at))
        }
        return KnownGoroutines(path: path, entries: entries)
    }

    static func parseEntry(_ t: TOMLTable, at: EntryPlace) throws -> KnownGoroutine {
        for key in t.keys where !keys.contains(key) {
            throw at.error("unknown key \(key) in an accept entry: use \(keys.joined(separator: ", "))", key: key)
        }
        var entry = KnownGoroutine(reason: "", line: at.line)
        if let hex = try string(t, "signature", at) {
            guard let signature = StackSignature(hex: hex.lowercased()) else {
                throw at.error("signature \"\(hex)\" is not a signature id: give all 16 hex digits, as `leaktrail leaks` prints them", key: "signature")
            }
            entry.signature = signature
        }
        entry.topFunction = try string(t, "top_function", at)
        entry.anyFunction = try string(t, "any_function", at)
        entry.file = try string(t, "file", at)
        entry.knownLeak = try string(t, "known_leak", at)
        guard entry.hasSelector else {
            throw at.error("this accept entry selects nothing: give signature, top_function, any_function, file or known_leak")
        }
        guard let reason = try string(t, "reason", at) else {
            throw at.error("reason is missing: say why these goroutines may stay (reason = \"…\")")
        }
        entry.reason = reason
        entry.owner = try string(t, "owner", at)
        entry.expires = try day(t, at)
        return entry
    }

    /// A non-empty string, or nil when the key is absent.
    static func string(_ t: TOMLTable, _ key: String, _ at: EntryPlace) throws -> String? {
        guard let value = t[key] else { return nil }
        guard let s = value.string else { throw at.error("\(key) must be a string in quotes, not a \(value.type)", key: key) }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw at.error("\(key) is empty", key: key) }
        return s
    }

    /// `expires = 2027-03-31` (a TOML date) or `expires = "2027-03-31"`.
    static func day(_ t: TOMLTable, _ at: EntryPlace) throws -> CalendarDay? {
        guard let value = t["expires"] else { return nil }
        let day: CalendarDay?
        if let d = value.date {
            day = CalendarDay(year: d.year, month: d.month, day: d.day)
        } else if let s = value.string {
            day = CalendarDay(s)
        } else {
            day = nil
        }
        guard let day else { throw at.error("expires must be a date such as 2027-03-31 (the last day the entry accepts)", key: "expires") }
        return day
    }

    /// Where an entry is, for its errors: its header line, or the line of the offending key.
    struct EntryPlace {
        var path: String
        var line: Int
        var lines: TOMLLines

        func error(_ message: String, key: String? = nil) -> KnownGoroutinesError {
            let keyLine = key.flatMap { lines.keyLine($0, after: line) }
            return KnownGoroutinesError(path: path, line: keyLine ?? line, message: message)
        }
    }
}

import Foundation
