/// Turns `#\t0x522097\tmain.(*Worker).Run+0x17\texample.com/dumps/main.go:141` into a
/// ``Frame``, once per distinct text: the same frames repeat across records, so the strings
/// are built once and shared.
///
/// Columns are padded by Go's tabwriter with runs of TABs, so they are split on runs, never
/// on single TABs. The pc column is left out of the key: one function+line can be reached
/// from several call pcs and is still one frame.
struct FrameTable {
    private var index: [UInt64: Int] = [:]
    private var keys: [[UInt8]] = []
    private var frames: [Frame] = []

    /// The frame of a `#\t…` line, or nil when the line has no pc column.
    mutating func frame(forLine line: UnsafeRawBufferPointer) -> Frame? {
        var i = 2
        while i < line.count && line[i] != LineBytes.tab { i += 1 }
        let pcEnd = i
        while i < line.count && line[i] == LineBytes.tab { i += 1 }
        guard i < line.count else {
            // `#\t0x4a1b2c` alone: a pc without a symbol.
            return LineBytes.hex(LineBytes.slice(line, 2..<pcEnd)).map(FrameTable.unsymbolized)
        }
        return frame(forTail: LineBytes.slice(line, i..<line.count))
    }

    /// A frame for a pc the profile could not symbolise. Its name is the pc itself, so that
    /// stacks made only of such pcs stay apart; having no package, it is hidden from
    /// signatures next to symbolised frames, like the C frames it usually stands for.
    static func unsymbolized(_ pc: UInt64) -> Frame {
        Frame(function: "0x" + String(pc, radix: 16), file: "?", line: 0)
    }

    private mutating func frame(forTail tail: UnsafeRawBufferPointer) -> Frame {
        var h = FNV1a()
        h.add(tail)
        if let i = index[h.value], keys[i].withUnsafeBytes({ $0.elementsEqual(tail) }) {
            return frames[i]
        }
        let f = FrameTable.decode(tail)
        if index[h.value] == nil {
            index[h.value] = frames.count
            keys.append(Array(tail))
            frames.append(f)
        }
        return f
    }

    /// `main.(*Worker).Run+0x17\t\texample.com/dumps/main.go:141`.
    static func decode(_ tail: UnsafeRawBufferPointer) -> Frame {
        var i = 0
        while i < tail.count && tail[i] != LineBytes.tab { i += 1 }
        let functionColumn = LineBytes.slice(tail, 0..<i)
        while i < tail.count && tail[i] == LineBytes.tab { i += 1 }
        let fileColumn = LineBytes.slice(tail, i..<tail.count)

        var function = functionColumn
        var offset: UInt64?
        if let plus = LineBytes.lastIndex(of: UInt8(ascii: "+"), in: functionColumn, before: functionColumn.count),
           let off = LineBytes.hex(LineBytes.slice(functionColumn, (plus + 1)..<functionColumn.count)) {
            function = LineBytes.slice(functionColumn, 0..<plus)
            offset = off
        }
        var file = fileColumn
        var line = 0
        if let colon = LineBytes.lastIndex(of: UInt8(ascii: ":"), in: fileColumn, before: fileColumn.count),
           let n = LineBytes.decimal(LineBytes.slice(fileColumn, (colon + 1)..<fileColumn.count)) {
            file = LineBytes.slice(fileColumn, 0..<colon)
            line = n
        }
        return Frame(
            function: LineBytes.string(function),
            file: file.isEmpty ? "?" : LineBytes.string(file),
            line: line,
            pcOffset: offset)
    }
}
