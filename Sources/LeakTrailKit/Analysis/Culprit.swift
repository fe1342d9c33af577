/// Where to look in the code: the innermost frame the user wrote.
public enum Culprit {
    /// The first frame, innermost first, outside the runtime and the standard library. When a
    /// stack has none (a goroutine started by `net/http` and parked in it), the `created by`
    /// site if it is user code, else the innermost non-runtime frame, so there is always
    /// somewhere to start.
    public static func frame(in frames: [Frame], createdBy: CreatedBy?, modulePrefixes: [String] = []) -> Frame? {
        if let f = frames.first(where: { CodeOrigin.of($0.function, modulePrefixes: modulePrefixes) == .user }) {
            return f
        }
        if let c = createdBy, CodeOrigin.of(c.function, modulePrefixes: modulePrefixes) == .user {
            return Frame(function: c.function, file: c.file, line: c.line)
        }
        return frames.first { CodeOrigin.of($0.function, modulePrefixes: modulePrefixes) != .runtime } ?? frames.first
    }
}
