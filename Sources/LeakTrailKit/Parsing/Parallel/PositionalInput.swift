#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input that can be read at any offset, by several threads at once: a regular file
/// (`pread(2)`) or bytes in memory. What lets one large dump be cut into chunks that are
/// parsed side by side, each streamed in bounded memory.
protocol PositionalInput: Sendable {
    /// Fills the start of `buffer` with the bytes at `offset`; returns how many (0 at the end).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A regular file read with `pread(2)`, which leaves the descriptor's offset alone. The
/// descriptor belongs to the caller and must stay open while the input is read.
struct PositionalFile: PositionalInput {
    let fd: Int32
    let path: String

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw DumpError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The size of the file behind `fd` when it is a regular file (not a pipe or a terminal),
    /// else nil.
    static func regularFileSize(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}

/// Bytes in memory (tests and the fuzzer compare chunked and sequential reads on them).
struct PositionalBytes: PositionalInput {
    let bytes: [UInt8]

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        return n
    }
}

/// The bytes `start..<end` of a positional input as a stream (`end` nil: to the end of the
/// input, however long it has grown).
struct RangeSource<Input: PositionalInput>: ByteSource {
    let input: Input
    private var position: Int
    let end: Int?

    init(_ input: Input, from start: Int, to end: Int?) {
        self.input = input
        position = start
        self.end = end
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = end.map { min(buffer.count, $0 - position) } ?? buffer.count
        guard wanted > 0 else { return 0 }
        let n = try input.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
        position += n
        return n
    }
}
