/// Which frames make a stack's identity, and in what spelling.
///
/// Formats disagree on runtime frames: a SIGQUIT dump and a pprof protobuf keep
/// `runtime.gopark`/`runtime.chanrecv1`, `?debug=1` drops the leading ones, `?debug=2` drops
/// them all. Keeping only what GOTRACEBACK=single shows makes them agree.
public enum SignatureFrames {
    /// The frames that count for a signature. If none would remain (a system goroutine made
    /// only of runtime frames), all frames count, as the runtime itself does at level 1.
    public static func visible(_ frames: [Frame]) -> [Frame] {
        let kept = frames.filter { !isHiddenAtLevelOne($0.function) }
        return kept.isEmpty ? frames.filter { $0.function != "runtime.goexit" } : kept
    }

    /// Whether GOTRACEBACK=single would hide a function: unexported `runtime.` symbols,
    /// `internal/runtime/…`, and C/assembly names without a package, but never `panic`.
    public static func isHiddenAtLevelOne(_ function: String) -> Bool {
        var name = function
        return name.withUTF8 { u in
            let bytes = UnsafeRawBufferPointer(u)
            if bytes.isEmpty { return true }
            if bytes.count == 5 && Bytes.hasPrefix(bytes, "panic") { return false }
            if Bytes.hasPrefix(bytes, "runtime.") {
                if bytes.count == 15 && Bytes.hasPrefix(bytes, "runtime.gopanic") { return false }
                guard bytes.count > 8 else { return true }
                var i = 8
                if bytes[i] == UInt8(ascii: "(") {
                    // Methods: `runtime.(*Func).Name` is exported, `runtime.(*mheap).alloc` is not.
                    i += 1
                    if i < bytes.count && bytes[i] == UInt8(ascii: "*") { i += 1 }
                }
                return !(i < bytes.count && isUpper(bytes[i]))
            }
            if Bytes.hasPrefix(bytes, "internal/runtime/") || Bytes.hasPrefix(bytes, "runtime/internal/") { return true }
            return memchr(bytes.baseAddress!, Int32(UInt8(ascii: ".")), bytes.count) == nil
        }
    }

    /// The spelling used for hashing: `[...]` for every generic instantiation (protos from
    /// Go 1.21 carry full shape names) and `panic` for `runtime.gopanic`.
    public static func normalizedFunction(_ function: String) -> String {
        if function == "runtime.gopanic" { return "panic" }
        guard function.utf8.contains(UInt8(ascii: "[")) else { return function }
        var out = [UInt8]()
        out.reserveCapacity(function.utf8.count)
        var depth = 0
        for b in function.utf8 {
            if b == UInt8(ascii: "[") {
                if depth == 0 { out.append(contentsOf: Array("[...]".utf8)) }
                depth += 1
            } else if b == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
