/// The first line of a `debug=1` count profile, and the first lines of the runtime's other
/// text profiles that a sniffer must tell apart from it (FORMATS.md §7).
struct CountProfileHeader: Equatable {
    /// `goroutine`, `goroutineleak`, `threadcreate`, or a user profile's name (may hold `/`, `.`, `-`).
    var name: String
    /// N of `total N`: goroutines (or threads) in the profile, not records.
    var total: Int

    /// The profiles leaktrail reads; every other count profile is refused by name.
    static let goroutineProfiles: Set<String> = ["goroutine", "goroutineleak"]

    /// `goroutine profile: total 41`.
    init?(_ line: UnsafeRawBufferPointer) {
        let marker: StaticString = " profile: total "
        let m = marker.utf8CodeUnitCount
        guard line.count > m else { return nil }
        var i = 0
        while i + m < line.count {
            let b = line[i]
            if b == LineBytes.space || b == LineBytes.tab { break }
            i += 1
        }
        guard i > 0, LineBytes.hasPrefix(LineBytes.slice(line, i..<line.count), marker),
              let total = LineBytes.decimal(LineBytes.slice(line, (i + m)..<line.count)) else { return nil }
        name = LineBytes.string(LineBytes.slice(line, 0..<i))
        self.total = total
    }

    init(name: String, total: Int) {
        self.name = name
        self.total = total
    }

    /// The name of a runtime text profile whose first line is not a count-profile header:
    /// `heap profile: 3: 96 [9: 288] @ heap/1048576` (heap and allocs), `--- mutex:`,
    /// `--- contention:` (block). Nil for anything else.
    static func otherProfileName(_ line: UnsafeRawBufferPointer) -> String? {
        if LineBytes.hasPrefix(line, "heap profile: ") { return "heap" }
        if LineBytes.hasPrefix(line, "--- mutex:") { return "mutex" }
        if LineBytes.hasPrefix(line, "--- contention:") { return "block" }
        return nil
    }
}
