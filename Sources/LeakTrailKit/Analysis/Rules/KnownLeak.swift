/// Well-known leaks whose stacks hold no user code: goroutines of the standard library that
/// live as long as something the user's code forgot to close or cancel.
///
/// Their stacks end in `internal/poll` or `runtime.selectgo`, so the innermost frame names
/// nothing to fix; each entry recognises the goroutine by the function it was started in (its
/// entry point), says what it is, and phrases the fix as what the user's code must do. Every
/// entry is tested on a real dump (`SampleTraces/series/checkout`).
public struct KnownLeak: Hashable, Sendable {
    /// A stable id for tools (`net/http.response-body`).
    public var id: String
    public var title: String
    public var advice: String

    /// The entry whose stack this is, if any.
    /// - Parameter frames: innermost first, runtime frames included or not.
    public static func match(_ frames: [Frame]) -> KnownLeak? {
        let visible = frames.map(\.function).filter { !FunctionName($0).isRuntime }
        guard let entry = visible.last else { return nil }
        let inner = visible.first ?? entry
        switch entry {
        case "net/http.(*persistConn).readLoop":
            return inner == entry ? responseBody : idleConnections
        case "net/http.(*persistConn).writeLoop":
            return clientConnections
        case "net/http.(*conn).serve" where !visible.contains("net/http.serverHandler.ServeHTTP"):
            return serverConnections
        case "database/sql.(*Rows).awaitDone":
            return rowsNotClosed
        case "context.(*cancelCtx).propagateCancel.func2", "context.propagateCancel.func1":
            return contextNotCancelled
        default:
            return nil
        }
    }

    static let responseBody = KnownLeak(
        id: "net/http.response-body", title: "net/http client: response bodies never closed",
        advice: "Each of these client connections waits for its response body to be read and closed. Close every response body — defer resp.Body.Close() right after the error check, also when you do not read it — so the Transport can reuse or close the connection.")
    static let idleConnections = KnownLeak(
        id: "net/http.idle-connections", title: "net/http client: idle keep-alive connections pile up",
        advice: "Each idle keep-alive connection keeps a read loop and a write loop. Reuse one http.Client (and its Transport) instead of making one per request, set Transport.IdleConnTimeout, and call CloseIdleConnections when you discard a client.")
    static let clientConnections = KnownLeak(
        id: "net/http.client-connections", title: "net/http client: connections never released",
        advice: "Every open client connection has a write loop, so these grow with connections that are never released. Close every response body (defer resp.Body.Close()), and reuse one http.Client/Transport with an IdleConnTimeout rather than one per request.")
    static let serverConnections = KnownLeak(
        id: "net/http.server-connections", title: "net/http server: client connections held open",
        advice: "The server keeps a goroutine per open connection and never times idle ones out. Set http.Server's ReadHeaderTimeout, ReadTimeout and IdleTimeout; if the clients are yours, close their response bodies and reuse their Transports.")
    static let rowsNotClosed = KnownLeak(
        id: "database/sql.rows-not-closed", title: "database/sql: rows never closed",
        advice: "Each open *sql.Rows keeps this goroutine (and a connection) until it is closed or its context ends. Call defer rows.Close() right after every successful Query/QueryContext, also when you stop reading early.")
    static let contextNotCancelled = KnownLeak(
        id: "context.not-cancelled", title: "context: derived contexts never cancelled",
        advice: "A context made by context.WithCancel, WithTimeout or WithDeadline from a parent Context of your own type needs a goroutine to forward the parent's cancellation, and it waits until the child is cancelled. Call the cancel function on every path (defer cancel()), or derive from a standard context.")
}
