/// A Go symbol split into the parts people read: package path, receiver, name, closure suffixes.
///
/// Follows the runtime's rule (FORMATS.md §4.1): the package ends at the first `.` after the
/// last `/`; dots inside the last path element are printed `%2e`, so the rule holds. Generic
/// brackets are balanced before any split, because full shape names hold dots and spaces.
public struct FunctionName: Hashable, Sendable {
    /// `github.com/acme/pool`, `main`, `runtime`; empty for names without a package (`panic`).
    public var packagePath: String
    /// `*Pool` for `(*Pool).run`, `Pool` for `Pool.run`; nil for plain functions.
    public var receiver: String?
    /// The declared function or method name (`run`), generic brackets included (`Map[...]`).
    public var name: String
    /// What follows the name: `func1`, `func1.2`, `gowrap1`, `-range1`, `-fm`.
    public var closure: String?

    public init(_ symbol: String) {
        let (package, rest) = FunctionName.splitPackage(symbol)
        packagePath = package
        var remainder = Substring(rest)
        receiver = nil
        if remainder.hasPrefix("("), let close = FunctionName.matchingParen(in: remainder) {
            receiver = String(remainder[remainder.index(after: remainder.startIndex)..<close])
            remainder = remainder[remainder.index(after: close)...]
            if remainder.hasPrefix(".") { remainder = remainder.dropFirst() }
        }
        let end = FunctionName.firstTopLevelSeparator(in: remainder)
        let head = remainder[..<end]
        if receiver == nil, let dot = FunctionName.topLevelDot(in: head), FunctionName.looksLikeType(head[..<dot]) {
            // Value receiver `pkg.T.M`: a capitalised or generic type before the method.
            receiver = String(head[..<dot])
            name = String(head[head.index(after: dot)...])
        } else {
            name = String(head)
        }
        var tail = remainder[end...]
        if tail.hasPrefix(".") { tail = tail.dropFirst() }
        closure = tail.isEmpty ? nil : String(tail)
    }

    /// Whether the symbol is the runtime's own (package `runtime` or `internal/runtime/…`).
    public var isRuntime: Bool {
        packagePath == "runtime" || packagePath.hasPrefix("internal/runtime/") || packagePath.hasPrefix("runtime/internal/")
    }

    /// The package path and the rest of a symbol, split at the first `.` after the last `/`
    /// that is outside generic brackets.
    static func splitPackage(_ symbol: String) -> (String, String) {
        let bytes = Array(symbol.utf8)
        var depth = 0
        var lastSlash = -1
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "[") { depth += 1 } else if b == UInt8(ascii: "]") { depth -= 1 }
            if b == UInt8(ascii: "/") && depth == 0 { lastSlash = i }
            if b == UInt8(ascii: "(") && depth == 0 { break }
        }
        depth = 0
        var i = lastSlash + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "[") { depth += 1 } else if b == UInt8(ascii: "]") { depth -= 1 }
            if b == UInt8(ascii: ".") && depth == 0 {
                return (String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + 1)...], as: UTF8.self))
            }
            i += 1
        }
        return ("", symbol)
    }

    static func matchingParen(in s: Substring) -> Substring.Index? {
        var depth = 0
        for i in s.indices {
            switch s[i] {
            case "(", "[": depth += 1
            case ")", "]":
                depth -= 1
                if depth == 0 && s[i] == ")" { return i }
            default: break
            }
        }
        return nil
    }

    /// End of the name part: the first `.` or `-` outside brackets that starts a closure suffix.
    static func firstTopLevelSeparator(in s: Substring) -> Substring.Index {
        var depth = 0
        var sawDot = false
        for i in s.indices {
            let c = s[i]
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            guard depth == 0 else { continue }
            if c == "-" { return i }
            if c == "." {
                let next = s.index(after: i)
                if next < s.endIndex, FunctionName.startsClosure(s[next...]) { return i }
                if sawDot { return i }
                sawDot = true
            }
        }
        return s.endIndex
    }

    static func topLevelDot(in s: Substring) -> Substring.Index? {
        var depth = 0
        for i in s.indices {
            if s[i] == "[" { depth += 1 } else if s[i] == "]" { depth -= 1 }
            if depth == 0 && s[i] == "." { return i }
        }
        return nil
    }

    static func startsClosure(_ s: Substring) -> Bool {
        for prefix in ["func", "gowrap", "deferwrap"] where s.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            if let first = rest.first, first.isNumber { return true }
        }
        return s.first?.isNumber ?? false
    }

    static func looksLikeType(_ s: Substring) -> Bool {
        guard let first = s.first else { return false }
        return first.isUppercase || s.contains("[")
    }
}

extension FunctionName {
    /// Whether a symbol belongs to the Go distribution (runtime and standard library) rather
    /// than to the program: its import path's first element has no dot (`net/http`, `sync`),
    /// except `main`, test packages, `command-line-arguments`, and any path under one of
    /// `modules` (for code hosted without a dotted domain).
    public static func isStandardLibrary(_ symbol: String, modules: [String] = []) -> Bool {
        if symbol == "panic" { return true }
        let package = FunctionName.splitPackage(symbol).0
        if package.isEmpty { return true }
        if modules.contains(where: { package == $0 || package.hasPrefix($0 + "/") || package.hasPrefix($0 + ".") }) { return false }
        let firstElement = package.split(separator: "/", maxSplits: 1).first ?? ""
        if firstElement == "main" || firstElement == "command-line-arguments" || firstElement.hasSuffix("_test") { return false }
        if firstElement == "vendor" { return true }
        return !firstElement.contains(".")
    }
}
