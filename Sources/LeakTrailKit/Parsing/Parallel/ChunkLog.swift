import Foundation

/// What ``TracebackParser`` made of one chunk of a larger input, in the order it came:
/// goroutines, issues and the marks that decide snapshot boundaries. Line numbers are the
/// chunk's own, from 1; ``replay(lineOffset:boundaries:into:)`` turns it into exactly the
/// calls the parser would have made on the whole input.
///
/// A class so that the parser can log its marks into the same list its sink appends to, and
/// so that logs can be handed back and reused: a parser thread fills the same few logs over
/// and over instead of allocating megabytes per chunk.
final class ChunkLog: DumpSink {
    /// One step of the chunk, in order. Goroutines and issues wait in arrays of their own, so
    /// that steps stay small (every goroutine header is a step too).
    enum Step {
        case goroutine
        case issue
        case mark(SnapshotBoundaries.Mark)
    }

    private var steps: [Step] = []
    private var goroutines: [(Goroutine, StackSignatures)] = []
    private var issues: [ParseIssue] = []
    /// The chunk's lines (the number of its last) and bytes, once it is read.
    var lines = 0
    var bytes = 0
    /// Why reading the chunk stopped early: the whole read fails after the steps before it.
    var error: Error?

    /// Empties the log for another chunk, keeping the arrays' storage.
    func reset() {
        steps.removeAll(keepingCapacity: true)
        goroutines.removeAll(keepingCapacity: true)
        issues.removeAll(keepingCapacity: true)
        (lines, bytes, error) = (0, 0, nil)
    }

    func append(_ mark: SnapshotBoundaries.Mark) { steps.append(.mark(mark)) }

    func goroutine(_ goroutine: consuming Goroutine, signatures: StackSignatures) {
        steps.append(.goroutine)
        goroutines.append((consume goroutine, signatures))
    }

    func issue(_ issue: ParseIssue) {
        steps.append(.issue)
        issues.append(issue)
    }

    // A chunk never opens or closes a snapshot itself: its marks go to the merge.
    func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        assertionFailure("a chunk of a traceback decided a snapshot boundary")
    }

    func endSnapshot(declaredTotal: Int?) {
        assertionFailure("a chunk of a traceback decided a snapshot boundary")
    }

    func record(_ record: ProfileRecord, signatures: StackSignatures) {
        assertionFailure("the traceback parser handed out a count-profile record")
    }

    /// Hands the chunk to `sink`: marks go through `boundaries` (which carries the snapshot
    /// state from the chunks before), line numbers move by the lines of those chunks.
    func replay(lineOffset: Int, boundaries: inout SnapshotBoundaries, into sink: inout some DumpSink) {
        var (g, i) = (0, 0)
        // Goroutines are moved out of the log (an empty one left in their place) and handed
        // on: a copy would retain, and later release, each of their strings and arrays again.
        goroutines.withUnsafeMutableBufferPointer { stored in
            for step in steps {
                switch step {
                case .goroutine:
                    var goroutine = Goroutine(id: 0, state: "")
                    swap(&goroutine, &stored[g].0)
                    goroutine.sourceLine += lineOffset
                    sink.goroutine(consume goroutine, signatures: stored[g].1)
                    g += 1
                case .issue:
                    var issue = issues[i]
                    if issue.line > 0 { issue.line += lineOffset }
                    sink.issue(issue)
                    i += 1
                case .mark(.header(let id, let line)):
                    boundaries.apply(.header(id: id, line: line + lineOffset), time: nil, into: &sink)
                case .mark(let mark):
                    boundaries.apply(mark, time: nil, into: &sink)
                }
            }
        }
    }
}
