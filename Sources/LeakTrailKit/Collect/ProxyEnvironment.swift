import Foundation

/// Proxies from the environment only, as curl reads them: `http_proxy` for http targets,
/// `https_proxy` for https ones (CONNECT tunnels), either spelling in upper case too, and
/// `no_proxy` for the hosts to reach directly (`*`, names matching themselves and their
/// subdomains, IPv4 addresses and CIDR ranges). No flag sets a proxy: one place decides, the
/// same for every HTTP tool on the machine.
public struct ProxyEnvironment: Sendable, Equatable {
    /// A proxy server: `http://[user:password@]host[:port]` or `socks5://host[:port]`.
    public struct Server: Sendable, Hashable {
        public var socks: Bool
        public var host: String
        public var port: Int
        public var user: String?
        public var password: String?
    }

    public var http: Server?
    public var https: Server?
    public var noProxy: [String]

    public static let none = ProxyEnvironment(http: nil, https: nil, noProxy: [])

    public init(http: Server?, https: Server?, noProxy: [String]) {
        self.http = http
        self.https = https
        self.noProxy = noProxy
    }

    /// Reads the variables; a value that is not a proxy URL is an error naming the variable.
    public init(environment: [String: String]) throws {
        func value(_ name: String) -> (String, String)? {
            for key in [name, name.uppercased()] {
                if let v = environment[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return (key, v) }
            }
            return nil
        }
        http = try value("http_proxy").map { try Self.server($0.1, variable: $0.0) }
        https = try value("https_proxy").map { try Self.server($0.1, variable: $0.0) }
        noProxy = value("no_proxy").map { $0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty } } ?? []
    }

    /// The proxy for `url`, or nil to connect directly.
    public func server(for url: URL) -> Server? {
        guard let host = url.host?.lowercased() else { return nil }
        let proxy = url.scheme?.lowercased() == "https" ? https : http
        guard let proxy, !bypasses(host) else { return nil }
        return proxy
    }

    func bypasses(_ host: String) -> Bool {
        let host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return noProxy.contains { entry in
            if entry == "*" { return true }
            let pattern = Self.withoutPort(entry)
            if pattern.contains("/") { return Self.inRange(host, cidr: pattern) }
            let name = pattern.hasPrefix(".") ? String(pattern.dropFirst()) : pattern
            return host == name || host.hasSuffix("." + name)
        }
    }

    /// `host:port` → `host`; IPv6 literals and CIDR ranges are left alone.
    static func withoutPort(_ entry: String) -> String {
        guard entry.filter({ $0 == ":" }).count == 1, let colon = entry.lastIndex(of: ":") else { return entry }
        return String(entry[..<colon])
    }

    static func inRange(_ host: String, cidr: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
              let network = ipv4(String(parts[0])), let address = ipv4(host) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return network & mask == address & mask
    }

    static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ ($0 ?? 256) < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | $1! }
    }

    static func server(_ text: String, variable: String) throws -> Server {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: withScheme), let host = url.host, !host.isEmpty,
              let scheme = url.scheme?.lowercased(), ["http", "socks5", "socks5h"].contains(scheme) else {
            throw CollectSetupError("\(variable) is not a proxy leaktrail can use: give http://HOST:PORT or socks5://HOST:PORT")
        }
        let socks = scheme.hasPrefix("socks")
        if socks, url.user != nil {
            throw CollectSetupError("\(variable): a SOCKS proxy with a user name is not supported; use an http:// proxy")
        }
        return Server(socks: socks, host: host, port: url.port ?? (socks ? 1080 : 80),
                      user: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding)
    }
}
