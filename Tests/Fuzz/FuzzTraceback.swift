import LeakTrailKit

/// libFuzzer entry: the traceback parser (`debug=2`, panics, SIGQUIT, `runtime.Stack`) alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceback(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    fuzzRun {
        var sink = CheckingSink()
        var parser = TracebackParser(options: fuzzOptions(bytes, keepArguments: true))
        _ = try parser.parse(MemorySource(bytes), into: &sink)
    }
    return 0
}
