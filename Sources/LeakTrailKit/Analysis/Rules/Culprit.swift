/// Where to look in the code: the innermost frame the user wrote.
public enum Culprit {
    /// The first frame, innermost first, outside the runtime and the standard library. When a
    /// stack has none (a client connection's read loop, rows waiting to be closed), the
    /// `created by` site if it is user code, else the goroutine's entry point — the outermost
    /// frame outside the runtime, `net/http.(*persistConn).readLoop` rather than
    /// `internal/poll.runtime_pollWait`: the function that names what was left open.
    public static func frame(in frames: [Frame], createdBy: CreatedBy?, modulePrefixes: [String] = []) -> Frame? {
        if let f = frames.first(where: { CodeOrigin.of($0.function, modulePrefixes: modulePrefixes) == .user }) {
            return f
        }
        if let c = createdBy, CodeOrigin.of(c.function, modulePrefixes: modulePrefixes) == .user {
            return Frame(function: c.function, file: c.file, line: c.line)
        }
        return frames.last { CodeOrigin.of($0.function, modulePrefixes: modulePrefixes) != .runtime } ?? frames.first
    }
}
