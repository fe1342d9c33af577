/// Replays bytes already read (for sniffing the format) before the rest of a source.
public struct PrefixedSource<Inner: ByteSource>: ByteSource {
    private var prefix: [UInt8]
    private var position = 0
    private var inner: Inner

    public init(prefix: [UInt8], inner: Inner) {
        self.prefix = prefix
        self.inner = inner
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if position < prefix.count {
            let n = min(buffer.count, prefix.count - position)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
            }
            position += n
            return n
        }
        return try inner.read(into: buffer)
    }

    /// Reads up to `count` bytes from the start of `source` (fewer at its end).
    public static func head(of source: inout Inner, count: Int) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try head.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        head.removeSubrange(filled...)
        return head
    }
}
