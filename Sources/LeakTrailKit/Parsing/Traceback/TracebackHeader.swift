/// The goroutine header line, FORMATS.md §3:
///
///     goroutine 18 gp=0xc000102fc0 m=nil [chan receive (leaked), 3 minutes, locked to thread] {request: 42}:
///
/// Order of the pieces is fixed by the runtime: marks, minutes, locked, synctest, 1.26 labels,
/// `]`, 1.27 labels, `:`. Label values may hold `]`, `,` and `:`, so brackets and braces are
/// matched with quotes respected, never split naively.
struct TracebackHeader: Equatable {
    var id: Int
    var state: String
    var waitMinutes: Int?
    var lockedToThread = false
    var leaked = false
    var durable = false
    var synctestBubble: Int?
    var labels: [Label] = []
    var gp: UInt64?
    var m: Int?
    var mp: UInt64?

    /// Where `goroutine ` starts a header in `line` at `offset`: digits, then ` [` or ` gp=`.
    @inline(__always)
    static func startsHeader(_ line: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard Bytes.hasPrefix(line, "goroutine ", at: offset) else { return false }
        let d = offset + 10
        let e = Bytes.digitsEnd(line, d)
        guard e > d, e + 2 <= line.count, line[e] == Bytes.space else { return false }
        return line[e + 1] == UInt8(ascii: "[") || Bytes.hasPrefix(line, "gp=", at: e + 1)
    }

    /// Finds a header glued after other text (`...dumping all stacksgoroutine 1 [running]:`);
    /// it must end the line with `:` so that prose mentioning a goroutine is not taken.
    static func gluedHeaderStart(_ line: UnsafeRawBufferPointer) -> Int? {
        var from = 0
        while let at = Bytes.find("goroutine ", in: line, from: from) {
            if startsHeader(line, at: at), line.last == UInt8(ascii: ":") { return at }
            from = at + 1
        }
        return nil
    }

    /// Whether a buffer holds a header at the start of some line (or glued to a log line).
    static func containsHeader(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf in
            var from = 0
            while let at = Bytes.find("goroutine ", in: buf, from: from) {
                if startsHeader(buf, at: at) { return true }
                from = at + 1
            }
            return false
        }
    }

    /// Parses a header starting at `offset`. Returns nil only when even the id is unreadable;
    /// a header cut before its `]:` still yields the id and what state text there is, with
    /// `complete` false.
    static func parse(_ line: UnsafeRawBufferPointer, at offset: Int, states: inout StateTable) -> (header: TracebackHeader, complete: Bool)? {
        let idStart = offset + 10
        let idEnd = Bytes.digitsEnd(line, idStart)
        guard let id = Bytes.decimal(line, idStart, idEnd) else { return nil }
        var header = TracebackHeader(id: id, state: "")
        var i = idEnd
        if Bytes.hasPrefix(line, " gp=0x", at: i) { i = header.parseMachineFields(line, from: i + 1) }
        guard i + 1 < line.count, line[i] == Bytes.space, line[i + 1] == UInt8(ascii: "[") else {
            return (header, false)
        }
        let open = i + 2
        guard let close = closingBracket(line, from: open) else {
            header.state = Bytes.string(line, open, line.count)
            return (header, false)
        }
        header.parseBracket(line, open, close, states: &states)
        var j = close + 1
        if Bytes.hasPrefix(line, " {", at: j), let end = LabelText.matchingBrace(line, from: j + 1) {
            header.labels = LabelText.parse(line, j + 2, end)
            j = end + 1
        }
        return (header, j < line.count && line[j] == UInt8(ascii: ":"))
    }

    /// ` gp=0x… m=N mp=0x…` or ` gp=0x… m=nil` (Go 1.22+); returns the index after them.
    private mutating func parseMachineFields(_ line: UnsafeRawBufferPointer, from: Int) -> Int {
        var i = from
        while i < line.count, line[i] != UInt8(ascii: "[") {
            let start = i
            while i < line.count, line[i] != Bytes.space { i += 1 }
            let field = UnsafeRawBufferPointer(rebasing: line[start..<i])
            if Bytes.hasPrefix(field, "gp=0x") { gp = Bytes.hex(field, 5, field.count) }
            else if Bytes.hasPrefix(field, "mp=0x") { mp = Bytes.hex(field, 5, field.count) }
            else if Bytes.hasPrefix(field, "m=") { m = Bytes.decimal(field, 2, field.count) }
            if i + 1 < line.count, line[i + 1] == UInt8(ascii: "[") { return i }
            i += 1
        }
        return i
    }

    /// The `]` that closes the bracket opened before `from`, skipping quoted label text.
    static func closingBracket(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
        LabelText.firstUnquoted(UInt8(ascii: "]"), in: line, from: from)
    }

    /// `state[ (leaked)][ (durable)][, N minutes][, locked to thread][, synctest bubble N][ labels:{…}]`
    private mutating func parseBracket(_ line: UnsafeRawBufferPointer, _ open: Int, _ close: Int, states: inout StateTable) {
        var end = close
        if let l = Bytes.find(" labels:{", in: UnsafeRawBufferPointer(rebasing: line[open..<close])) {
            let at = open + l
            if let brace = LabelText.matchingBrace(line, from: at + 8) {
                labels = LabelText.parse(line, at + 9, brace)
            }
            end = at
        }
        // Items follow the state after ", "; wait reasons themselves never contain ", ".
        var stateEnd = end
        if let comma = Bytes.find(", ", in: UnsafeRawBufferPointer(rebasing: line[open..<end])) {
            stateEnd = open + comma
            parseItems(line, stateEnd, end)
        }
        let resolved = states.resolve(UnsafeRawBufferPointer(rebasing: line[open..<stateEnd]))
        state = resolved.state
        leaked = resolved.leaked
        durable = resolved.durable
    }

    private mutating func parseItems(_ line: UnsafeRawBufferPointer, _ from: Int, _ to: Int) {
        var i = from
        while i < to {
            // Each item starts with ", ".
            let start = i + 2
            var e = start
            while e < to, !(line[e] == UInt8(ascii: ",") && e + 1 < to && line[e + 1] == Bytes.space) { e += 1 }
            let item = UnsafeRawBufferPointer(rebasing: line[start..<e])
            if Bytes.hasPrefix(item, "locked to thread") {
                lockedToThread = true
            } else if Bytes.hasPrefix(item, "synctest bubble ") {
                synctestBubble = Bytes.decimal(item, 16, item.count)
            } else if Bytes.hasPrefix(item, "synctest group ") {
                synctestBubble = Bytes.decimal(item, 15, item.count)
            } else if let space = Bytes.find(" minute", in: item) {
                waitMinutes = Bytes.decimal(item, 0, space)
            }
            i = e
        }
    }
}
