import Foundation

/// Real dumps from `SampleTraces/` written out again as content the store has not seen, so a
/// test can import "the same" dumps many times without them being skipped as duplicates.
///
/// Each copy is a gzip member whose header MTIME field carries the copy number: the importer
/// hashes the file's bytes (so copies differ) but inflates and parses the very same dump (so
/// every copy must give the same snapshots). The gzip header is not covered by its checksum.
struct DumpCopies {
    /// Files relative to the copy's directory (`inst-a/goroutine-….txt.gz`), as gzip members.
    var members: [(path: String, gzip: Data)]

    /// Writes copy `number` of every file under `directory`.
    func write(copy number: UInt32, to directory: URL) throws {
        for (path, gzip) in members {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.stamped(gzip, copy: number).write(to: url)
        }
    }

    /// `member` with MTIME (bytes 4–7, little-endian) set to `copy`.
    static func stamped(_ member: Data, copy: UInt32) -> Data {
        var bytes = [UInt8](member)
        precondition(bytes.count > 10 && bytes[0] == 0x1F && bytes[1] == 0x8B, "not a gzip member")
        for i in 0..<4 { bytes[4 + i] = UInt8(truncatingIfNeeded: copy >> (8 * UInt32(i))) }
        return Data(bytes)
    }

    /// The file itself when it is already gzip, else `gzip -n` of it (MTIME 0, no name).
    static func gzip(_ path: String) throws -> Data {
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        return raw.starts(with: [0x1F, 0x8B]) ? raw : try gzip(raw)
    }

    static func gzip(_ data: Data) throws -> Data {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-gzip-\(UUID().uuidString)")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-n", "-c", input.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let member = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, member.count > 10 else { throw CocoaError(.fileWriteUnknown) }
        return member
    }

    /// `debug=2` dumps named `goroutine-<time>.txt`, as one log: each line prefixed by its
    /// dump's capture time, so the log parser reads one snapshot per dump, at that time.
    static func log(of dumps: [String]) throws -> Data {
        var log = ""
        for path in dumps {
            let name = (path as NSString).lastPathComponent
            let t = Array(name.dropFirst("goroutine-".count).prefix(16))  // 20261127T162534Z
            let stamp = "\(String(t[0..<4]))-\(String(t[4..<6]))-\(String(t[6..<8]))T\(String(t[9..<11])):\(String(t[11..<13])):\(String(t[13..<15]))Z"
            log += "\(stamp) level=info msg=\"dumping goroutines\"\n"
            for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                log += "\(stamp) \(line)\n"
            }
        }
        return Data(log.utf8)
    }
}
