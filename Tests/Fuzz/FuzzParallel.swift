import LeakTrailKit

/// libFuzzer entry: the parallel reader against the sequential parser on the same bytes. The
/// input picks the chunk size (1 to 97 bytes, so a 2 KiB input is cut in dozens of places),
/// the thread count and the line buffer; any difference in what the two hand their sinks —
/// a snapshot boundary, a goroutine, a frame, an issue or its line number — traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParallel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let sequential = fuzzOptions(bytes, keepArguments: true, threads: 1)
    var parallel = fuzzOptions(bytes, keepArguments: true, threads: 2 + bytes.count % 2)
    parallel.chunkSize = 1 + bytes.count % 97
    var one = CheckingSink()
    var many = CheckingSink()
    let a = fuzzOutcome { try DumpReader.read(bytes: bytes, options: sequential, into: &one) }
    let b = fuzzOutcome { try DumpReader.read(bytes: bytes, options: parallel, into: &many) }
    precondition(a == b, "the reads ended differently: \(a) / \(b)")
    precondition(one.collector.looseIssues == many.collector.looseIssues, "loose issues differ")
    precondition(one.collector.snapshots.count == many.collector.snapshots.count, "snapshot counts differ")
    for (x, y) in zip(one.collector.snapshots, many.collector.snapshots) {
        precondition(x.startLine == y.startLine && x.format == y.format && x.profile == y.profile && x.time == y.time, "snapshot boundaries differ")
        precondition(x.goroutines == y.goroutines, "goroutines differ")
        precondition(x.records == y.records && x.declaredTotal == y.declaredTotal, "records differ")
        precondition(x.issues == y.issues, "issues differ")
    }
    return 0
}
