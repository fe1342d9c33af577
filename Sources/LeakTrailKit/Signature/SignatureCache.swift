/// Remembers each distinct frame's hashes, so a stack's signatures cost one dictionary lookup
/// per frame instead of re-hashing its names. Used by the count-profile parsers; the
/// traceback parser keeps its own cache keyed by interned ids.
public struct SignatureCache: Sendable {
    private struct Key: Hashable {
        var function: String
        var file: String
        var line: Int
    }
    private struct Entry {
        var line: UInt64
        var function: UInt64
        var hidden: Bool
    }
    private var entries: [Key: Entry] = [:]

    public init() {}

    public mutating func signatures(of frames: [Frame]) -> StackSignatures {
        var line = StackHasher(level: .line)
        var function = StackHasher(level: .function)
        var visible = 0
        for f in frames {
            let e = entry(f)
            guard !e.hidden else { continue }
            line.add(frameHash: e.line)
            function.add(frameHash: e.function)
            visible += 1
        }
        if visible == 0 { return StackSignatures.of(frames) }
        return StackSignatures(line: line.signature, function: function.signature)
    }

    private mutating func entry(_ f: Frame) -> Entry {
        let key = Key(function: f.function, file: f.file, line: f.line)
        if let e = entries[key] { return e }
        let e = Entry(
            line: StackSignature.frameHash(function: f.function, file: f.file, line: f.line, level: .line),
            function: StackSignature.frameHash(function: f.function, file: f.file, line: f.line, level: .function),
            hidden: SignatureFrames.isHiddenAtLevelOne(f.function))
        entries[key] = e
        return e
    }
}
