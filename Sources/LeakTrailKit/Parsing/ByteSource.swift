#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read in chunks into a caller's buffer, so that no input is ever held
/// whole in memory: a file, standard input, bytes in memory, or a decompressor around another.
public protocol ByteSource {
    /// Fills `buffer` from the start and returns how many bytes were written; 0 means the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file descriptor with `read(2)`: bounded memory and no mapped pages counted as ours.
public struct FileSource: ByteSource {
    public let fd: Int32
    private let ownsDescriptor: Bool
    public let path: String

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DumpError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.ownsDescriptor = true
        self.path = path
    }

    /// Reads an already open descriptor (standard input is 0); it is not closed by ``close()``.
    public init(fileDescriptor: Int32, name: String) {
        self.fd = fileDescriptor
        self.ownsDescriptor = false
        self.path = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw DumpError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    public func close() {
        if ownsDescriptor { _ = Glibc.close(fd) }
    }
}

/// Bytes already in memory (tests, decoded JSON log messages).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}
