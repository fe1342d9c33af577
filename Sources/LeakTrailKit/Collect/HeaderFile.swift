import Foundation

/// `--header-file FILE`: request headers, one `Name: value` a line (`#` comments and blank
/// lines ignored), as curl's `-H @FILE` reads them. Tokens live here rather than on the command
/// line, where `ps` and shell history would show them; no message ever quotes a value.
public enum HeaderFile {
    /// Headers leaktrail sets itself and a file may not change.
    static let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection", "accept-encoding"]

    public static func read(_ path: String) throws -> [HeaderField] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CollectSetupError("cannot read header file \(path): it is missing, unreadable or not UTF-8 text")
        }
        var headers: [HeaderField] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            headers.append(try header(line, at: "\(path):\(index + 1)"))
        }
        return headers
    }

    private static func header(_ line: String, at place: String) throws -> HeaderField {
        guard let colon = line.firstIndex(of: ":") else {
            throw CollectSetupError("\(place): expected 'Name: value' (the value is not shown here)")
        }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~").union(.alphanumerics)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && token.contains($0) }) else {
            throw CollectSetupError("\(place): the text before ':' is not a header name (nothing of the line is shown here)")
        }
        guard !reserved.contains(name.lowercased()) else {
            throw CollectSetupError("\(place): \(name) is set by leaktrail itself and cannot be given")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else {
            throw CollectSetupError("\(place): the value of \(name) holds control characters")
        }
        return HeaderField(name: name, value: value)
    }
}
