import Foundation

/// Hands chunks of one input to parser threads in input order and their logs to the merging
/// thread in the same order. At most `window` chunks are out at once (being parsed or waiting
/// to be merged), so memory stays bounded however large the input and however slow the sink.
final class ChunkSchedule<Input: PositionalInput>: @unchecked Sendable {
    /// One chunk to parse: `start..<end`, or `start` to the end of the input when `end` is nil.
    struct Chunk {
        var index: Int
        var start: Int
        var end: Int?
    }

    private let splitter: ChunkSplitter<Input>
    private let chunkSize: Int
    private let window: Int
    private let condition = NSCondition()
    /// Where the next chunk starts; nil once the last one was handed out.
    private var nextStart: Int? = 0
    private var handedOut = 0
    private var merged = 0
    private var done: [Int: ChunkLog] = [:]
    /// Logs already merged, emptied for another chunk.
    private var spareLogs: [ChunkLog] = []
    private var stopped = false
    private var runningWorkers = 0

    init(input: Input, chunkSize: Int, window: Int) {
        splitter = ChunkSplitter(input: input)
        self.chunkSize = chunkSize
        self.window = max(window, 1)
    }

    deinit { splitter.deallocate() }

    /// The next chunk to parse, once the window has room; nil when there is none left.
    func claim() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextStart != nil && handedOut >= merged + window { condition.wait() }
        guard !stopped, let start = nextStart else { return nil }
        // Finding the cut reads a few KiB: done under the lock, since the next claim starts
        // there. If the input cannot be read here, the chunk runs to the end and its parser
        // meets (and reports) the same error.
        let end = (try? splitter.cut(from: start + chunkSize)) ?? nil
        nextStart = end
        handedOut += 1
        return Chunk(index: handedOut - 1, start: start, end: end)
    }

    /// A parser thread finished chunk `index`.
    func deliver(_ log: ChunkLog, index: Int) {
        condition.lock()
        done[index] = log
        condition.broadcast()
        condition.unlock()
    }

    /// The log of chunk `index` (chunks are taken in order), waiting for it; nil after the
    /// last one. A chunk handed out is always delivered, even after ``stop()``.
    func take(_ index: Int) -> ChunkLog? {
        condition.lock()
        defer { condition.unlock() }
        while done[index] == nil && (index < handedOut || (nextStart != nil && !stopped)) { condition.wait() }
        return done.removeValue(forKey: index)
    }

    /// The merging thread is done with chunk `index`: the window moves on and its log can be
    /// filled again.
    func merged(_ index: Int, log: ChunkLog) {
        log.reset()
        condition.lock()
        merged = index + 1
        spareLogs.append(log)
        condition.broadcast()
        condition.unlock()
    }

    /// A log to fill: a merged one, emptied, when there is one.
    func emptyLog() -> ChunkLog {
        condition.lock()
        defer { condition.unlock() }
        return spareLogs.popLast() ?? ChunkLog()
    }

    /// No more chunks are handed out (an error, or the end); parser threads finish theirs.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    func workerStarted() {
        condition.lock()
        runningWorkers += 1
        condition.unlock()
    }

    func workerFinished() {
        condition.lock()
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every parser thread has returned, so that none reads the input after the
    /// caller closes it.
    func waitForWorkers() {
        condition.lock()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }
}
