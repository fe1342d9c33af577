import Foundation
import LeakTrailKit

/// Import speed of the count-profile formats against traceback text, on the same captures:
/// `SampleTraces/series/orders-api/inst-a` holds, for every round, a `?debug=2` dump, a
/// `?debug=1` profile and a protobuf profile fetched from one service within a second.
///
/// 1. Per capture: every file of one format read from memory, `--repeat` times (default 200),
///    into a sink that only counts. goroutines/s is the figure the issue asks about.
/// 2. At scale: the debug=1 records of all rounds concatenated under one header until the
///    file holds `--mb` megabytes (default 50), and one protobuf profile whose samples are
///    the real samples repeated (protobuf repeated fields concatenate), read from disk.
func runFormatsBench(_ args: [String]) {
    let repeats = Int(BenchArgs.value("--repeat", in: args) ?? "") ?? 200
    let megabytes = Int(BenchArgs.value("--mb", in: args) ?? "") ?? 50
    let runs = Int(BenchArgs.value("--runs", in: args) ?? "") ?? 5
    let dir = BenchArgs.value("--series", in: args) ?? "SampleTraces/series/orders-api/inst-a"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir).sorted() else {
        print("formats: \(dir) not found; run from the package root")
        return
    }
    func load(_ suffix: String, excluding: String? = nil) -> [[UInt8]] {
        names.filter { $0.hasSuffix(suffix) && !(excluding.map($0.hasSuffix) ?? false) }
            .compactMap { FileManager.default.contents(atPath: dir + "/" + $0).map(Array.init) }
    }
    let traceback = load(".txt", excluding: ".debug1.txt")
    let debug1 = load(".debug1.txt")
    let proto = load(".pb.gz")
    print("formats: \(dir): \(traceback.count) debug=2, \(debug1.count) debug=1, \(proto.count) proto captures of the same rounds")
    for (name, files) in [("traceback (debug=2)", traceback), ("debug=1", debug1), ("proto (.pb.gz)", proto)] {
        FormatsBench.perCapture(name, files: files, repeats: repeats, runs: runs)
    }
    if let big = FormatsBench.bigDebug1(from: debug1, megabytes: megabytes) {
        FormatsBench.fromDisk("debug=1, one \(megabytes) MB profile", path: big, runs: runs)
        try? FileManager.default.removeItem(atPath: big)
    }
    if let first = proto.last, let big = FormatsBench.bigProto(from: first, copies: 20_000) {
        FormatsBench.fromDisk("proto, one profile of real samples x20,000 (uncompressed)", path: big, runs: runs)
        try? FileManager.default.removeItem(atPath: big)
    }
    print("formats: peak RSS \(BenchMemory.peakRSSMegabytes()) MB (VmHWM, whole process)")
}

enum FormatsBench {
    static func perCapture(_ name: String, files: [[UInt8]], repeats: Int, runs: Int) {
        guard !files.isEmpty else { return }
        let bytes = Double(files.reduce(0) { $0 + $1.count } * repeats)
        var sink = CountingSink()
        let times = (0..<runs).map { _ in
            sink = CountingSink()
            return BenchClock.seconds {
                for _ in 0..<repeats {
                    for f in files { _ = try? DumpReader.read(bytes: f, into: &sink) }
                }
            }
        }
        report("\(name), \(files.count) captures x\(repeats) from memory", times: times, bytes: bytes, goroutines: sink.goroutines)
    }

    static func fromDisk(_ name: String, path: String, runs: Int) {
        let size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var sink = CountingSink()
        let times = (0..<runs).map { _ in
            sink = CountingSink()
            return BenchClock.seconds { _ = try? DumpReader.read(path: path, into: &sink) }
        }
        report(name, times: times, bytes: size, goroutines: sink.goroutines)
    }

    private static func report(_ what: String, times: [Double], bytes: Double, goroutines: Int) {
        let median = times.sorted()[times.count / 2]
        print(String(format: "formats: %@: median %.3f s — %.0f MB/s, %.0f k goroutines/s (%d goroutines, %d runs)",
                     what, median, bytes / 1e6 / median, Double(goroutines) / median / 1e3, goroutines, times.count))
    }

    /// Real records (everything after each header) repeated under one header with the right total.
    static func bigDebug1(from files: [[UInt8]], megabytes: Int) -> String? {
        var body: [UInt8] = []
        var total = 0
        for f in files {
            guard let nl = f.firstIndex(of: 0x0A),
                  let n = Int(String(decoding: f[..<nl], as: UTF8.self).split(separator: " ").last ?? "") else { continue }
            body += f[(nl + 1)...]
            total += n
        }
        guard !body.isEmpty else { return nil }
        let copies = max(1, megabytes * 1_000_000 / body.count)
        var out = Array("goroutine profile: total \(total * copies)\n".utf8)
        out.reserveCapacity(body.count * copies + out.count)
        for _ in 0..<copies { out += body }
        return write(out, name: "debug1.txt")
    }

    /// The profile followed by its own `sample` fields (field 2) `copies` more times.
    static func bigProto(from gz: [UInt8], copies: Int) -> String? {
        guard let raw = inflate(gz) else { return nil }
        var samples: [UInt8] = []
        var i = 0
        while i < raw.count {
            let start = i
            guard let tag = varint(raw, &i) else { return nil }
            switch tag & 7 {
            case 0: guard varint(raw, &i) != nil else { return nil }
            case 2:
                guard let n = varint(raw, &i) else { return nil }
                i += Int(n)
            default: return nil
            }
            if tag >> 3 == 2 { samples += raw[start..<min(i, raw.count)] }
        }
        var out = raw
        out.reserveCapacity(raw.count + samples.count * copies)
        for _ in 0..<copies { out += samples }
        return write(out, name: "profile.pb")
    }

    private static func inflate(_ gz: [UInt8]) -> [UInt8]? {
        guard var source = try? GzipSource(MemorySource(gz)) else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard let n = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }) else { return nil }
            if n == 0 { return out }
            out += chunk[..<n]
        }
    }

    private static func varint(_ b: [UInt8], _ i: inout Int) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count && shift < 64 {
            let x = b[i]
            i += 1
            v |= UInt64(x & 0x7F) << shift
            if x < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    private static func write(_ bytes: [UInt8], name: String) -> String? {
        let path = NSTemporaryDirectory() + "leaktrail-formats-bench-\(getpid())-\(name)"
        return FileManager.default.createFile(atPath: path, contents: Data(bytes)) ? path : nil
    }
}
