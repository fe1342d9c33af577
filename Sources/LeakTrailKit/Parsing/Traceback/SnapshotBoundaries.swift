import Foundation

/// Where one dump ends and the next begins in a traceback input (FORMATS.md §6): a new
/// snapshot starts at the first goroutine header, when a goroutine id repeats, and at the
/// first header after a crash preamble (`panic:`, `fatal error:`, `SIGQUIT: quit`) that
/// follows goroutines — except in the per-thread sections of GOTRACEBACK=crash, which follow
/// a `-----` line and belong to the same crash.
///
/// These rules need everything read before the current line, so they live apart from the line
/// parser: ``TracebackParser`` applies them as it goes, and ``ParallelTracebackReader`` applies
/// the same marks, recorded chunk by chunk on other threads, in input order.
struct SnapshotBoundaries {
    /// What the line parser saw that matters to the rules, in input order.
    enum Mark: Equatable {
        /// A prose line starting with `-----`.
        case crashSeparator
        /// A prose line that opens a crash report (see ``TracebackParser/isPreamble(_:)``).
        case crashPreamble
        /// A goroutine header that was read (its id could be parsed), on 1-based line `line`.
        case header(id: Int, line: Int)
    }

    private(set) var isOpen = false
    private var seenIDs = GoroutineIDSet()
    /// Set by a preamble after goroutines: the next header starts a new snapshot.
    private var pendingBreak = false
    private var afterCrashSeparator = false

    /// Applies one mark; a header that starts a snapshot ends the open one first. `time` is
    /// the capture time a log prefix gave the header's line, if any.
    mutating func apply(_ mark: Mark, time: Date?, into sink: inout some DumpSink) {
        switch mark {
        case .crashSeparator:
            afterCrashSeparator = true
        case .crashPreamble:
            if isOpen && !afterCrashSeparator { pendingBreak = true }
        case .header(let id, let line):
            if !isOpen || pendingBreak || (id != 0 && seenIDs.contains(id)) {
                pendingBreak = false
                close(into: &sink)
                sink.beginSnapshot(format: .traceback, profile: "goroutine", startLine: line, time: time)
                isOpen = true
            }
            seenIDs.insert(id)
            afterCrashSeparator = false
        }
    }

    /// Ends the open snapshot, if any (at the end of the input).
    mutating func close(into sink: inout some DumpSink) {
        guard isOpen else { return }
        sink.endSnapshot(declaredTotal: nil)
        isOpen = false
        seenIDs.removeAll()
    }
}
