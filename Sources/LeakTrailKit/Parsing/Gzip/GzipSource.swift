import CZlib

/// Inflates a gzip stream from another ``ByteSource`` through the system zlib, a chunk at a
/// time: memory stays at one input chunk plus zlib's 32 KiB window whatever the file's size.
///
/// Every member of a multi-member file is read (`cat a.gz b.gz`, `gzip -c >>`), zero padding
/// after the last member is ignored, and a stream that ends early or fails its checksum is a
/// ``DumpError/malformed(message:offset:)`` naming the compressed byte where it broke.
public struct GzipSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let inflater: Inflater
    private var innerEnded = false
    /// Between members (and before the first), where only another member or padding may follow.
    private var betweenMembers = true
    private var finished = false

    /// How many compressed bytes zlib has taken so far: the offset errors report.
    public var compressedBytesRead: Int { inflater.fed - Int(inflater.stream.pointee.avail_in) }

    public init(_ inner: Inner, inputChunkSize: Int = 64 << 10) throws {
        self.inner = inner
        inflater = try Inflater(inputChunkSize: inputChunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let z = inflater.stream
        z.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        z.pointee.avail_out = UInt32(clamping: buffer.count)
        let capacity = Int(z.pointee.avail_out)
        while Int(z.pointee.avail_out) == capacity {
            if z.pointee.avail_in == 0 && !innerEnded { try refill() }
            if betweenMembers {
                skipPadding()
                if z.pointee.avail_in == 0 {
                    if innerEnded { finished = true; break }
                    continue
                }
                guard z.pointee.next_in.pointee == 0x1F else {
                    throw DumpError.malformed(message: "bytes after the end of the gzip stream are not another gzip member", offset: compressedBytesRead)
                }
                betweenMembers = false
            }
            if z.pointee.avail_in == 0 && innerEnded {
                throw DumpError.malformed(message: "the gzip stream is truncated (it ends inside a member)", offset: compressedBytesRead)
            }
            let status = inflate(z, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                inflateReset(z)
                betweenMembers = true
            default:
                throw DumpError.malformed(message: "corrupt gzip data (\(inflater.message(status)))", offset: compressedBytesRead)
            }
        }
        return capacity - Int(z.pointee.avail_out)
    }

    private mutating func refill() throws {
        let n = try inner.read(into: inflater.input)
        if n == 0 { innerEnded = true; return }
        inflater.fed += n
        inflater.stream.pointee.next_in = inflater.input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        inflater.stream.pointee.avail_in = UInt32(n)
    }

    /// Tape-style zero padding after the last member, which gzip(1) also accepts.
    private func skipPadding() {
        let z = inflater.stream
        while z.pointee.avail_in > 0 && z.pointee.next_in.pointee == 0 {
            z.pointee.next_in += 1
            z.pointee.avail_in -= 1
        }
    }
}

/// Owns the `z_stream`: zlib keeps a pointer back to it, so it must never move, and
/// `inflateEnd` must run exactly once.
private final class Inflater {
    let stream: UnsafeMutablePointer<z_stream>
    let input: UnsafeMutableRawBufferPointer
    /// Compressed bytes handed to zlib so far.
    var fed = 0

    init(inputChunkSize: Int) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputChunkSize, alignment: 16)
        // 15 + 32: the largest window, and a gzip (or zlib) header detected automatically.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            stream.deallocate()
            throw DumpError.malformed(message: "zlib could not start (status \(status))", offset: nil)
        }
    }

    func message(_ status: Int32) -> String {
        if let m = stream.pointee.msg { return String(cString: m) }
        return "zlib status \(status)"
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }
}
