/// Splits a ``ByteSource`` into lines with `memchr`, in a fixed buffer that only grows for a
/// line longer than itself. A trailing `\r` is removed; the final line may lack its `\n`,
/// which is how a cut-off dump ends, so the reader says so.
public struct LineReader<Source: ByteSource> {
    private var source: Source
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    /// 1-based number of the last line handed out.
    public private(set) var lineNumber = 0
    /// Bytes consumed from the source so far.
    public private(set) var bytesRead = 0
    /// Whether the last line handed out ended without a newline (the input was cut mid-line).
    public private(set) var lastLineUnterminated = false

    public init(source: Source, chunkSize: Int = 1 << 20) {
        self.source = source
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    /// Frees the buffer; the reader must not be used afterwards.
    public func deallocate() { buffer.deallocate() }

    /// Calls `body` with each line (without its terminator) until the input ends or `body`
    /// returns false. The pointer is valid only during the call.
    public mutating func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Bool) throws {
        while let line = try nextLine() {
            if try !body(line, lineNumber) { return }
        }
    }

    /// The next line, valid until the next call; nil at the end of input.
    public mutating func nextLine() throws -> UnsafeRawBufferPointer? {
        while true {
            if start < end, let nl = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                let lineEnd = buffer.baseAddress!.distance(to: nl)
                let line = trimmed(start, lineEnd)
                start = lineEnd + 1
                lineNumber += 1
                lastLineUnterminated = false
                return line
            }
            if eof {
                guard start < end else { return nil }
                let line = trimmed(start, end)
                start = end
                lineNumber += 1
                lastLineUnterminated = true
                return line
            }
            try refill()
        }
    }

    private func trimmed(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
        var to = to
        if to > from && buffer[to - 1] == 0x0D { to -= 1 }
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[from..<to])
    }

    private mutating func refill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending) }
            start = 0
            end = pending
        }
        if end == buffer.count { grow() }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { eof = true }
        end += n
        bytesRead += n
    }

    private mutating func grow() {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
        bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
        buffer.deallocate()
        buffer = bigger
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
