/// Whose code a frame is: the Go runtime's, the standard library's, or the user's.
///
/// The culprit of a leak is never in `runtime.chanrecv` or `net/http`; it is the first frame
/// of the program that called them.
public enum CodeOrigin: String, Hashable, Sendable {
    case runtime
    case standardLibrary
    case user

    /// Go's own rule of thumb, used by `go list std` and `goimports`: a standard package's path
    /// has no dot in its first element (`net/http`, `internal/poll`), while a module path
    /// starts with a domain (`github.com/acme/pool`). `main` is always the user's, and so is
    /// every package under a configured module prefix, since a module may be named `myapp`.
    public static func of(_ function: String, modulePrefixes: [String] = []) -> CodeOrigin {
        let name = FunctionName(function)
        let path = name.packagePath
        if modulePrefixes.contains(where: { matches(path, prefix: $0) }) { return .user }
        if name.isRuntime || path.isEmpty { return .runtime }
        if path == "main" { return .user }
        let firstElement = path.split(separator: "/", maxSplits: 1).first ?? Substring(path)
        return firstElement.contains(".") ? .user : .standardLibrary
    }

    /// `github.com/acme` covers `github.com/acme` and `github.com/acme/pool`, not `github.com/acmecorp`.
    static func matches(_ path: String, prefix: String) -> Bool {
        let p = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        guard !p.isEmpty else { return false }
        return path == p || path.hasPrefix(p + "/")
    }
}
