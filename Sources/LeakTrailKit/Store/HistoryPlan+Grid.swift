import Foundation

/// Counts by slot and column, for a query small enough to hold a number for every signature
/// in every snapshot (2,000 × 1,000 take 8 MB). The common row, a count and nothing else, is
/// then one store into place: no list to append to, sort and read back. Rows that carry more
/// (wait minutes, leaked marks), rows of stacks missing from `stacks` and sums that would
/// overflow go to the readers' cell lists.
///
/// Laid out column by column: a snapshot's rows, which come in slot order, are written one
/// after the other. Readers share one grid and never write the same cell: each reads its own
/// snapshots, and a column is one snapshot (leak profiles, which share columns, always go to
/// the lists).
final class CountGrid: @unchecked Sendable {
    /// The most cells a grid may have (32 MB); larger queries use the lists alone.
    static let limit = 1 << 23

    let slots: Int
    private let counts: UnsafeMutablePointer<Int32>

    init?(slots: Int, columns: Int) {
        guard slots > 0, columns > 0, slots <= Self.limit / columns else { return nil }
        self.slots = slots
        let bytes = slots * columns * MemoryLayout<Int32>.stride
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.hugePage, bytes) == 0, let memory else { return nil }
        #if os(Linux)
        // A series is read a column apart per point: on 4 KiB pages nearly every point would
        // miss the TLB.
        _ = madvise(memory, bytes, MADV_HUGEPAGE)
        #endif
        counts = memory.bindMemory(to: Int32.self, capacity: slots * columns)
        counts.initialize(repeating: -1, count: slots * columns)
    }

    deinit { free(counts) }

    private static let hugePage = 2 << 20

    /// Adds a row's count; false, and nothing added, when the sum would not fit.
    @inline(__always)
    func add(_ count: Int32, slot: Int, column: Int) -> Bool {
        let i = column * slots + slot
        let (sum, overflow) = max(counts[i], 0).addingReportingOverflow(count)
        if overflow { return false }
        counts[i] = sum
        return true
    }

    /// The counts added at (slot, column), -1 when none was.
    @inline(__always)
    subscript(slot: Int, column: Int) -> Int32 { counts[column * slots + slot] }
}
