/// Goroutine headers parsed once per distinct text after the id: a dump repeats a handful of
/// them (`[chan receive]:`, `[select, 5 minutes]:`) for every goroutine, and parsing one —
/// brackets matched around quoted labels, the state resolved, the items read — costs more
/// than the rest of a shallow goroutine. Everything after the id is a function of its bytes
/// alone; headers with `gp=` fields (which differ per goroutine) or long label text are
/// parsed every time.
struct HeaderCache {
    private var interner = ByteInterner(capacity: 1024)
    private var parsed: [(header: TracebackHeader, complete: Bool)] = []
    /// Distinct header texts kept before the cache starts over.
    private static let capacity = 4096
    /// Longer texts carry labels, which vary from goroutine to goroutine.
    private static let longestKept = 64

    /// ``TracebackHeader/parse(_:at:states:)``, from the cache when the text was seen before.
    mutating func parse(_ line: UnsafeRawBufferPointer, at offset: Int, states: inout StateTable) -> (header: TracebackHeader, complete: Bool)? {
        let idStart = offset + 10
        let idEnd = Bytes.digitsEnd(line, idStart)
        guard let id = Bytes.decimal(line, idStart, idEnd) else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: line[idEnd...])
        guard rest.count <= Self.longestKept, !Bytes.hasPrefix(rest, " gp=0x") else {
            return TracebackHeader.parse(line, at: offset, states: &states)
        }
        if interner.count >= Self.capacity { self = HeaderCache() }
        let key = Int(interner.intern(rest))
        if key < parsed.count {
            var hit = parsed[key]
            hit.header.id = id
            return hit
        }
        guard let fresh = TracebackHeader.parse(line, at: offset, states: &states) else {
            self = HeaderCache()  // cannot happen (the id was read), but keys and entries must stay in step
            return nil
        }
        parsed.append(fresh)
        return fresh
    }
}
