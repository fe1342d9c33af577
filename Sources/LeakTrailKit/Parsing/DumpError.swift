/// Why a whole input could not be read. Problems inside a dump are ``ParseIssue``s instead,
/// and never stop the goroutines around them from being read.
public enum DumpError: Error, Equatable, CustomStringConvertible {
    /// The content is none of the formats leaktrail reads; `lookedLike` says what it seemed to be.
    case notADump(lookedLike: String)
    /// A runtime profile that is not about goroutines (heap, mutex, threadcreate, …).
    case otherProfile(name: String)
    /// The content is a dump but broken beyond use (e.g. a truncated gzip stream).
    case malformed(message: String, offset: Int?)
    /// The file system said no.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADump(let what): "not a goroutine dump: it looks like \(what)"
        case .otherProfile(let name): "a \(name) profile, not a goroutine profile: capture /debug/pprof/goroutine instead"
        case .malformed(let message, let offset): offset.map { "byte \($0): \(message)" } ?? message
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}
