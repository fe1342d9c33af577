import Foundation

/// A `postgres://user:password@host:port/database?sslmode=…` address, as libpq reads it.
///
/// `host` may instead come as a query item naming a socket directory
/// (`postgres://leaktrail@/fleet?host=/run/postgresql`), and the password from `PGPASSWORD`,
/// so that it need not stand in a shell's history. Messages show ``redacted``, never the
/// password.
public struct PostgresAddress: Sendable, Equatable {
    public enum TLSMode: String, Sendable {
        /// No TLS (the default on a Unix socket).
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection; the certificate is not checked (encryption only).
        case require
        /// TLS, the certificate checked against `sslrootcert` (else the system's roots) and
        /// the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A directory holding `.s.PGSQL.<port>`: connect over the Unix socket there.
    public var socketDirectory: String?
    public var tls: TLSMode
    public var rootCertificate: String?

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isAddress(text), let url = URLComponents(string: text) else {
            throw StoreError.cannotOpen(path: text, reason: "not a postgres://user@host:port/database address")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        user = url.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        port = url.port ?? Int(query["port"] ?? "") ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : path
        let hostItem = query["host"]
        if let dir = hostItem, dir.hasPrefix("/") {
            socketDirectory = dir
            host = "localhost"
        } else {
            host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? hostItem ?? "localhost"
        }
        let mode = query["sslmode"] ?? (socketDirectory == nil ? "prefer" : "disable")
        switch mode {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require", "verify-ca": tls = .require
        case "verify-full": tls = .verifyFull
        default: throw StoreError.cannotOpen(path: Self.redact(text), reason: "sslmode=\(mode) is not one of disable, prefer, require, verify-full")
        }
        rootCertificate = query["sslrootcert"]
    }

    /// The address without its password, for messages and reports.
    public var redacted: String {
        var out = "postgres://\(user)@\(socketDirectory == nil ? host : ""):\(port)/\(database)"
        if let socketDirectory { out += "?host=\(socketDirectory)" }
        return out
    }

    static func redact(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = nil
        return url.string ?? text
    }
}
