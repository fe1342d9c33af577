#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds where a traceback dump can be cut into chunks that parse alone exactly as they do in
/// one piece: at a line starting with `goroutine ` that follows an empty line.
///
/// Why that is safe: whatever ``TracebackParser`` was doing, an empty line ends it — a
/// goroutine block ends (a missing location line is reported first), the `runtime stack:`
/// section ends, prose stays prose — so after one the parser is always in prose with no
/// goroutine open. What it still carries is the snapshot state (ids seen, a pending break,
/// a `-----` section), which ``SnapshotBoundaries`` replays in order from each chunk's marks,
/// and whether it is inside a panic message, which only matters for a line starting with a
/// tab and is decided afresh by any other. So the cut is never inside a goroutine, a `created
/// by` pair, an ancestor section or a panic message, and never between a crash preamble and
/// the goroutines it introduces without the merge seeing both, in order.
struct ChunkSplitter<Input: PositionalInput> {
    let input: Input
    /// Bytes read per look (a cut is found in the first one for any real dump): the buffer
    /// is the splitter's own, used by one caller at a time.
    private let buffer: UnsafeMutableRawBufferPointer

    init(input: Input, window: Int = 64 << 10) {
        self.input = input
        buffer = .allocate(byteCount: max(window, 4 * Self.overlap), alignment: 16)
    }

    /// Frees the buffer; the splitter must not be used afterwards.
    func deallocate() { buffer.deallocate() }

    private static var needle: StaticString { "\ngoroutine " }
    /// Windows overlap by the needle and the two bytes before it, which tell whether the line
    /// before it is empty (`\n\n` or `\n\r\n`).
    private static var overlap: Int { needle.utf8CodeUnitCount + 2 }

    /// The first cut at or after `offset`, or nil when there is none before the end.
    func cut(from offset: Int) throws -> Int? {
        let overlap = Self.overlap
        var position = max(offset - overlap, 0)
        while true {
            let n = try fill(buffer, at: position)
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            var from = 0
            while let at = Bytes.find(Self.needle, in: bytes, from: from) {
                let cut = position + at + 1
                if cut >= offset, Self.followsEmptyLine(bytes, newline: at, atInputStart: position == 0) { return cut }
                from = at + 1
            }
            if n < buffer.count { return nil }
            position += n - overlap
        }
    }

    /// Whether the line that ends at the newline `bytes[newline]` is empty (a lone `\r` counts,
    /// as the line reader drops it).
    static func followsEmptyLine(_ bytes: UnsafeRawBufferPointer, newline: Int, atInputStart: Bool) -> Bool {
        let before = newline - 1
        guard before >= 0 else { return false }
        if bytes[before] == 0x0A { return true }
        if bytes[before] == 0x0D {
            if before == 0 { return atInputStart }
            return bytes[before - 1] == 0x0A
        }
        return false
    }

    /// Reads until `buffer` is full or the input ends; returns how many bytes came.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, at position: Int) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = try input.read(at: position + filled, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
