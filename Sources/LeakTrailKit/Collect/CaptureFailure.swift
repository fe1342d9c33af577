import Foundation

/// A capture that stored nothing: which target, when the request started, and why.
public struct CaptureFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var target: CollectTarget
    public var time: Date
    public var reason: Reason

    public init(target: CollectTarget, time: Date, reason: Reason) {
        self.target = target
        self.time = time
        self.reason = reason
    }

    public var description: String { "\(target.name) (\(target.url.absoluteString)): \(reason)" }

    /// Why, in the words an on-call engineer needs to act. Never contains a header value.
    public enum Reason: Error, Sendable, Equatable, CustomStringConvertible {
        /// No connection, a reset, a TLS handshake that failed.
        case connection(String)
        /// No complete answer within the per-request timeout (seconds).
        case timeout(Double)
        /// An answer other than 200: its status and the start of its body.
        case status(Int, String)
        /// The answer is, or announced to be, larger than the cap (bytes).
        case tooLarge(limit: Int)
        /// The connection ended before the body did.
        case truncated(String)
        /// A redirect to another host (or scheme or port), or too many redirects.
        case redirect(String)
        /// The body is not a goroutine dump (a login page, another profile, garbage).
        case notADump(String)

        /// A stable word for JSON summaries and tests.
        public var kind: String {
            switch self {
            case .connection: "connection"
            case .timeout: "timeout"
            case .status: "http_status"
            case .tooLarge: "too_large"
            case .truncated: "truncated"
            case .redirect: "redirect"
            case .notADump: "not_a_dump"
            }
        }

        public var description: String {
            switch self {
            case .connection(let why): "cannot connect: \(why)"
            case .timeout(let seconds): "no complete answer within \(Self.seconds(seconds)) (--timeout)"
            case .status(let code, let body): "HTTP \(code)" + (body.isEmpty ? "" : ": \(body)")
            case .tooLarge(let limit): "the answer is larger than \(limit >> 20) MiB; refused (Go itself caps a dump at 64 MiB)"
            case .truncated(let why): "the answer was cut short: \(why)"
            case .redirect(let why): why
            case .notADump(let why): why
            }
        }

        static func seconds(_ s: Double) -> String {
            s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
        }
    }
}
