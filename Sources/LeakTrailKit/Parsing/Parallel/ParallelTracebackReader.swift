import Foundation

/// Reads one large plain-text traceback dump on several threads and hands its sink exactly
/// the calls ``TracebackParser`` would have made reading it alone — the same snapshots,
/// goroutines, signatures, issues and line numbers, in the same order — so every sink (the
/// grouper, the import batcher) works unchanged.
///
/// The input is cut at lines that start a goroutine after an empty line (``ChunkSplitter``);
/// each chunk is parsed on a worker thread into a ``ChunkLog`` with chunk-relative line
/// numbers and snapshot marks instead of decisions; the calling thread replays the logs in
/// input order through one ``SnapshotBoundaries``. Each worker streams its chunk through the
/// parser's line buffer, and at most `threads + 2` chunks are parsed but not yet merged, so
/// memory is bounded by the chunk size, not the input.
struct ParallelTracebackReader<Input: PositionalInput> {
    let input: Input
    let options: ParseOptions

    /// Whether an input of `size` bytes is worth cutting: at least two chunks and two threads.
    static func isWorthIt(size: Int, options: ParseOptions) -> Bool {
        size >= 2 * options.chunkSize && options.threadCount > 1
    }

    /// Reads the whole input into `sink`; returns the number of bytes read.
    func read(into sink: inout some DumpSink) throws -> Int {
        let threads = options.threadCount
        let schedule = ChunkSchedule(input: input, chunkSize: options.chunkSize, window: threads + 2)
        for _ in 0..<threads {
            schedule.workerStarted()
            let thread = Thread { [input, options] in
                Self.parseChunks(of: input, options: options, schedule: schedule)
                schedule.workerFinished()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer {
            schedule.stop()
            schedule.waitForWorkers()
        }
        return try merge(schedule, into: &sink)
    }

    /// Replays the chunks' logs in input order, as they become ready.
    private func merge(_ schedule: ChunkSchedule<Input>, into sink: inout some DumpSink) throws -> Int {
        var boundaries = SnapshotBoundaries()
        var (index, lines, bytes) = (0, 0, 0)
        while let log = schedule.take(index) {
            log.replay(lineOffset: lines, boundaries: &boundaries, into: &sink)
            if let error = log.error { throw error }
            lines += log.lines
            bytes += log.bytes
            schedule.merged(index, log: log)
            index += 1
        }
        boundaries.close(into: &sink)
        return bytes
    }

    /// A worker thread: parses chunks until none is left, with one parser whose caches carry
    /// from chunk to chunk and one line buffer.
    private static func parseChunks(of input: Input, options: ParseOptions, schedule: ChunkSchedule<Input>) {
        var parser = TracebackParser(options: options)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: options.lineBufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while let chunk = schedule.claim() {
            let log = schedule.emptyLog()
            parser = TracebackParser(chunkOf: parser, log: log)
            var reader = LineReader(source: RangeSource(input, from: chunk.start, to: chunk.end), buffer: buffer)
            var sink = log
            do {
                (log.bytes, log.lines) = try parser.read(&reader, into: &sink)
            } catch {
                log.error = error
                schedule.stop()
            }
            schedule.deliver(log, index: chunk.index)
        }
    }
}
