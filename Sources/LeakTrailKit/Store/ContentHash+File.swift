#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension ContentHash {
    /// The hash of a whole regular file and its size, read with `pread(2)` in 128 KiB blocks
    /// (they stay in the core's cache between the kernel's copy and the hash; see ``LineReader/readSize``).
    /// For a large dump this runs on a thread of its own beside the parser threads (see
    /// ``InputParser``): it reads at several GB/s from the page cache, so it is done long
    /// before the parse. Not mapped: a file truncated while mapped (a log rotated with
    /// `copytruncate`) would kill the process with SIGBUS.
    static func of(fileDescriptor fd: Int32, path: String) throws -> (hash: ContentHash, bytes: Int) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LineReader<FileSource>.readSize, alignment: 16)
        defer { buffer.deallocate() }
        let input = PositionalFile(fd: fd, path: path)
        var hasher = ContentHasher()
        var offset = 0
        while case let n = try input.read(at: offset, into: buffer), n > 0 {
            hasher.add(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            offset += n
        }
        return (hasher.finish(), offset)
    }
}
