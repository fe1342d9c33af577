import Foundation
import Yams

/// `--targets FILE`: targets in Prometheus's `file_sd` shape, JSON or YAML —
///
///     [{"targets": ["10.0.0.5:6060", "10.0.0.6:6060"],
///       "labels": {"service": "checkout", "__scheme__": "https"}}]
///
/// so the file that service discovery already writes for Prometheus can drive `collect` too.
/// Each entry of `targets` is `host:port` (or a full URL, for a path prefix); the service is the
/// `service` label, else `job`, else the default; the instance is the `instance` label, else
/// `host:port`, as Prometheus names it; `__scheme__` picks http or https.
public enum TargetFile {
    struct Group: Decodable {
        var targets: [String]
        var labels: [String: String]?
    }

    /// Reads and checks the file; every problem names the file and the group.
    public static func read(_ path: String, defaultService: String) throws -> [CollectTarget] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CollectSetupError("cannot read the targets file \(path)")
        }
        let groups = try decode(data, path: path)
        var targets: [CollectTarget] = []
        for (g, group) in groups.enumerated() {
            for address in group.targets {
                targets.append(try target(address, labels: group.labels ?? [:], defaultService: defaultService,
                                          place: "\(path): group \(g + 1)"))
            }
        }
        if let (a, b) = targets.duplicateSeries() {
            throw CollectSetupError("\(path): \(a.url.absoluteString) and \(b.url.absoluteString) are both \(a.name): give each an instance label of its own")
        }
        return targets
    }

    static func decode(_ data: Data, path: String) throws -> [Group] {
        let lower = path.lowercased()
        do {
            if lower.hasSuffix(".json") { return try JSONDecoder().decode([Group].self, from: data) }
            if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return try YAMLDecoder().decode([Group].self, from: data) }
            if let groups = try? JSONDecoder().decode([Group].self, from: data) { return groups }
            return try YAMLDecoder().decode([Group].self, from: data)
        } catch {
            throw CollectSetupError("\(path) is not a file_sd target list ([{\"targets\": [\"host:port\"], \"labels\": {…}}]): \(explain(error))")
        }
    }

    private static func target(_ address: String, labels: [String: String], defaultService: String, place: String) throws -> CollectTarget {
        let scheme = labels["__scheme__"] ?? "http"
        let text = address.contains("://") ? address : "\(scheme)://\(address)"
        let url: URL
        do {
            url = try CollectTarget.endpoint(text, in: address)
        } catch {
            throw CollectSetupError("\(place): \(error)")
        }
        let service = labels["service"] ?? labels["job"] ?? defaultService
        let instance = labels["instance"] ?? CollectTarget.hostPort(url)
        guard !service.isEmpty, !instance.isEmpty else { throw CollectSetupError("\(place): empty service or instance label") }
        return CollectTarget(service: service, instance: instance, url: url)
    }

    private static func explain(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.keyNotFound(_, let c),
             DecodingError.dataCorrupted(let c):
            let at = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return (at.isEmpty ? "" : "at \(at): ") + c.debugDescription
        default:
            return String(describing: error)
        }
    }
}

/// A problem with what `collect` was told (a target, a file, a TLS or proxy setting): it stops
/// `collect` before anything is asked, and names what to fix.
public struct CollectSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
