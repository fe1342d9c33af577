/// Each distinct frame's signature hashes, keyed by the parser's interned ids, so that a
/// stack's two signatures cost one lookup per frame and no string hashing.
struct FrameHashCache {
    struct Hashes {
        var line: UInt64
        var function: UInt64
        var hidden: Bool
    }

    private var byFunction: [(function: UInt64, hidden: Bool)?] = []
    private var byFrame: [UInt64: UInt64] = [:]

    mutating func hashes(function: Int32, file: Int32, line: Int, functions: ByteInterner, files: ByteInterner) -> Hashes {
        let f = Int(function)
        if f >= byFunction.count { byFunction.append(contentsOf: repeatElement(nil, count: f - byFunction.count + 1)) }
        let name = functions.strings[f]
        let perFunction = byFunction[f] ?? {
            let e = (StackSignature.frameHash(function: name, file: "", line: 0, level: .function),
                     SignatureFrames.isHiddenAtLevelOne(name))
            byFunction[f] = e
            return e
        }()
        let fileName = file >= 0 ? files.strings[Int(file)] : ""
        let lineHash: UInt64
        if file >= 0, line < 1 << 22, file < 1 << 20 {
            let key = UInt64(UInt32(bitPattern: function)) << 42 | UInt64(file) << 22 | UInt64(line)
            if let h = byFrame[key] {
                lineHash = h
            } else {
                lineHash = StackSignature.frameHash(function: name, file: fileName, line: line, level: .line)
                byFrame[key] = lineHash
            }
        } else {
            lineHash = StackSignature.frameHash(function: name, file: fileName, line: line, level: .line)
        }
        return Hashes(line: lineHash, function: perFunction.function, hidden: perFunction.hidden)
    }
}
