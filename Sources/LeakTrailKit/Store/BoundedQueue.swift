import Foundation

/// A blocking first-in first-out queue of at most `capacity` items between parser threads
/// and the writer: when the writer falls behind, parsers wait instead of piling up batches,
/// which is what keeps peak memory flat whatever the input size.
final class BoundedQueue<Item>: @unchecked Sendable {
    private var items: [Item] = []
    private let capacity: Int
    private var openProducers: Int
    private let condition = NSCondition()

    init(capacity: Int, producers: Int) {
        self.capacity = capacity
        self.openProducers = producers
    }

    func put(_ item: Item) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// One producer is done; when all are, ``take()`` returns nil once the queue is empty.
    func producerFinished() {
        condition.lock()
        openProducers -= 1
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && openProducers > 0 { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
