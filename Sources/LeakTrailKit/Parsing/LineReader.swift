/// Splits a ``ByteSource`` into lines with `memchr`, in one fixed buffer: memory stays bounded
/// whatever the input. A line longer than the buffer (no dump line is; a binary blob or a
/// giant log record may be) is handed out cut at the buffer's size and the rest of it is
/// skipped, counted in ``overlongLines``. A trailing `\r` is removed; the final line may lack
/// its `\n`, which is how a cut-off dump ends, so the reader says so.
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
    /// Lines cut because they were longer than the buffer.
    public private(set) var overlongLines = 0
    /// Inside the rest of an overlong line, which is being skipped.
    private var skipping = false

    /// The buffer size, and so the longest line read whole.
    public static var defaultChunkSize: Int { 1 << 20 }

    /// The most bytes asked of the source at once. Lines are scanned right after the read
    /// that brought them: in pieces this size the bytes are still in the core's cache when the
    /// parser looks at them, and the kernel's copy itself runs twice as fast as into a 1 MiB
    /// buffer that spills out of it (`dd bs=128K` against `bs=1M` on this machine kind). The
    /// buffer stays as large as before, so long lines are still read whole.
    static var readSize: Int { 128 << 10 }

    /// Whether ``deallocate()`` frees the buffer (false when the caller lent it).
    private let ownsBuffer: Bool

    public init(source: Source, chunkSize: Int = defaultChunkSize) {
        self.source = source
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        ownsBuffer = true
    }

    /// A reader that uses the caller's buffer, whose size is the longest line read whole: a
    /// parser thread reading many chunks of one input reuses one buffer for all of them.
    init(source: Source, buffer: UnsafeMutableRawBufferPointer) {
        self.source = source
        self.buffer = buffer
        ownsBuffer = false
    }

    /// Frees the buffer (unless it was lent); the reader must not be used afterwards.
    public func deallocate() {
        if ownsBuffer { buffer.deallocate() }
    }

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
            if skipping {
                if start < end, let nl = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                    start = buffer.baseAddress!.distance(to: nl) + 1
                    skipping = false
                    continue
                }
                start = end
                if eof { return nil }
                try refill()
                continue
            }
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
            if start == 0 && end == buffer.count {
                // A line as long as the whole buffer: hand out what fits, skip the rest.
                let line = trimmed(0, end)
                start = end
                lineNumber += 1
                overlongLines += 1
                skipping = true
                lastLineUnterminated = false
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
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(buffer.count, end + Self.readSize)]))
        if n == 0 { eof = true }
        end += n
        bytesRead += n
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
