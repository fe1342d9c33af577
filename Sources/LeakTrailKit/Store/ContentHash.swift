/// The identity of an input's bytes, for idempotent imports: the same content imported twice
/// is recognised and skipped, whatever its file name.
///
/// SHA-256 is not in Foundation on Linux, and collisions here only need to be improbable
/// among honest inputs, not resistant to an attacker; so this is MurmurHash3 x64 128
/// (Austin Appleby, public domain): 128 bits, computed while the bytes stream through the
/// parser, at several GB/s. Shown as 32 lowercase hex digits.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public var hex: String {
        func pad(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return pad(high) + pad(low)
    }

    public var description: String { hex }

    /// The 16 bytes stored in the database, big-endian.
    var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// The hash of bytes in memory, in one go.
    public static func of(_ bytes: [UInt8]) -> ContentHash {
        var h = ContentHasher()
        bytes.withUnsafeBytes { h.add($0) }
        return h.finish()
    }
}

/// Streaming MurmurHash3 x64 128: accepts bytes in chunks of any size and gives the same
/// result as hashing them at once.
public struct ContentHasher: Sendable {
    private var h1: UInt64 = 0
    private var h2: UInt64 = 0
    private var length = 0
    /// Bytes left over from the last chunk that did not fill a 16-byte block.
    private var tail = (UInt64(0), UInt64(0))
    private var tailCount = 0

    private static let c1: UInt64 = 0x87c3_7b91_1142_53d5
    private static let c2: UInt64 = 0x4cf5_ad43_2745_937f

    public init() {}

    public mutating func add(_ chunk: UnsafeRawBufferPointer) {
        guard var p = chunk.baseAddress, !chunk.isEmpty else { return }
        var n = chunk.count
        length += n
        while tailCount > 0 && tailCount < 16 && n > 0 {
            appendTail(p.load(as: UInt8.self))
            p += 1
            n -= 1
        }
        if tailCount == 16 {
            block(tail.0, tail.1)
            tail = (0, 0)
            tailCount = 0
        }
        while n >= 16 {
            block(
                UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            p += 16
            n -= 16
        }
        while n > 0 {
            appendTail(p.load(as: UInt8.self))
            p += 1
            n -= 1
        }
    }

    public func finish() -> ContentHash {
        var h1 = self.h1
        var h2 = self.h2
        var k1 = tail.0
        var k2 = tail.1
        if tailCount > 8 {
            k2 &*= Self.c2; k2 = rotl(k2, 33); k2 &*= Self.c1; h2 ^= k2
        }
        if tailCount > 0 {
            k1 &*= Self.c1; k1 = rotl(k1, 31); k1 &*= Self.c2; h1 ^= k1
        }
        h1 ^= UInt64(length)
        h2 ^= UInt64(length)
        h1 &+= h2
        h2 &+= h1
        h1 = fmix(h1)
        h2 = fmix(h2)
        h1 &+= h2
        h2 &+= h1
        return ContentHash(high: h1, low: h2)
    }

    @inline(__always)
    private mutating func appendTail(_ b: UInt8) {
        if tailCount < 8 {
            tail.0 |= UInt64(b) << (8 * UInt64(tailCount))
        } else {
            tail.1 |= UInt64(b) << (8 * UInt64(tailCount - 8))
        }
        tailCount += 1
    }

    @inline(__always)
    private mutating func block(_ k1: UInt64, _ k2: UInt64) {
        var k1 = k1
        var k2 = k2
        k1 &*= Self.c1; k1 = rotl(k1, 31); k1 &*= Self.c2; h1 ^= k1
        h1 = rotl(h1, 27); h1 &+= h2; h1 = h1 &* 5 &+ 0x52dc_e729
        k2 &*= Self.c2; k2 = rotl(k2, 33); k2 &*= Self.c1; h2 ^= k2
        h2 = rotl(h2, 31); h2 &+= h1; h2 = h2 &* 5 &+ 0x3849_5ab5
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

@inline(__always)
private func fmix(_ k: UInt64) -> UInt64 {
    var k = k
    k ^= k >> 33
    k &*= 0xff51_afd7_ed55_8ccd
    k ^= k >> 33
    k &*= 0xc4ce_b9fe_1a85_ec53
    k ^= k >> 33
    return k
}

/// Hashes every byte a source hands out, so the content hash costs no second read.
/// The hasher is shared by reference because ``DumpReader`` takes its source by value.
final class HashingSource<Inner: ByteSource>: ByteSource, @unchecked Sendable {
    private var inner: Inner
    private(set) var hasher = ContentHasher()
    private(set) var bytesRead = 0

    init(_ inner: Inner) { self.inner = inner }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        if n > 0 {
            hasher.add(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n]))
            bytesRead += n
        }
        return n
    }

    /// Reads what the parser left unread, so the hash always covers the whole input.
    func drain() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
    }
}

extension HashingSource where Inner == FileSource {
    /// Closes the file (standard input is left open).
    func close() { inner.close() }
}
