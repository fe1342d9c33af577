import LeakTrailKit

/// libFuzzer entry: the whole front door — sniffing, gzip, and dispatch to every parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDumpReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    fuzzRun {
        var sink = CheckingSink()
        try DumpReader.read(bytes: bytes, options: fuzzOptions(bytes), into: &sink)
    }
    return 0
}
