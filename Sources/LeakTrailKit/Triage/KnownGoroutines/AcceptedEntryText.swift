import Foundation

/// `leaktrail accept`: a new `[[accept]]` entry appended to the list, the text already there
/// kept byte for byte (comments, order, spacing): the file is reviewed in pull requests, so
/// a tool must not reformat it.
public enum AcceptedEntryText {
    /// The entry's TOML, preceded by a comment that says what the signature is
    /// (`# leak · chan send · zoo.leakySend zoo/leak_send.go:46`).
    public static func entry(signature: StackSignature, reason: String, owner: String?, expires: CalendarDay?, comment: String?) -> String {
        var out = comment.map { "# " + $0.replacingOccurrences(of: "\n", with: " ") + "\n" } ?? ""
        out += "[[accept]]\nsignature = \(quoted(signature.hex))\nreason = \(quoted(reason))\n"
        if let owner { out += "owner = \(quoted(owner))\n" }
        if let expires { out += "expires = \(expires)\n" }
        return out
    }

    /// `existing` with `entry` after it, one blank line between.
    public static func appending(_ entry: String, to existing: String) -> String {
        if existing.isEmpty { return entry }
        let separator = existing.hasSuffix("\n\n") ? "" : existing.hasSuffix("\n") ? "\n" : "\n\n"
        return existing + separator + entry
    }

    /// Appends `entry` to the list at `path` (made when missing) and returns the new list. The
    /// whole new text is parsed first: a list that is already broken is reported and left as
    /// it is.
    @discardableResult
    public static func append(_ entry: String, to path: String) throws -> KnownGoroutines {
        let existing: String
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw KnownGoroutinesError(path: path, line: 0, message: "cannot read it as UTF-8 text")
            }
            _ = try KnownGoroutinesParser.parse(text, path: path)
            existing = text
        } else {
            existing = "# Goroutines this service knows and accepts: leaktrail shows them as accepted, and\n"
                + "# --fail-on never fails on them. See docs/ci.md of leaktrail.\n"
        }
        let text = appending(entry, to: existing)
        let list = try KnownGoroutinesParser.parse(text, path: path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw KnownGoroutinesError(path: path, line: 0, message: "cannot write it: \((error as NSError).localizedDescription)")
        }
        return list
    }

    /// A TOML basic string: a JSON string literal is one (the same escapes for quotes,
    /// backslashes and control characters), but for DEL, which TOML escapes too.
    static func quoted(_ s: String) -> String {
        JSONText.string(s).replacingOccurrences(of: "\u{7F}", with: "\\u007F")
    }
}
