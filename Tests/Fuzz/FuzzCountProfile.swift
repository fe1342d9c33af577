import LeakTrailKit

/// libFuzzer entry: the `?debug=1` count-profile parser alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCountProfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    fuzzRun {
        var sink = CheckingSink()
        var parser = CountProfileParser(options: fuzzOptions(bytes))
        _ = try parser.parse(MemorySource(bytes), into: &sink)
    }
    return 0
}
