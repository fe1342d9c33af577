import Foundation

/// An order-preserving map over all cores, for work items that share nothing.
enum ParallelMap {
    /// `minimum`: below this many items the work is done in place.
    static func map<T: Sendable, R: Sendable>(_ items: [T], minimum: Int = 64, _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > max(1, minimum) else { return items.map(transform) }
        let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let results = Results<R>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * items.count / chunks
            let hi = (c + 1) * items.count / chunks
            results.set(c, items[lo..<hi].map(transform))
        }
        return results.joined()
    }

    /// Chunks finish in any order; each writes its own slot under a lock.
    private final class Results<R>: @unchecked Sendable {
        private var slots: [[R]]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ i: Int, _ value: [R]) {
            lock.lock()
            slots[i] = value
            lock.unlock()
        }
        func joined() -> [R] { slots.flatMap { $0 } }
    }
}
