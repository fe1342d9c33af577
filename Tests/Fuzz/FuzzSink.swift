import LeakTrailKit
import Foundation

/// Collects what a parser hands out and checks the promises of ``DumpSink``: every goroutine
/// and record arrives inside a snapshot, and the signatures a parser computed with its caches
/// equal those computed from the frames. A broken promise traps, so libFuzzer keeps the input.
struct CheckingSink: DumpSink {
    var collector = SnapshotCollector()
    var grouper = SnapshotGrouper(level: .function)
    var open = false

    mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
        precondition(!open, "a snapshot began inside another")
        open = true
        collector.beginSnapshot(format: format, profile: profile, startLine: startLine, time: time)
        grouper.beginSnapshot(format: format, profile: profile, startLine: startLine, time: time)
    }

    mutating func goroutine(_ goroutine: Goroutine, signatures: StackSignatures) {
        precondition(open, "a goroutine outside a snapshot")
        precondition(signatures == StackSignatures.of(goroutine.frames), "cached signatures differ from the frames' signatures")
        collector.goroutine(goroutine, signatures: signatures)
        grouper.goroutine(goroutine, signatures: signatures)
    }

    mutating func record(_ record: ProfileRecord, signatures: StackSignatures) {
        precondition(open, "a record outside a snapshot")
        precondition(signatures == StackSignatures.of(record.frames), "cached signatures differ from the frames' signatures")
        collector.record(record, signatures: signatures)
        grouper.record(record, signatures: signatures)
    }

    mutating func issue(_ issue: ParseIssue) {
        collector.issue(issue)
        grouper.issue(issue)
        _ = issue.description
    }

    mutating func endSnapshot(declaredTotal: Int?) {
        precondition(open, "a snapshot ended that never began")
        open = false
        collector.endSnapshot(declaredTotal: declaredTotal)
        grouper.endSnapshot(declaredTotal: declaredTotal)
    }
}

/// Copies libFuzzer's input into an array (the parsers read a ``ByteSource``).
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Parse options for one input: the read buffer's size (16 bytes to 4 KiB) follows from the
/// input's length, so that a crash replays the same way, the buffer-refill and overlong-line
/// paths run on small inputs, and no 1 MiB buffer is allocated per execution.
func fuzzOptions(_ bytes: [UInt8], keepArguments: Bool = false, threads: Int = 1) -> ParseOptions {
    ParseOptions(keepArguments: keepArguments, keepAncestors: true, lineBufferSize: 16 << (bytes.count % 9), threads: threads)
}

/// How a read ended, comparable: the summary, or the error's text.
func fuzzOutcome(_ body: () throws -> DumpReader.Summary) -> String {
    do { return "\(try body())" } catch { return "error: \(error)" }
}

/// Errors are expected answers to bad input; only traps, sanitizer reports, hangs and leaks count.
func fuzzRun(_ body: () throws -> Void) {
    do { try body() } catch { _ = String(describing: error) }
}
