/// A list of known goroutines that cannot be used: where, and what to write instead. A CI job
/// must not pass or fail on a list it misread, so any error stops the command.
public struct KnownGoroutinesError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `.leaktrail.toml:7: reason is missing: say why this goroutine may stay`.
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
