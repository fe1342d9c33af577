/// The goroutine ids seen in the current snapshot, to notice a second dump starting (an id
/// repeats). Ids are small and dense in practice, so a bitmap answers in one load; huge ids
/// fall back to a hash set.
struct GoroutineIDSet {
    private var bits: [UInt64] = []
    private var sparse = Set<Int>()
    private static let denseLimit = 1 << 25

    @inline(__always)
    func contains(_ id: Int) -> Bool {
        guard id >= 0, id < GoroutineIDSet.denseLimit else { return sparse.contains(id) }
        let word = id >> 6
        return word < bits.count && bits[word] & (1 << UInt64(id & 63)) != 0
    }

    @inline(__always)
    mutating func insert(_ id: Int) {
        guard id >= 0, id < GoroutineIDSet.denseLimit else {
            sparse.insert(id)
            return
        }
        let word = id >> 6
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: max(word + 1 - bits.count, bits.count))) }
        bits[word] |= 1 << UInt64(id & 63)
    }

    mutating func removeAll() {
        for i in bits.indices { bits[i] = 0 }
        sparse.removeAll()
    }
}
