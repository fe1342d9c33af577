import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// Inputs production may hand leaktrail by mistake or by malice. Each must end in a clear
/// message (what was expected, and where: file, line or byte offset) or in the valid part
/// being read — never a crash, a hang or unbounded memory. The 100 MB line is in
/// ``TracebackEdgeCaseTests``; crashes found by `Tests/Fuzz/run.sh` become tests at the end.
@Suite("Hostile inputs")
struct HostileInputTests {
    static func read(_ bytes: [UInt8]) throws -> SnapshotCollector {
        var c = SnapshotCollector()
        try DumpReader.read(bytes: bytes, into: &c)
        return c
    }

    /// The ``DumpError`` reading `bytes` throws; records a failure when it reads them.
    static func failure(_ bytes: [UInt8]) -> DumpError? {
        do {
            let c = try read(bytes)
            Issue.record("read without error: \(c.snapshots.count) snapshots")
            return nil
        } catch let error as DumpError {
            return error
        } catch {
            Issue.record("not a DumpError: \(error)")
            return nil
        }
    }

    /// Deterministic noise (SplitMix64), so a failure replays.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    static let dump = """
    goroutine 1 [running]:
    main.main()
    \t/src/main.go:10 +0x1d

    goroutine 7 [chan receive, 3 minutes]:
    main.worker(0xc000012345)
    \t/src/worker.go:42 +0x2a
    created by main.main in goroutine 1
    \t/src/main.go:12 +0x3b

