import Foundation
import LeakTrailKit

/// libFuzzer entry: log unwrapping (prefixed lines, container-runtime pieces, JSON messages).
/// The clock and zone are fixed so that a crash replays the same way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    fuzzRun {
        var sink = CheckingSink()
        let logOptions = LogOptions(timeZone: TimeZone(identifier: "UTC")!, now: Date(timeIntervalSince1970: 1_800_000_000))
        var parser = LogDumpParser(options: fuzzOptions(bytes), logOptions: logOptions)
        _ = try parser.parse(MemorySource(bytes), into: &sink)
    }
    return 0
}
