import CZlib
import Foundation

/// Compresses bytes in memory into one gzip member with the system zlib.
///
/// The output depends on the bytes and `name` only: the header's modification time is 0 and
/// the level fixed, so the same capture always gives the same file and the same content hash.
/// The original name (with its capture time) goes in the header, so a quiet service that
/// answers twice with the same bytes still leaves two different archive files.
enum GzipWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// zlib keeps pointers to the stream and the header between calls, so both live in memory
    /// that does not move.
    static func compress(_ bytes: [UInt8], name: String, level: Int32 = 6) throws -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let header = UnsafeMutablePointer<gz_header>.allocate(capacity: 1)
        header.initialize(to: gz_header())
        let nameBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: name.utf8.count + 1)
        defer { stream.deallocate(); header.deallocate(); nameBytes.deallocate() }
        _ = nameBytes.initialize(from: Array(name.utf8) + [0])
        // 15 + 16: the largest window, with a gzip header and trailer.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(description: "zlib could not start (status \(status))") }
        defer { deflateEnd(stream) }
        header.pointee.name = nameBytes.baseAddress
        header.pointee.os = 3  // Unix, whatever machine wrote it
        guard deflateSetHeader(stream, header) == Z_OK else { throw Failure(description: "zlib refused the gzip header") }
        return try deflateAll(bytes, stream)
    }

    private static func deflateAll(_ bytes: [UInt8], _ stream: UnsafeMutablePointer<z_stream>) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 4096)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inPointer in
            output.withUnsafeMutableBufferPointer { outPointer in
                stream.pointee.next_in = inPointer.baseAddress
                stream.pointee.avail_in = uInt(inPointer.count)
                stream.pointee.next_out = outPointer.baseAddress
                stream.pointee.avail_out = uInt(outPointer.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(description: "zlib could not compress (status \(status))") }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }
}
