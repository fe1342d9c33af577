import Foundation

/// One entry of the list of known goroutines: which findings it matches, and why they may stay.
///
/// An entry matches a flagged signature when every selector it gives matches (at least one is
/// required). The selectors follow goleak's options where they overlap — `top_function` is
/// `IgnoreTopFunction` (the innermost frame the runtime prints), `any_function` is
/// `IgnoreAnyFunction` (any printed frame; not the `created by` line) — and add what only a
/// series has: the signature id itself, the culprit's file, the catalogue id of a standard
/// library leak.
public struct KnownGoroutine: Hashable, Sendable {
    public var signature: StackSignature?
    public var topFunction: String?
    public var anyFunction: String?
    /// A shell pattern (`fnmatch`, where `*` also crosses `/`) on the culprit's file as printed.
    public var file: String?
    /// ``KnownLeak/id``: `net/http.response-body`.
    public var knownLeak: String?
    public var reason: String
    public var owner: String?
    /// The last day the entry accepts; nil for no end.
    public var expires: CalendarDay?
    /// The entry's line in its file (its `[[accept]]` header).
    public var line: Int

    public init(signature: StackSignature? = nil, topFunction: String? = nil, anyFunction: String? = nil, file: String? = nil,
                knownLeak: String? = nil, reason: String, owner: String? = nil, expires: CalendarDay? = nil, line: Int = 0) {
        self.signature = signature
        self.topFunction = topFunction
        self.anyFunction = anyFunction
        self.file = file
        self.knownLeak = knownLeak
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.line = line
    }

    public var hasSelector: Bool {
        signature != nil || topFunction != nil || anyFunction != nil || file != nil || knownLeak != nil
    }

    /// Whether every selector given matches `v`.
    public func matches(_ v: SignatureVerdict) -> Bool {
        guard hasSelector else { return false }
        if let signature, signature != v.signature { return false }
        if let topFunction, !Self.sameFunction(v.frames.first?.function, topFunction) { return false }
        if let anyFunction, !v.frames.contains(where: { Self.sameFunction($0.function, anyFunction) }) { return false }
        if let file, !(v.culprit.map { fnmatch(file, $0.file, 0) == 0 } ?? false) { return false }
        if let knownLeak, v.knownLeak?.id != knownLeak { return false }
        return true
    }

    /// Past its last day: it warns and accepts nothing.
    public func isExpired(on today: CalendarDay) -> Bool { expires.map { today > $0 } ?? false }

    /// `signature 758a9c606b6c2653`, `top_function zoo.leakyTicker and file */zoo/*`: what the
    /// entry selects, as messages name it.
    public var selectorText: String {
        let parts: [(String, String?)] = [
            ("signature", signature?.hex), ("top_function", topFunction), ("any_function", anyFunction),
            ("file", file), ("known_leak", knownLeak),
        ]
        return parts.compactMap { key, value in value.map { "\(key) \($0)" } }.joined(separator: " and ")
    }

    /// Generic instantiations are compared as the signature hashes them (`[...]`), so an entry
    /// written from one capture format matches the others.
    static func sameFunction(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        return SignatureFrames.normalizedFunction(a) == SignatureFrames.normalizedFunction(b)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
