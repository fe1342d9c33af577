/// Hands out items numbered 0, 1, 2, … in that order although they arrive in any order, so
/// that files parsed in parallel are still committed and reported in the order the inputs
/// were given. It holds only the items that arrived ahead of a slower earlier one: at most
/// the ``ClaimWindow``'s width.
struct InOrderRelease<Item> {
    private var waiting: [Int: Item] = [:]
    private var next = 0

    /// Accepts item `index` and returns every item that is now due, in order.
    mutating func accept(_ item: Item, at index: Int) -> [Item] {
        waiting[index] = item
        var due: [Item] = []
        while let ready = waiting.removeValue(forKey: next) {
            due.append(ready)
            next += 1
        }
        return due
    }

    /// The items still held, in order, for when some earlier ones will never arrive.
    mutating func rest() -> [Item] {
        defer { waiting = [:] }
        return waiting.sorted { $0.key < $1.key }.map(\.value)
    }
}
