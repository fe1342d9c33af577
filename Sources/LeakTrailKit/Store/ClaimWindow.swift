import Foundation

/// Hands files 0, 1, 2, … to parser threads, never more than `ahead` past the last one the
/// writer committed. The writer commits in input order — so snapshot ids follow the order
/// the inputs were given — and holds the batches that finished ahead of a slower earlier
/// file; the window is what keeps that holding, and so memory, bounded.
final class ClaimWindow: @unchecked Sendable {
    private let count: Int
    private let ahead: Int
    private var next = 0
    private var committed = 0
    private var stopped = false
    private let condition = NSCondition()

    init(count: Int, ahead: Int) {
        self.count = count
        self.ahead = max(1, ahead)
    }

    /// The next file to parse, waiting while the window is full; nil when none is left.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && next < count && next >= committed + ahead { condition.wait() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    /// The writer is done with one more file (committed, skipped or failed).
    func release() {
        condition.lock()
        committed += 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more files will be handed out (the store's disk is full).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