    """

    static func temporaryDirectory() throws -> URL { try ScratchDirectory.make("leaktrail-hostile") }

    /// A small file written with `open(2)`: Foundation's `Data.write` costs half a millisecond.
    static func writeFile(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw DumpError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = text.utf8.withContiguousStorageIfAvailable { write(fd, $0.baseAddress, $0.count) } ?? -1
        guard written == text.utf8.count else { throw DumpError.unreadable(path: path, reason: "short write") }
    }

    // MARK: Nothing, noise, bytes that are not text

    @Test func emptyFileSaysItIsEmpty() {
        #expect(Self.failure([]) == .notADump(lookedLike: "an empty file"))
        #expect(DumpError.notADump(lookedLike: "an empty file").description == "not a goroutine dump: it looks like an empty file")
    }

    @Test func randomBinaryIsNotADump() {
        for seed: UInt64 in 1...8 {
            let error = Self.failure(Self.noise(70_000, seed: seed))
            #expect(error == .notADump(lookedLike: "binary data"), "seed \(seed): \(String(describing: error))")
        }
    }

    @Test func blankLinesOnlyAreNotADump() {
        let error = Self.failure(Array(repeating: 0x0A, count: 100_000))
        guard case .notADump = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func nulBytesInHeadersAndLabelsKeepTheGoroutines() throws {
        let text: [UInt8] = Array("goroutine 3 [chan\u{0}receive]:\nmain.f()\n\t/m.go:1 +0x1\n\n".utf8)
            + Array("goroutine 4 [select, 2 minutes]:\nlabels:{\"k\u{0}\": \"v\u{0}\"}\n".utf8)
            + Array("goroutine 5 [select]:\nmain.g()\n\t/m.go:2 +0x1\n".utf8)
        let c = try Self.read(text)
        let ids = c.snapshots.flatMap { $0.goroutines.map(\.id) }
        #expect(ids.contains(3) && ids.contains(5), "\(ids)")
        for issue in c.snapshots.flatMap(\.issues) { #expect(issue.line > 0 && !issue.message.isEmpty) }
    }

    @Test func nulBytesOnlyAreBinary() {
        #expect(Self.failure(Array(repeating: 0, count: 4096)) == .notADump(lookedLike: "binary data"))
    }

    // MARK: Invalid UTF-8

    @Test func invalidUTF8InFunctionNamesFilesAndLabelsIsReadAndHashedStably() throws {
        let bad: [UInt8] = [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80]
        func dump() -> [UInt8] {
            Array("goroutine 9 [chan send, 1 minutes, locked to thread labels:{\"k".utf8) + bad + Array("\": \"v".utf8) + bad
                + Array("\"}]:\nmain.(*T".utf8) + bad + Array(").run()\n\t/src/".utf8) + bad + Array(".go:7 +0x1\n".utf8)
        }
        let a = try Self.read(dump()), b = try Self.read(dump())
        let g = try #require(a.snapshots.first?.goroutines.first)
        #expect(g.id == 9 && g.frames.count == 1 && g.frames[0].line == 7)
        #expect(g.frames[0].function.hasPrefix("main.(*T") && g.frames[0].function.hasSuffix(").run"))
        #expect(g.labels.count == 1 && g.labels[0].key.hasPrefix("k"), "\(g.labels)")
        #expect(StackSignatures.of(g.frames) == StackSignatures.of(try #require(b.snapshots.first?.goroutines.first).frames))
    }

    @Test func invalidUTF8InCountProfileNamesAndLabels() throws {
        let bytes: [UInt8] = Array("goroutine profile: total 2\n2 @ 0x1 0x2\n# labels: {\"k".utf8) + [0xFF] + Array("\":\"v".utf8) + [0xFE, 0x00]
            + Array("\"}\n#\t0x1\tmain.f".utf8) + [0xFF, 0xC0] + Array("+0x1\t/src/m".utf8) + [0xFF] + Array(".go:3\n#\t0x2\tmain.main+0x2\t/src/m.go:9\n\n".utf8)
        let c = try Self.read(bytes)
        let s = try #require(c.snapshots.first)
        #expect(s.format == .debug1 && s.goroutineCount == 2 && s.declaredTotal == 2)
        #expect(s.records.first?.frames.count == 2 && s.records.first?.frames.first?.line == 3)
    }

    // MARK: Compressed and binary formats cut short or lying

    @Test func truncatedGzipNamesTheCompressedByte() throws {
        let gz = try [UInt8](Data(Self.dump.utf8).gzipped())
        for cut in [2, 10, gz.count / 2, gz.count - 4] {
            let error = Self.failure(Array(gz.prefix(cut)))
            guard case .malformed(let message, let offset)? = error else { Issue.record("cut \(cut): \(String(describing: error))"); continue }
            #expect(offset != nil && offset! <= cut && !message.isEmpty, "cut \(cut): \(message) at \(String(describing: offset))")
        }
    }

    @Test func gzipOfNoiseIsNotADump() throws {
        let gz = try [UInt8](Data(Self.noise(10_000, seed: 3)).gzipped())
        #expect(Self.failure(gz) == .notADump(lookedLike: "binary data"))
    }

    static func sampleProfile() throws -> [UInt8]? {
        let dir = StoreFixtures.sampleTraces.appendingPathComponent("formats/snapall/go1.27.3")
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().first(where: { $0.hasSuffix(".pb.gz") }) else { return nil }
        var source = try GzipSource(FileSource(path: dir.appendingPathComponent(name).path))
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while case let n = try chunk.withUnsafeMutableBytes({ try source.read(into: $0) }), n > 0 { bytes += chunk[..<n] }
        return bytes
    }

    @Test func truncatedProtobufIsMalformedAtEveryCut() throws {
        let profile = try #require(try Self.sampleProfile(), "a .pb.gz in SampleTraces/formats/snapall/go1.27.3")
        var valid = SnapshotCollector()
        try PprofDecoder.decode(bytes: profile, into: &valid)
        #expect(valid.snapshots.first?.goroutineCount ?? 0 > 0)
        var malformed = 0
        for cut in stride(from: 1, to: profile.count, by: max(1, profile.count / 97)) {
            var c = SnapshotCollector()
            do {
                try PprofDecoder.decode(bytes: Array(profile.prefix(cut)), into: &c)
            } catch DumpError.malformed(let message, _) {
                #expect(message.contains("pprof") || message.contains("profile"), "\(message)")
                malformed += 1
            }
        }
        #expect(malformed > 0)
    }

    /// A length-delimited field whose length runs past the end, as the first field and after valid ones.
    @Test func lyingProtobufLengthsAreMalformedNotATrap() {
        let lies: [[UInt8]] = [
            [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x08, 0x01],          // sample_type, length 2^31-1
            [0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], // sample, a 10-byte varint length
            [0x32, 0x03, 0x61, 0x62, 0x63, 0x32, 0x7F, 0x61],          // string_table "abc", then 127 bytes promised, 1 given
            [0x0A, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x05, 0x08],    // a sample_type, then a sample cut inside
            [0x12, 0x02, 0x0A, 0x85],                                 // packed location_id with a cut varint
        ]
        for (i, bytes) in lies.enumerated() {
            var c = SnapshotCollector()
            #expect(throws: DumpError.self, "lie \(i)") { try PprofDecoder.decode(bytes: bytes, into: &c) }
            #expect(throws: DumpError.self, "lie \(i) through the reader") { _ = try Self.read(bytes) }
        }
    }

    @Test func protobufPointingAtMissingIdsAndStrings() throws {
        // sample_type {type: 1, unit: 2}; sample {location_id: 9, value: 5}; location {id: 9, line {function_id: 4}};
        // string_table ["", "goroutine", "count"]; functions and strings referenced out of range.
        var p: [UInt8] = [0x0A, 0x04, 0x08, 0x01, 0x10, 0x02]
        p += [0x12, 0x04, 0x08, 0x09, 0x10, 0x05]
        p += [0x22, 0x06, 0x08, 0x09, 0x22, 0x02, 0x08, 0x04]
        p += [0x2A, 0x06, 0x08, 0x04, 0x10, 0x63, 0x20, 0x64]   // function {id: 4, name: 99, filename: 100}
        p += [0x32, 0x00, 0x32, 0x09] + Array("goroutine".utf8) + [0x32, 0x05] + Array("count".utf8)
        var c = SnapshotCollector()
        do {
            try PprofDecoder.decode(bytes: p, into: &c)
            #expect(c.snapshots.first?.goroutineCount == 5)
        } catch let error as DumpError {
            #expect(!error.description.isEmpty)
        }
    }

    // MARK: Text cut short, huge stacks, huge dumps

    @Test func dumpCutMidFrameKeepsEveryWholeGoroutine() throws {
        let full = Self.dump + "goroutine 8 [select]:\nmain.loop(0x1, 0x2)\n\t/src/loop.go:5 +0x1\nmain.run()\n\t/src/run.go:9 +0x2\n"
        let cutAfterFunction = full.range(of: "main.run()")!.upperBound
        let cutInLocation = full.range(of: "/src/run.g")!.upperBound
        let cutInHeader = full.range(of: "goroutine 8 [sel")!.upperBound
        for cut in [cutAfterFunction, cutInLocation, cutInHeader] {
            let c = try Self.read(Array(full[..<cut].utf8))
            let ids = c.snapshots.flatMap { $0.goroutines.map(\.id) }
            #expect(ids.prefix(2) == [1, 7], "\(ids)")
            let issues = c.snapshots.flatMap(\.issues)
            #expect(issues.contains { $0.line >= 10 && $0.message.contains("ends inside goroutine 8") }, "\(issues)")
            let g8 = try #require(c.snapshots.first?.goroutines.last)
            #expect(g8.id == 8 && g8.truncated)
            if cut != cutInHeader {
                #expect(g8.frames.first?.function == "main.loop" && g8.frames.first?.line == 5, "\(g8.frames)")
            } else {
                #expect(issues.contains { $0.message.contains("header is cut") && $0.text == "goroutine 8 [sel" }, "\(issues)")
            }
        }
    }

    @Test func aGoroutineWithTenThousandFrames() throws {
        var text = "goroutine 1 [running]:\n"
        for i in 0..<10_000 { text += "main.f\(i)(...)\n\t/src/deep.go:\(i + 1)\n" }
        text += "created by main.main in goroutine 1\n\t/src/main.go:3 +0x1\n"
        let c = try Self.read(Array(text.utf8))
        let g = try #require(c.snapshots.first?.goroutines.first)
        #expect(g.frames.count == 10_000 && g.frames.last?.line == 10_000 && g.createdBy?.line == 3)
        #expect(StackSignatures.of(g.frames).line != StackSignatures.of(Array(g.frames.dropLast())).line)
    }

    /// Written to a temporary file and streamed back through the grouper, which keeps one
    /// entry per distinct stack: a million goroutines must not become a million values.
    @Test func aMillionGoroutinesInOneDumpStream() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("million.txt").path
        let count = 1_000_000
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk = ""
        for id in 1...count {
            chunk += "goroutine \(id) [chan receive]:\nmain.w\(id % 4)()\n\t/m.go:\(id % 4)\n\n"
            if chunk.utf8.count > 1 << 20 { out.write(Data(chunk.utf8)); chunk = "" }
        }
        out.write(Data(chunk.utf8))
        try out.close()
        var grouper = SnapshotGrouper(level: .line)
        try DumpReader.read(path: path, into: &grouper)
        let result = try #require(grouper.results.first)
        #expect(grouper.results.count == 1 && result.goroutineCount == count && result.issues.isEmpty)
        #expect(result.groups.count == 4 && result.groups.map(\.count).reduce(0, +) == count)
    }

    // MARK: Directories

    /// Ten thousand files are walked (sorted, hidden and non-dump files set apart); one
    /// directory of them is imported, since each file is its own transaction (a debug build
    /// commits ~200 files a second; docs/performance.md has the figures for 100,000).
    @Test func tenThousandSmallFilesInADirectory() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = 10_000, directories = 40
        for d in 0..<directories {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("inst-\(d)"), withIntermediateDirectories: true)
        }
        for i in 0..<files {
            let name = "\(dir.path)/inst-\(i % directories)/dump-\(100_000 + i).txt"
            try Self.writeFile("goroutine \(i + 1) [chan receive]:\nmain.w\(i % 3)()\n\t/m.go:\(i % 3)\n", to: name)
        }
        try Data("notes, not a dump\n".utf8).write(to: dir.appendingPathComponent("inst-0/README"))
        try Data("hidden\n".utf8).write(to: dir.appendingPathComponent("inst-0/.hidden.txt"))
        let (found, failures) = ImportInputs.expand([dir.path])
        #expect(found.count == files + 1 && failures.isEmpty && found.allSatisfy { !$0.explicit })
        #expect(found.map(\.path) == found.map(\.path).sorted())
        let store = try LeakStore()
        let one = dir.appendingPathComponent("inst-0").path
        let summary = try Importer(store: store, options: .init(service: "many", at: Date(timeIntervalSince1970: 1_800_000_000))).run([one])
        #expect(summary.failures.isEmpty, "\(summary.failures.prefix(3))")
        #expect(summary.snapshots == files / directories && summary.goroutines == files / directories)
        #expect(summary.ignored.map(\.path) == [one + "/README"])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aSymlinkLoopIsWalkedOnce() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inst = dir.appendingPathComponent("inst")
        try FileManager.default.createDirectory(at: inst, withIntermediateDirectories: true)
        try Data(Self.dump.utf8).write(to: inst.appendingPathComponent("dump.txt"))
        try FileManager.default.createSymbolicLink(atPath: inst.appendingPathComponent("loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: inst.appendingPathComponent("self").path, withDestinationPath: "self")
        let (found, failures) = ImportInputs.expand([dir.path])
        #expect(found.map(\.path) == [inst.appendingPathComponent("dump.txt").path] && failures.isEmpty, "\(found.prefix(5))")
        let store = try LeakStore()
        let summary = try Importer(store: store).run([dir.path])
        #expect(summary.snapshots == 1 && summary.failures.isEmpty)
    }

    @Test func aNamedSymlinkToItselfFailsWithItsPath() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("self.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "self.txt")
        let summary = try Importer(store: try LeakStore()).run([link])
        #expect(summary.snapshots == 0 && summary.failures.count == 1)
        #expect(summary.failures.first?.path == link && summary.failures.first?.reason.isEmpty == false, "\(summary.failures)")
    }

    // MARK: Found by fuzzing (Tests/Fuzz/run.sh): each input as libFuzzer saved it

    /// A sink that checks what ``DumpSink`` promises: the signatures a parser computed with its
    /// caches equal the reference computation from the frames (`Tests/Fuzz/FuzzSink.swift`).
    struct SignatureCheckingSink: DumpSink {
        var collector = SnapshotCollector()
        var mismatches: [String] = []
        mutating func beginSnapshot(format: DumpFormat, profile: String, startLine: Int, time: Date?) {
            collector.beginSnapshot(format: format, profile: profile, startLine: startLine, time: time)
        }
        mutating func goroutine(_ g: Goroutine, signatures: StackSignatures) {
            if signatures != StackSignatures.of(g.frames) { mismatches.append("goroutine \(g.id): \(g.frames)") }
            collector.goroutine(g, signatures: signatures)
        }
        mutating func record(_ r: ProfileRecord, signatures: StackSignatures) {
            if signatures != StackSignatures.of(r.frames) { mismatches.append("record: \(r.frames)") }
            collector.record(r, signatures: signatures)
        }
        mutating func issue(_ issue: ParseIssue) { collector.issue(issue) }
        mutating func endSnapshot(declaredTotal: Int?) { collector.endSnapshot(declaredTotal: declaredTotal) }
    }

    static func checkSignatures(base64: String) throws -> SignatureCheckingSink {
        var sink = SignatureCheckingSink()
        _ = try? DumpReader.read(bytes: [UInt8](try #require(Data(base64Encoded: base64))), into: &sink)
        return sink
    }

    /// fuzz-logs, crash-09a431df: a location line whose number does not fit the frame cache's
    /// key (`stack.go:12345678901234`) got a different line-level signature from the parser
    /// than from its frames.
    @Test func fuzzLogsHugeLineNumberSignature() throws {
        let sink = try Self.checkSignatures(base64: "cGFuaWM6IHJlZmxlY3QuU2V0OiB2YWx1ZSBvbCB0eXBlCgpnb3JvdXRpbmUgMSBbcnVubmluZ106CmdpdGh1Yi5jb20vbWFydWUoKQoJL2dvcGF0aC9zcmMvZ2l0aHViLmNvbS9tYXJ1ZWwvcGFuaWNwYXJzZS9zdGFjay9zdGFjay5nbzoxMjM0NTY3ODkwMTIzNCBmYXRhbCBkZWFkbG9jayIsIHJ1bkRlYWRsb2NrfSkKCXJlZ2lzdGVyKG1vZGV7IndhaXQiLCAiIiwgYHpvbywgcHJpbnQgInJlYWR5IiBvbiBzdGRvdXQsIGJsb2NrIChmb3Iga2lsbCAtUVVJVClgLCBydW5XYWl0fSkKCXJlZ2lzdGVyKG1vZGV7ImxhYmVscyIsICJbRklMRV0iLCAiem9vICsgbGFiZWxsZWQgcmVxdWVzdHMsIGdvcm91dGluZSBXcml0ZVRvKHcsIDIpIiwgcnVuTGFiZWxzfSkKCXJlZ2lzdGVyKG1vZGV7ImxlYWtwcm9mIiwgIltGSUxFXSIsICJ6b28sIHRoZW4gZ29yb3V0aW5lbGVhayBXcml0ZVRvKHcsIDIpIChHbyAxLjI2KykiLCBydW5MZWFrUHJvZn0pCn0KCmZ1bmMgcnVuU3RhY2soYXJncyBbXXN0cmluZykgZXJyb3IgewoJem9vLlN0YXJ0KGZ1bGxab28pCglyZXR1cm4gd2l0aE91dHB1dChhcmdPcihhcmdzLCAwLCAiLSIpLCBmdW55bmMvbXV0ZXguZ286OTAKZXhhbXBsZS5jb20vbGVha2dlbi96b28ubGVha3lNdXRleFdhaXRlcigweGMwMDAwOGNjNDAsIHsweDZkOGY5NT8sIDB4MT99LCAweGNydFJlY3ZMZWFrcwoJZXhhbXBsZS5jb20vbGVha2dlbi96b28vbGVha19yZWN2LmdvOjI5ICsweGI4Cgpnb3JvdXRpbmUgMjIgW2NoYW4gcmVjZWl2ZV06CmV4YW1wbGUuY29tL2xlYWtnZW4vem9vLmxlYWt5UmVjdigweDA/LCAweGMwMDAwYTQyNzgpCglleGFtcGxlLmNvbS9sZWFrZ2VuL3pvby9sZWFrX3JlY3YuZ286MTIgKzB4NDcKY3JlYXRlZCBieSBleGFtcGxlLmNvbS9sZWFrZ2VuL3pvby5zdGFydFJlY3ZMZWFrcwoJZXhhbTAwMDBhNDI4OCkKCWV4YW1wbGUuY29tL2xlYWtnZW4vem9vL2xlYWtfbXV0ZXguZ286MzMgKzB4NTAKY3JlYXRlZCBieSBleGFtcGxlLmNvbS9sZWFrZ2VuL3pvby5zdGFydE11dGV4TGVha3MKCWV4YW1wbGUuY29tL2xlYWtnZW4vem9vL2xlYWtfbXV0ZXguZ286NDMgKzB4ODUKCmdvcm91dGluZSAyNSBbc2VtYWNxdWlyZV06CnN5bmMucnVudGltZV9TZW1hY3F1aXJlTXV0ZXgoMHgwPywgMHgwPywgMHgwPykKCXJ1bnRpbWUvc2VtYS5nbzo3NyArMHgyNQpzeW5jLigqTXV0ZXgpLmxvY2tTbG93KDB4YzAwMDA4Y2M0MCkKCXN5bmMvbXV0ZXguZ286MTcxICsweDE2NQpzeW5jLigqTXV0ZXgpLkxvY2soLi4uKQoJc3luYy9tdXRleC5nbzo5MApleGFtcGxlLmNvbS9sZWFrZ2VuL3pvby5sZWFreU11dGV4V2FpdGVyKDB4YzAwMDA4Y2M0MCwgezB4NmQ4Zjk1PywgMHgxP30sIDB4YzAwMDBhNDI5MCkKCWV4YW1wbGUuY29tL2xlYWtnZW4vem9vL2xlYWtfbXV0ZXguZ286MzMgKzB4NTAKY3JlYXRlZCBieSBleGFtcGxlLmNvbS9sZWFrZ2VuL3pvby5zdGFydE11dGV4TGVvYm9keSB3aWxsIGV2ZXIgc2VuZCBvbi4KZnVuYyBibG9ja01haW5Gb3JldmVyKCkgewoJPC1tYWtlKGNoYW4gc3RydWN0e30pCn0KCmZ1bmMgcnVuV2FpdChhcmdzIFtdc3RyaW5nKSBlcnJvciB7Cgl6b28uU3RhcnQoZnVsbFpvbykKCWZtdC5GcHJpbnRsbihvcy5TdGRvdXQsICJyZWFkeSIpCglvcy5TdGRvdXQuU3luYygpCgl0aW1lLlNsZWVwKDEwICogdGltZS5NaW51dGUpIC8vIGEgU0lHUVVJVCBlbmRzIHRoZSBwcm81Njc4OQAAAAAAAAAAMAo=")
        #expect(sink.mismatches.isEmpty, "\(sink.mismatches)")
    }
}
