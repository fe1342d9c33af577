import Foundation

/// One pprof endpoint to sample, and the series its snapshots belong to.
///
/// The series is the store's (service, instance) pair: two targets with the same pair would
/// interleave two processes in one series and break its process epochs, so a target list
/// refuses duplicates.
public struct CollectTarget: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    public var instance: String
    /// The URL as given: scheme, host, port and optionally a path prefix or a full pprof path.
    public var url: URL

    public init(service: String, instance: String, url: URL) {
        self.service = service
        self.instance = instance
        self.url = url
    }

    /// `service/instance`, how targets are named in messages and summaries.
    public var name: String { "\(service)/\(instance)" }

    public var description: String { "\(name)=\(url.absoluteString)" }

    /// The URL to request for `capture`. A URL whose path already names a `/debug/pprof/`
    /// endpoint is used as given; otherwise the capture's path is appended to the URL's path,
    /// so a pprof mux mounted under a prefix (`http://host/internal`) works too.
    public func requestURL(for capture: CaptureKind) -> URL {
        if url.path.contains("/debug/pprof/") { return url }
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        let prefix = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = prefix + capture.path
        components.query = capture.query
        return components.url!
    }
}

extension CollectTarget {
    /// Parses `URL` or `service/instance=URL`. A bare URL belongs to `defaultService`, and its
    /// instance is the URL's `host:port`, as Prometheus names an instance.
    public static func parse(_ spec: String, defaultService: String) throws -> CollectTarget {
        let (labels, urlText) = splitLabels(spec)
        let url = try endpoint(urlText, in: spec)
        guard let labels else {
            return CollectTarget(service: defaultService, instance: hostPort(url), url: url)
        }
        let parts = labels.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CollectSetupError("target \(quoted(spec)): the labels before = must be service/instance, e.g. checkout/pod-1=http://10.0.0.5:6060")
        }
        return CollectTarget(service: String(parts[0]), instance: String(parts[1]), url: url)
    }

    /// `service/instance` and the URL, when the spec has labels: the first `=` before `://`.
    private static func splitLabels(_ spec: String) -> (String?, String) {
        guard let eq = spec.firstIndex(of: "=") else { return (nil, spec) }
        if let scheme = spec.range(of: "://"), scheme.lowerBound < eq { return (nil, spec) }
        return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
    }

    /// An `http` or `https` URL with a host and no credentials (tokens go in a header file,
    /// never on a command line that `ps` shows to everyone).
    static func endpoint(_ text: String, in spec: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw CollectSetupError("target \(quoted(spec)) is not a URL: give http://HOST:PORT or service/instance=http://HOST:PORT")
        }
        guard scheme == "http" || scheme == "https" else {
            throw CollectSetupError("target \(quoted(spec)): the scheme must be http or https, not \(scheme)")
        }
        guard url.user == nil, url.password == nil else {
            var shown = URLComponents(url: url, resolvingAgainstBaseURL: false)!
            (shown.user, shown.password) = (nil, nil)
            throw CollectSetupError("target \(shown.string ?? url.scheme ?? "") carries credentials in its URL (not shown here): put them in a --header-file instead")
        }
        return url
    }

    /// `host:port` with the scheme's default port filled in.
    static func hostPort(_ url: URL) -> String {
        let host = url.host ?? ""
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func quoted(_ text: String) -> String { "'\(text)'" }
}

extension [CollectTarget] {
    /// The first pair of targets that would write into one series, if any.
    public func duplicateSeries() -> (CollectTarget, CollectTarget)? {
        var seen: [String: CollectTarget] = [:]
        for t in self {
            let key = t.service + "\u{0}" + t.instance
            if let earlier = seen[key] { return (earlier, t) }
            seen[key] = t
        }
        return nil
    }
}
