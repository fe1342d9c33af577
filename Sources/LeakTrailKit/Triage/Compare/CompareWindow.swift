import Foundation

/// One side of a before/after comparison: which snapshots of a service it reads.
///
/// Written as terms joined by commas, all of which must hold:
/// - `T1..T2` — captured from T1 to T2 (either end may be left open: `T1..`, `..T2`);
///   times as every option takes them (`2026-11-27T16:25:34Z`, Unix seconds);
/// - `epoch:N` — each instance's Nth process lifetime (a deploy restarts every instance);
/// - `instance:PATTERN` — instances whose name matches a shell pattern: the pods of one
///   release (`instance:shop-7d9f8c-*`), or the canary beside the baseline.
///
/// The store keeps no version per snapshot, so a release is told by time, by restart or by
/// the instance names it runs under.
public struct CompareWindow: Hashable, Sendable, CustomStringConvertible {
    public var since: Date?
    public var until: Date?
    public var epoch: Int?
    public var instancePattern: String?
    /// The text it was written as.
    public var description: String

    public init(since: Date? = nil, until: Date? = nil, epoch: Int? = nil, instancePattern: String? = nil, description: String = "") {
        self.since = since
        self.until = until
        self.epoch = epoch
        self.instancePattern = instancePattern
        self.description = description
    }

    /// Parses the option's text; the error says what was wrong and how to write it.
    public static func parse(_ text: String) throws -> CompareWindow {
        var window = CompareWindow(description: text)
        let terms = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !terms.isEmpty, !terms.contains(where: \.isEmpty) else { throw CompareWindowError(text, "it is empty") }
        for term in terms {
            if term.hasPrefix("epoch:") {
                guard window.epoch == nil, let n = Int(term.dropFirst(6)), n >= 1 else {
                    throw CompareWindowError(text, "\(term) is not a process lifetime: write epoch:1, epoch:2, … (one epoch term)")
                }
                window.epoch = n
            } else if term.hasPrefix("instance:") {
                let pattern = String(term.dropFirst(9))
                guard window.instancePattern == nil, !pattern.isEmpty else {
                    throw CompareWindowError(text, "\(term) names no instance: write instance:NAME or instance:PATTERN (one instance term)")
                }
                window.instancePattern = pattern
            } else if let range = term.range(of: "..") {
                guard window.since == nil, window.until == nil else { throw CompareWindowError(text, "it has two time ranges") }
                window.since = try time(String(term[..<range.lowerBound]), in: text)
                window.until = try time(String(term[range.upperBound...]), in: text)
                if let s = window.since, let u = window.until, s > u { throw CompareWindowError(text, "it ends before it starts") }
            } else {
                throw CompareWindowError(text, "\(term) is not a window term: use T1..T2 (times), epoch:N or instance:PATTERN")
            }
        }
        return window
    }

    static func time(_ text: String, in window: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        guard let date = TimeParser.time(option: text) else {
            throw CompareWindowError(window, "\(text) is not a time: use 2026-11-27T16:25:34Z or Unix seconds")
        }
        return date
    }

    /// Whether an instance's name is selected.
    public func selects(instance: String) -> Bool {
        instancePattern.map { fnmatch($0, instance, 0) == 0 } ?? true
    }
}

/// A window that cannot be read: the text, and what to write instead.
public struct CompareWindowError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var problem: String

    init(_ text: String, _ problem: String) {
        self.text = text
        self.problem = problem
    }

    public var description: String { "the window \"\(text)\" cannot be used: \(problem)" }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
