import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The goroutine rows of one input file in bounded memory. Rows collect in memory and, past
/// ``spillRows``, move to an unlinked temporary file that no other process can see and that
/// vanishes with this one (even after `kill -9`). This is what lets one dump of any number of
/// goroutines — or a log holding a thousand dumps — import in a fixed amount of memory while
/// still being written in a single transaction.
///
/// One spool per file: the parser thread appends, then hands the finished spool to the
/// writer, which reads it back in chunks. Never both at once, so no lock.
final class GoroutineSpool: @unchecked Sendable {
    /// 262,144 rows (6 MiB) in memory before spilling: every capture of a real service fits.
    static let defaultSpillRows = 1 << 18
    /// Rows per read-back chunk (1.5 MiB).
    static let chunkRows = 1 << 16

    private var memory: [GoroutineRow] = []
    /// Rows `0..<spilled` are in the file, the rest in `memory`.
    private var spilled = 0
    private var fd: Int32 = -1
    private var spillRows: Int
    /// Rows appended in all.
    private(set) var count = 0
    /// Why spilling stopped (the rows stayed in memory instead): nothing is lost, only the
    /// memory bound.
    private(set) var spillError: String?

    init(spillRows: Int = defaultSpillRows) { self.spillRows = max(1, spillRows) }

    deinit { if fd >= 0 { close(fd) } }

    func append(_ row: GoroutineRow) {
        memory.append(row)
        count += 1
        if memory.count >= spillRows { spill() }
    }

    /// Sorts rows `from..<count` by goroutine id (the table's key order) when all of them are
    /// still in memory; rows already spilled stay in dump order, which costs the insert a
    /// little locality and nothing else.
    func sortTail(from: Int) {
        guard from >= spilled else { return }
        let start = from - spilled
        let tail = memory[start...]
        if zip(tail, tail.dropFirst()).allSatisfy({ $0.id <= $1.id }) { return }
        memory[start...].sort { $0.id < $1.id }
    }

    /// Calls `body` with the rows of `range`, in order, a chunk at a time.
    func forEachChunk(_ range: Range<Int>, _ body: (UnsafeBufferPointer<GoroutineRow>) throws -> Void) throws {
        var at = range.lowerBound
        if at < spilled {
            var chunk = [GoroutineRow](repeating: GoroutineRow(id: 0, signature: StackSignature(value: 0), waitMinutes: nil),
                                       count: Self.chunkRows)
            while at < min(range.upperBound, spilled) {
                let n = min(Self.chunkRows, min(range.upperBound, spilled) - at)
                try chunk.withUnsafeMutableBytes { buffer in
                    try readFully(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(n * MemoryLayout<GoroutineRow>.stride)]),
                                  at: at * MemoryLayout<GoroutineRow>.stride)
                }
                try chunk.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                at += n
            }
        }
        guard at < range.upperBound else { return }
        try memory.withUnsafeBufferPointer { rows in
            try body(UnsafeBufferPointer(rebasing: rows[(at - spilled)..<(range.upperBound - spilled)]))
        }
    }

    /// Moves the rows in memory to the end of the file; on any failure they stay in memory.
    private func spill() {
        if fd < 0, !openFile() { return }
        let written = memory.withUnsafeBytes { bytes in writeFully(bytes, at: spilled * MemoryLayout<GoroutineRow>.stride) }
        guard written else { return }
        spilled += memory.count
        memory.removeAll(keepingCapacity: true)
    }

    private func openFile() -> Bool {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/leaktrail-rows-XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else { return stopSpilling("cannot create a temporary file in \(directory)") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = opened
        return true
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return stopSpilling("cannot write the temporary file") }
            done += n
        }
        return true
    }

    private func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw DumpError.unreadable(path: "<temporary goroutine rows>", reason: n == 0 ? "ended early" : String(cString: strerror(errno)))
            }
            done += n
        }
    }

    private func stopSpilling(_ why: String) -> Bool {
        spillError = "\(why): \(String(cString: strerror(errno))); rows kept in memory"
        spillRows = .max
        return false
    }
}

/// The goroutine rows of one snapshot — a range of its file's ``GoroutineSpool`` — and the
/// id evidence ``ProcessEpochs`` compares snapshots with.
public struct GoroutineRows: Sendable, Equatable {
    let spool: GoroutineSpool
    let range: Range<Int>
    /// The snapshot's goroutine ids (all, or a coordinated sample of a huge snapshot).
    public let ids: GoroutineIDSample

    init(spool: GoroutineSpool, range: Range<Int>, ids: GoroutineIDSample) {
        self.spool = spool
        self.range = range
        self.ids = ids
    }

    /// Rows already in memory (tests, synthetic batches).
    public init(_ rows: [GoroutineRow]) {
        let spool = GoroutineSpool(spillRows: .max)
        for r in rows { spool.append(r) }
        self.init(spool: spool, range: 0..<rows.count, ids: GoroutineIDSample(rows.lazy.map(\.id)))
    }

    public var count: Int { range.count }

    /// Calls `body` with the rows, in order, a bounded chunk at a time.
    public func forEachChunk(_ body: (UnsafeBufferPointer<GoroutineRow>) throws -> Void) throws {
        try spool.forEachChunk(range, body)
    }

    /// Every row at once: for tests and small snapshots only.
    public func all() throws -> [GoroutineRow] {
        var rows: [GoroutineRow] = []
        try forEachChunk { rows.append(contentsOf: $0) }
        return rows
    }

    public static func == (a: GoroutineRows, b: GoroutineRows) -> Bool {
        a.count == b.count && a.ids == b.ids && (try? a.all()) == (try? b.all())
    }
}
