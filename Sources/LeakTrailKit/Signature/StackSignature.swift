/// How alike two stacks must be to count as the same population of goroutines.
public enum SignatureLevel: String, Sendable, Codable, CaseIterable {
    /// Function and file:line of every frame: the default, exact to the blocking line.
    case line
    /// Function names only: survives a redeploy that moved code within functions.
    case function
}

/// The identity of a stack: a stable 64-bit id, printed as 16 lowercase hex digits.
///
/// The id is computed from the *user-visible stack* so that every capture format meets
/// (docs/signatures.md): frames the runtime hides at GOTRACEBACK=single
/// (`runtime.gopark`, `runtime.goexit`, …) are dropped, generic instantiations are written
/// `[...]`, and `runtime.gopanic` is written `panic`. The wait reason and the `created by`
/// pair are attributes of a group, not part of its identity: count profiles carry neither,
/// and a goroutine that is momentarily `runnable` at the same blocking line is the same
/// population as its `chan receive` siblings.
///
/// Each frame hashes (FNV-1a 64) its normalised `function` — plus `\t file:line` at the
/// ``SignatureLevel/line`` level — and the stack hashes the level name, then each frame hash
/// as 8 little-endian bytes, again with FNV-1a 64, finished with a SplitMix64 mix.
public struct StackSignature: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var value: UInt64

    public init(value: UInt64) { self.value = value }

    /// Parses the 16-hex-digit form; nil if it is not one (prefixes are resolved by the store).
    public init?(hex: String) {
        guard hex.utf8.count == 16, let v = UInt64(hex, radix: 16) else { return nil }
        value = v
    }

    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    public var description: String { hex }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    /// The signature of a stack at one level; `frames` innermost first, as printed.
    public static func of(_ frames: [Frame], level: SignatureLevel) -> StackSignature {
        var stack = StackHasher(level: level)
        for frame in SignatureFrames.visible(frames) {
            stack.add(frameHash: frameHash(function: frame.function, file: frame.file, line: frame.line, level: level))
        }
        return stack.signature
    }

    /// The hash of one frame; cacheable per distinct (function, file, line).
    public static func frameHash(function: String, file: String, line: Int, level: SignatureLevel) -> UInt64 {
        var h = FNV1a()
        h.add(SignatureFrames.normalizedFunction(function))
        if level == .line {
            h.add("\t")
            h.add(file)
            h.add(":")
            h.add(String(line))
        }
        return h.value
    }
}

/// Combines frame hashes into a stack signature, innermost frame first.
public struct StackHasher: Sendable {
    private var h: FNV1a

    public init(level: SignatureLevel) {
        h = level == .line ? StackHasher.lineSeed : StackHasher.functionSeed
    }

    /// The hash of each level's name, computed once: every stack starts from one of these.
    private static let lineSeed: FNV1a = { var h = FNV1a(); h.add(SignatureLevel.line.rawValue); return h }()
    private static let functionSeed: FNV1a = { var h = FNV1a(); h.add(SignatureLevel.function.rawValue); return h }()

    public mutating func add(frameHash: UInt64) {
        var v = frameHash
        for _ in 0..<8 {
            h.add(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    public var signature: StackSignature {
        // SplitMix64 finaliser: FNV's low bits are weak; ids are often shown shortened.
        StackSignature(value: SplitMix64.mix(h.value))
    }
}

/// 64-bit FNV-1a: simple, stable on every platform and run (unlike `Hasher`, which is seeded).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always)
    public mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    public mutating func add(_ s: String) {
        for b in s.utf8 { add(byte: b) }
    }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes { add(byte: b) }
    }
}

/// A stack's signature at both levels, computed once and carried with each goroutine.
public struct StackSignatures: Hashable, Sendable, Codable {
    public var line: StackSignature
    public var function: StackSignature

    public init(line: StackSignature, function: StackSignature) {
        self.line = line
        self.function = function
    }

    /// The reference computation; parsers use ``SignatureCache`` for speed and must agree.
    public static func of(_ frames: [Frame]) -> StackSignatures {
        StackSignatures(line: .of(frames, level: .line), function: .of(frames, level: .function))
    }

    public subscript(level: SignatureLevel) -> StackSignature {
        level == .line ? line : function
    }
}
