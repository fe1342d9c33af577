import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches one capture over HTTP(S) with AsyncHTTPClient, politely and within bounds: one
/// request at a time per target, `Connection: close` (so open connections never outnumber the
/// requests in flight, whatever the number of targets), gzip accepted, a cap on the body, one
/// deadline for the whole exchange, and redirects followed only within the target's own host.
final class HTTPCapturer: Sendable {
    /// One client per proxy route (direct, the http proxy, the https proxy): a client's proxy
    /// is part of its configuration.
    private let direct: HTTPClient
    private let proxied: [ProxyEnvironment.Server: HTTPClient]
    private let proxies: ProxyEnvironment
    private let headers: [HeaderField]
    let timeout: Double
    let maxBytes: Int

    static let maxRedirects = 5

    init(tls: CollectTLS, proxies: ProxyEnvironment, headers: [HeaderField],
         timeout: Double, maxBytes: Int) throws {
        let tlsConfiguration = try tls.configuration()
        func client(_ proxy: ProxyEnvironment.Server?) -> HTTPClient {
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tlsConfiguration,
                redirectConfiguration: .disallow,  // followed here, within the host only
                timeout: .init(connect: .milliseconds(Int64(min(timeout, 10) * 1000)), read: .milliseconds(Int64(timeout * 1000))),
                proxy: proxy.map(Self.proxy),
                decompression: .enabled(limit: .size(maxBytes)))
            configuration.httpVersion = .http1Only
            // A refused connection fails the capture at once (the schedule's backoff retries),
            // instead of AsyncHTTPClient retrying until the deadline and saying "timeout".
            configuration.connectionPool.retryConnectionEstablishment = false
            return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        }
        direct = client(nil)
        var proxied: [ProxyEnvironment.Server: HTTPClient] = [:]
        for server in [proxies.http, proxies.https].compactMap({ $0 }) where proxied[server] == nil {
            proxied[server] = client(server)
        }
        self.proxied = proxied
        self.proxies = proxies
        self.headers = headers
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    private static func proxy(_ server: ProxyEnvironment.Server) -> HTTPClient.Configuration.Proxy {
        if server.socks { return .socksServer(host: server.host, port: server.port) }
        let authorization = server.user.map { HTTPClient.Authorization.basic(username: $0, password: server.password ?? "") }
        return .server(host: server.host, port: server.port, authorization: authorization)
    }

    func shutdown() async {
        try? await direct.shutdown()
        for client in proxied.values { try? await client.shutdown() }
    }

    /// The body of `url`, or why there is none. The deadline covers connecting, redirects and
    /// the whole body: a service that trickles bytes forever is cut off like a silent one.
    func fetch(_ url: URL) async -> Result<[UInt8], CaptureFailure.Reason> {
        await withDeadline(seconds: timeout) { try await self.follow(url) }
    }

    private func follow(_ start: URL) async throws -> [UInt8] {
        var url = start
        for _ in 0...Self.maxRedirects {
            let response = try await execute(url)
            guard let next = try await redirectTarget(response, from: url) else { return try await body(of: response) }
            url = next
        }
        throw CaptureFailure.Reason.redirect("more than \(Self.maxRedirects) redirects; refused")
    }

    private func execute(_ url: URL) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "leaktrail/\(LeakTrailVersion.current) (collect)")
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        request.headers.add(name: "Connection", value: "close")
        for h in headers { request.headers.replaceOrAdd(name: h.name, value: h.value) }
        let client = proxies.server(for: url).flatMap { proxied[$0] } ?? direct
        do {
            return try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch {
            throw HTTPFailureMapping.reason(for: error, timeout: timeout, maxBytes: maxBytes, inBody: false)
        }
    }

    /// Where a 3xx points, when it stays on the same scheme, host and port; a redirect anywhere
    /// else is refused (headers such as a token must never travel to another host).
    private func redirectTarget(_ response: HTTPClientResponse, from url: URL) async throws -> URL? {
        guard [301, 302, 303, 307, 308].contains(Int(response.status.code)) else { return nil }
        _ = try? await response.body.collect(upTo: 64 << 10)
        guard let location = response.headers.first(name: "Location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
            throw CaptureFailure.Reason.redirect("HTTP \(response.status.code) without a usable Location; refused")
        }
        guard next.scheme?.lowercased() == url.scheme?.lowercased(), next.host?.lowercased() == url.host?.lowercased(),
              CollectTarget.hostPort(next) == CollectTarget.hostPort(url) else {
            throw CaptureFailure.Reason.redirect("redirected to another host (\(next.scheme ?? "")://\(CollectTarget.hostPort(next))); refused: a capture follows redirects within the target's own host only")
        }
        return next
    }

    private func body(of response: HTTPClientResponse) async throws -> [UInt8] {
        let code = Int(response.status.code)
        if code != 200 {
            let start = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            throw CaptureFailure.Reason.status(code, Self.firstLine(start))
        }
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > maxBytes {
            throw CaptureFailure.Reason.tooLarge(limit: maxBytes)
        }
        do {
            var buffer = try await response.body.collect(upTo: maxBytes)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw HTTPFailureMapping.reason(for: error, timeout: timeout, maxBytes: maxBytes, inBody: true)
        }
    }

    /// The first line of an error body, short and printable (it goes into a log line).
    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let printable = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return printable.count > 120 ? String(printable.prefix(120)) + "…" : printable
    }

    private func withDeadline(seconds: Double, _ body: @escaping @Sendable () async throws -> [UInt8])
        async -> Result<[UInt8], CaptureFailure.Reason> {
        await withTaskGroup(of: Result<[UInt8], CaptureFailure.Reason>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch {
                    return .failure(HTTPFailureMapping.reason(for: error, timeout: seconds, maxBytes: self.maxBytes, inBody: false))
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return Task.isCancelled ? nil : .failure(.timeout(seconds))
            }
            var outcome: Result<[UInt8], CaptureFailure.Reason> = .failure(.timeout(seconds))
            if let first = await group.next(), let result = first { outcome = result }
            group.cancelAll()
            return outcome
        }
    }
}
