import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the server, used synchronously: the store's callers (the import
/// writer, the commands) are plain threads, so each call waits for its future. Rows are
/// handed to a closure as they arrive, so a large answer is never held whole.
final class PostgresSession: @unchecked Sendable {
    let address: PostgresAddress
    private let connection: PostgresConnection
    private static let logger = Logger(label: "leaktrail.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(_ address: PostgresAddress) throws {
        self.address = address
        var configuration: PostgresConnection.Configuration
        if let directory = address.socketDirectory {
            configuration = .init(unixSocketPath: "\(directory)/.s.PGSQL.\(address.port)", username: address.user,
                                  password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: try Self.tls(address))
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: Self.logger).wait()
        } catch {
            throw StoreError.cannotOpen(path: address.redacted, reason: PostgresFailure.describe(error))
        }
    }

    /// Closes the connection, waiting at most 5 s for the server to say goodbye.
    deinit { _ = Self.wait(for: connection.close(), seconds: 5) }

    /// Waits for `future` at most `seconds`; whether it completed (with a value or an error).
    private static func wait<T>(for future: EventLoopFuture<T>, seconds: Int) -> Bool {
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { _ in done.signal() }
        return done.wait(timeout: .now() + .seconds(seconds)) == .success
    }

    /// Waits for a statement's answer for as long as the connection lives. PostgresNIO can
    /// leave a statement's future pending for ever when the server dies while it is being
    /// sent (an import was found waiting 15 minutes on a closed socket after a restart), so
    /// the wait looks at the connection every second and gives up once it has been closed
    /// for two looks: the statement is then lost like its connection, and retried as such.
    private func answer<T>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { _ in done.signal() }
        var closedLooks = 0
        while done.wait(timeout: .now() + .seconds(1)) == .timedOut {
            guard connection.isClosed else { continue }
            closedLooks += 1
            if closedLooks >= 2 { throw PostgresFailure(closedWhileWaiting: ()) }
        }
        return try future.wait()
    }

    private static func tls(_ address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let root = address.rootCertificate { tls.trustRoots = .file(root) }
        }
        let context = try NIOSSLContext(configuration: tls)
        return address.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Runs one statement with `$1…` parameters; rows go to `row` as they arrive.
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), row: (@Sendable (PostgresRow) throws -> Void)? = nil) throws {
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        do {
            _ = try answer(connection.query(query, logger: Self.logger) { try row?($0) })
        } catch {
            throw PostgresFailure(error)
        }
    }

    /// Every row of a statement, decoded by `decode` as it arrives.
    func all<T: Sendable>(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), _ decode: @escaping @Sendable (PostgresRow) throws -> T) throws -> [T] {
        let out = Locked<[T]>([])
        try query(sql, binds) { r in
            let value = try decode(r)
            out.withLock { $0.append(value) }
        }
        return out.withLock { $0 }
    }

    /// Statements without parameters, several at once (migrations, BEGIN, COMMIT).
    func execute(_ sql: String) throws {
        do {
            _ = try answer(connection.simpleQuery(sql))
        } catch {
            throw PostgresFailure(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            rollBack(after: error)
            throw error
        }
    }

    /// Ends a failed transaction. On a lost connection the server has already discarded it,
    /// and a statement sent there may never be answered (PostgresNIO leaves it waiting), so
    /// the connection is closed instead; a `ROLLBACK` unanswered for 10 s does the same.
    /// A closed connection is opened again by the store's next call.
    private func rollBack(after error: any Error) {
        if (error as? PostgresFailure)?.connectionLost == true || connection.isClosed {
            connection.close().whenComplete { _ in }
            return
        }
        if !Self.wait(for: connection.simpleQuery("ROLLBACK"), seconds: 10) { connection.close().whenComplete { _ in } }
    }

    var isClosed: Bool { connection.isClosed }
}

/// A server or connection error in words a person can act on: PostgresNIO's own description
/// hides the server's message (it may hold data), but leaktrail's statements carry none worth
/// hiding and the message is what says what went wrong.
struct PostgresFailure: Error, CustomStringConvertible {
    var description: String
    /// The SQLSTATE, when the server sent one (`40P01` deadlock, `23505` unique violation…).
    var sqlState: String?
    /// The connection is gone: the server stopped, restarted or dropped it.
    var connectionLost: Bool

    init(_ error: any Error) {
        if let e = error as? PostgresFailure {
            self = e
            return
        }
        description = Self.describe(error)
        let p = error as? PSQLError
        sqlState = p?.serverInfo?[.sqlState]
        // A socket error reaches the caller bare (an `IOError`, `ECONNRESET` when the server
        // died mid-statement) or as a `ChannelError`: the connection is gone either way.
        connectionLost = error is IOError || error is ChannelError
            || p.map { [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains($0.code) } ?? false
            || sqlState.map { $0.hasPrefix("08") || $0 == "57P01" || $0 == "57P02" || $0 == "57P03" } ?? false
    }

    /// A reconnection that failed: the connection is still lost.
    init(lost error: any Error) {
        description = "\(error)"
        sqlState = nil
        connectionLost = true
    }

    /// A connection found closed while a statement still waited for its answer.
    init(closedWhileWaiting: Void) {
        description = "the server closed the connection"
        sqlState = nil
        connectionLost = true
    }

    /// The server is gone or out of room: no later file could be stored either.
    var stopsImport: Bool { connectionLost || sqlState == "53100" || sqlState == "53200" }

    /// A row whose day has no partition (another process pruned it meanwhile).
    var noPartition: Bool { sqlState == "23514" }

    /// A transaction that lost a race and may simply be run again.
    var retryable: Bool { connectionLost || sqlState == "40001" || sqlState == "40P01" }

    static func describe(_ error: any Error) -> String {
        guard let p = error as? PSQLError else { return "\(error)" }
        if let message = p.serverInfo?[.message] {
            let state = p.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        switch p.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .connectionError: return "cannot connect: \(p.underlying.map { "\($0)" } ?? "connection refused")"
        case .sslUnsupported: return "the server does not offer TLS (sslmode=require)"
        case .authMechanismRequiresPassword: return "the server asks for a password: give it in the address or PGPASSWORD"
        default: return p.code.description
        }
    }
}
