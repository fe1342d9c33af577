/// What changed between two snapshots, signature by signature: the answer to "what did this
/// deploy (or this hour) add?", for `leaktrail diff A B`.
public struct SnapshotDiff: Hashable, Sendable {
    public enum Change: String, Hashable, Sendable, Codable {
        /// Absent in A, present in B.
        case new
        /// Present in A, absent in B.
        case gone
        case grown
        case shrunk
    }

    public struct Entry: Hashable, Sendable {
        public var signature: StackSignature
        public var change: Change
        public var before: Int
        public var after: Int
        public var delta: Int { after - before }
    }

    /// Changed signatures only, largest change first, then by signature.
    public var entries: [Entry]

    /// - Parameters:
    ///   - before: group counts of snapshot A by signature.
    ///   - after: group counts of snapshot B by signature.
    public init(before: [StackSignature: Int], after: [StackSignature: Int]) {
        var entries: [Entry] = []
        for signature in Set(before.keys).union(after.keys) {
            let a = before[signature] ?? 0
            let b = after[signature] ?? 0
            guard a != b else { continue }
            let change: Change = a == 0 ? .new : b == 0 ? .gone : b > a ? .grown : .shrunk
            entries.append(Entry(signature: signature, change: change, before: a, after: b))
        }
        self.entries = entries.sorted {
            abs($0.delta) != abs($1.delta) ? abs($0.delta) > abs($1.delta) : $0.signature < $1.signature
        }
    }

    public func entries(_ change: Change) -> [Entry] { entries.filter { $0.change == change } }
}
