import Foundation

/// What ``TracebackParser`` made of one chunk of a larger input, in the order it came:
/// goroutines, issues and the marks that decide snapshot boundaries. Line numbers are the
/// chunk's own, from 1; ``replay(lineOffset:boundaries:into:)`` turns it into exactly the
/// calls the parser would have made on the whole input.
///
/// A class so that the parser can log its marks into the same list its sink appends to.
final class ChunkLog: DumpSink {
    enum Event {
        case goroutine(Goroutine, StackSignatures)
        case issue(ParseIssue)
        case mark(SnapshotBoundaries.Mark)
    }

    private(set) var events: [Event] = []
    /// The chunk's lines (the number of its last) and bytes, once it is read.
    var lines = 0
    var bytes = 0
    /// Why reading the chunk stopped early: the whole read fails after the events before it.
    var error: Error?

    init(expectedEvents: Int = 0) {
        events.reserveCapacity(expectedEvents)
    }

    func append(_ event: Event) { events.append(event) }

    func goroutine(_ goroutine: Goroutine, signatures: StackSignatures) {
        events.append(.goroutine(goroutine, signatures))
    }

    func issue(_ issue: ParseIssue) { events.append(.issue(issue)) }

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
        for event in events {
            switch event {
            case .goroutine(var g, let signatures):
                g.sourceLine += lineOffset
                sink.goroutine(g, signatures: signatures)
            case .issue(var issue):
                if issue.line > 0 { issue.line += lineOffset }
                sink.issue(issue)
            case .mark(.header(let id, let line)):
                boundaries.apply(.header(id: id, line: line + lineOffset), time: nil, into: &sink)
            case .mark(let mark):
                boundaries.apply(mark, time: nil, into: &sink)
            }
        }
    }
}
