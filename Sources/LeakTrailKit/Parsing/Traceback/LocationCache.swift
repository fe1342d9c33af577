/// Location lines parsed once per distinct text: `\t/src/app/pool.go:42 +0x1d` is the same
/// bytes for every goroutine parked at that call, so a dump of 450,000 goroutines repeats a
/// few dozen of them millions of times. A hit costs one hash and one comparison of the line
/// where parsing costs scans for the space, the colon, the digits and the offset, and an
/// interning of the path.
///
/// Lines with `fp=`, `sp=` and `pc=` (crash tracebacks) differ from goroutine to goroutine and
/// are parsed every time; so are lines longer than ``longestKept``.
struct LocationCache {
    /// What ``FrameLine/location(_:)`` read, with the path interned.
    struct Location {
        var file: Int32
        var line: Int
        var pcOffset: UInt64?
    }

    /// Open addressing over the lines' hashes, linear probing; -1 is empty.
    private var table: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var arena: [UInt8] = []
    private var locations: [Location] = []
    /// Distinct lines kept before the cache starts over (hostile input cannot grow it).
    private static let capacity = 1 << 14
    private static let longestKept = 256

    init() {
        table = Array(repeating: -1, count: 1 << 10)
        mask = table.count - 1
    }

    /// The location on `line` (dedented, starting with its TAB), interning its path in `files`;
    /// nil when the line is not a location line.
    @inline(__always)
    mutating func location(_ line: UnsafeRawBufferPointer, files: inout ByteInterner) -> Location? {
        guard line.count <= Self.longestKept else { return Self.parse(line, files: &files) }
        let h = ByteInterner.hash(line)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            let i = Int(id)
            if hashes[i] == h && lengths[i] == line.count && equal(i, line) { return locations[i] }
            slot = (slot + 1) & mask
        }
        guard let parsed = Self.parse(line, files: &files) else { return nil }
        if Bytes.find(" fp=", in: line) == nil { insert(line, hash: h, slot: slot, parsed) }
        return parsed
    }

    private static func parse(_ line: UnsafeRawBufferPointer, files: inout ByteInterner) -> Location? {
        guard let loc = FrameLine.location(line) else { return nil }
        let file = files.intern(UnsafeRawBufferPointer(rebasing: line[loc.pathStart..<loc.pathEnd]))
        return Location(file: file, line: loc.line, pcOffset: loc.pcOffset)
    }

    private func equal(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        return arena.withUnsafeBytes { Bytes.equal($0.baseAddress! + offsets[i], bytes.baseAddress!, count: bytes.count) }
    }

    private mutating func insert(_ line: UnsafeRawBufferPointer, hash: UInt64, slot: Int, _ location: Location) {
        if locations.count >= Self.capacity {
            self = LocationCache()
            return
        }
        table[slot] = Int32(locations.count)
        hashes.append(hash)
        offsets.append(arena.count)
        lengths.append(line.count)
        arena.append(contentsOf: line)
        locations.append(location)
        if locations.count * 2 > table.count { rehash() }
    }

    private mutating func rehash() {
        table = Array(repeating: -1, count: table.count * 2)
        mask = table.count - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }
}
