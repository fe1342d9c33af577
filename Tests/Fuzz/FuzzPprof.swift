import LeakTrailKit

/// libFuzzer entry: the pprof protobuf decoder alone, on uncompressed bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPprof(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    fuzzRun {
        var sink = CheckingSink()
        try PprofDecoder.decode(bytes: bytes, into: &sink)
    }
    return 0
}
