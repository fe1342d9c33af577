import Foundation

/// The checked-in list of goroutines a team knows and accepts (`.leaktrail.toml`): findings it
/// matches are shown as `accepted`, and no `--fail-on` gate fails on them.
///
/// Applied after analysis, on values: the analyzer stays pure, and the same store gives the
/// same verdicts with or without a list.
public struct KnownGoroutines: Hashable, Sendable {
    /// The file the entries were read from, as messages name it.
    public var path: String
    public var entries: [KnownGoroutine]

    /// The name looked for in the current directory and each one above it.
    public static let fileName = ".leaktrail.toml"

    public init(path: String, entries: [KnownGoroutine]) {
        self.path = path
        self.entries = entries
    }

    /// The acceptance of the first entry that matches `v` and has not expired; nil for an `ok`
    /// verdict (there is nothing to accept).
    public func acceptance(for v: SignatureVerdict, on today: CalendarDay) -> Acceptance? {
        guard v.verdict != .ok,
              let entry = entries.first(where: { !$0.isExpired(on: today) && $0.matches(v) }) else { return nil }
        return Acceptance(reason: entry.reason, owner: entry.owner, expires: entry.expires?.description,
                          source: "\(path):\(entry.line)")
    }

    /// The entries past their last day: each is worth a warning, since it accepts nothing now.
    public func expired(on today: CalendarDay) -> [KnownGoroutine] {
        entries.filter { $0.isExpired(on: today) }
    }

    /// `.leaktrail.toml:12: the entry for signature 758a… (owner team-x) expired on 2026-01-31; it no longer accepts anything`.
    public func expiryWarning(_ entry: KnownGoroutine) -> String {
        "\(path):\(entry.line): the entry for \(entry.selectorText)\(entry.owner.map { " (owner \($0))" } ?? "")"
            + " expired on \(entry.expires?.description ?? "?"); it no longer accepts anything"
    }

    /// Walks up from `directory` to the root and returns the first `.leaktrail.toml` found.
    public static func find(from directory: URL) -> URL? {
        var dir = directory.standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Reads and checks the list at `path` (``KnownGoroutinesParser``).
    public static func load(path: String) throws -> KnownGoroutines {
        // A file handle rather than Data(contentsOf:), which refuses /dev/null (the way to say "no list").
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw KnownGoroutinesError(path: path, line: 0, message: missing ? "no such file" : "cannot be read (permissions?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw KnownGoroutinesError(path: path, line: 0, message: "cannot read it: \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KnownGoroutinesError(path: path, line: 0, message: "it is not UTF-8 text")
        }
        return try KnownGoroutinesParser.parse(text, path: path)
    }
}
