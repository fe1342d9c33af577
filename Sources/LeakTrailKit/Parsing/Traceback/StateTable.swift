/// The state text of headers, resolved once per distinct spelling: a dump repeats a handful
/// of states (`chan receive`, `select`, `IO wait`) over and over.
struct StateTable {
    struct Resolved {
        var state: String
        var leaked: Bool
        var durable: Bool
    }

    private var interner = ByteInterner(capacity: 256)
    private var resolved: [Resolved] = []

    /// The state without marks, and the marks: ` (leaked)`, ` (durable)`, ` (synctest)` (the
    /// 1.24 spelling of durable) and ` (scan)` are stripped from the end, in any order.
    mutating func resolve(_ text: UnsafeRawBufferPointer) -> Resolved {
        let id = Int(interner.intern(text))
        if id < resolved.count { return resolved[id] }
        var s = Substring(interner.strings[id])
        var r = Resolved(state: "", leaked: false, durable: false)
        while true {
            if s.hasSuffix(" (leaked)") { r.leaked = true; s = s.dropLast(9) }
            else if s.hasSuffix(" (durable)") { r.durable = true; s = s.dropLast(10) }
            else if s.hasSuffix(" (synctest)") { r.durable = true; s = s.dropLast(11) }
            else if s.hasSuffix(" (scan)") { s = s.dropLast(7) }
            else { break }
        }
        r.state = String(s)
        resolved.append(r)
        return r
    }
}
