import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// Turns what AsyncHTTPClient and SwiftNIO throw into a ``CaptureFailure/Reason``: the words an
/// on-call engineer reads in the log, and the kind a summary counts.
enum HTTPFailureMapping {
    /// `inBody`: the error came while the body of a 200 answer was arriving, so whatever ended
    /// the exchange cut the dump short.
    static func reason(for error: Error, timeout: Double, maxBytes: Int, inBody: Bool) -> CaptureFailure.Reason {
        if let reason = error as? CaptureFailure.Reason { return reason }
        if error is NIOTooManyBytesError { return .tooLarge(limit: maxBytes) }
        if let d = error as? NIOHTTPDecompression.DecompressionError, d == .limit { return .tooLarge(limit: maxBytes) }
        if error is CancellationError { return .timeout(timeout) }
        if let h = error as? HTTPClientError, [.deadlineExceeded, .readTimeout, .connectTimeout, .cancelled].contains(h) {
            return .timeout(timeout)
        }
        let why = describe(error)
        return inBody ? .truncated(why) : .connection(why)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let e as NIOConnectionError:
            return e.connectionErrors.first.map { describe($0.error) } ?? "no address to connect to"
        case let e as IOError:
            return String(cString: strerror(e.errnoCode)).lowercased()
        case let e as NIOSSLError:
            return tls(String(describing: e))
        case let e as BoringSSLError:
            return tls(String(describing: e))
        case let e as HTTPClientError where e == .remoteConnectionClosed:
            return "the server closed the connection"
        case let e as HTTPParserError:
            return e == .invalidEOFState ? "the server closed the connection before the whole body arrived" : "malformed HTTP (\(e))"
        default:
            return String(describing: error)
        }
    }

    /// BoringSSL's reason words, without its source paths; the two common causes in words.
    static func tls(_ text: String) -> String {
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "TLS: the server's certificate is not trusted (give its CA with --ca)"
        }
        if text.contains("ALERT_BAD_CERTIFICATE") || text.contains("ALERT_CERTIFICATE_REQUIRED") || text.contains("ALERT_HANDSHAKE_FAILURE") {
            return "TLS: the server refused the handshake; it may require a client certificate (--cert, --key)"
        }
        let reason = text.range(of: #"OPENSSL_internal:[A-Z0-9_]+"#, options: .regularExpression).map { String(text[$0].dropFirst(17)) }
        return "TLS: " + (reason ?? text)
    }
}
