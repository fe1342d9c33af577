import Foundation
import SwiftProtobuf

/// Reads a pprof protobuf goroutine profile (FORMATS.md §9) into ``ProfileRecord``s: one per
/// sample, with the goroutine count, the stack leaf first with inlined calls expanded, and
/// the string labels.
///
/// A protobuf message cannot be read in pieces, so the (inflated) profile is held whole; it
/// has one sample per distinct stack, not per goroutine, so it stays small.
public enum PprofDecoder {
    /// Inflated profiles larger than this are refused rather than risk the memory.
    public static let maximumSize = 1 << 30

    /// Reads an uncompressed profile from `source`; returns its size in bytes.
    public static func decode<S: ByteSource>(_ source: S, into sink: inout some DumpSink) throws -> Int {
        let bytes = try readAll(source)
        try decode(bytes: bytes, into: &sink)
        return bytes.count
    }

    /// Decodes an uncompressed profile held in memory.
    public static func decode(bytes: [UInt8], into sink: inout some DumpSink) throws {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        let profile: Perftools_Profiles_Profile
        do {
            profile = try Perftools_Profiles_Profile(serializedBytes: bytes, options: options)
        } catch {
            throw DumpError.malformed(message: "not a readable pprof protobuf profile (\(error))", offset: nil)
        }
        var reader = PprofProfileReader(profile)
        try reader.emit(into: &sink)
    }

    private static func readAll<S: ByteSource>(_ source: S) throws -> [UInt8] {
        var source = source
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > maximumSize {
                throw DumpError.malformed(message: "the profile is larger than \(maximumSize >> 20) MiB once inflated", offset: bytes.count)
            }
        }
    }
}

/// Maps one decoded `Profile` onto the model.
struct PprofProfileReader {
    private let profile: Perftools_Profiles_Profile
    private let strings: [String]
    private var functions: [UInt64: (name: String, file: String)] = [:]
    private var locations: [UInt64: Location] = [:]

    /// A location's frames and, computed once, the hashes of those that count for signatures:
    /// samples share locations, so a sample's signatures cost one hash step per frame.
    struct Location {
        var frames: [Frame] = []
        var lineHashes: [UInt64] = []
        var functionHashes: [UInt64] = []
    }

    init(_ profile: Perftools_Profiles_Profile) {
        self.profile = profile
        strings = profile.stringTable.map { String(decoding: $0, as: UTF8.self) }
    }

    mutating func emit(into sink: inout some DumpSink) throws {
        let (valueIndex, name) = try sampleType()
        indexFunctions()
        indexLocations()
        let time = profile.timeNanos > 0 ? Date(timeIntervalSince1970: Double(profile.timeNanos) / 1e9) : nil
        let leaked = name == "goroutineleak"
        sink.beginSnapshot(format: .pprof, profile: name, startLine: 1, time: time)
        for (n, sample) in profile.sample.enumerated() {
            var frames: [Frame] = []
            var line = StackHasher(level: .line)
            var function = StackHasher(level: .function)
            var visible = 0
            for id in sample.locationID {
                guard let location = locations[id] else {
                    sink.issue(ParseIssue(line: 0, message: "sample \(n + 1) names location \(id), which the profile does not define"))
                    continue
                }
                frames.append(contentsOf: location.frames)
                for h in location.lineHashes { line.add(frameHash: h) }
                for h in location.functionHashes { function.add(frameHash: h) }
                visible += location.lineHashes.count
            }
            // Only runtime frames (a system goroutine): all frames count, as in ``StackSignatures/of(_:)``.
            let signatures = visible > 0 ? StackSignatures(line: line.signature, function: function.signature) : StackSignatures.of(frames)
            let count = valueIndex < sample.value.count ? Int(sample.value[valueIndex]) : 0
            let record = ProfileRecord(count: count, frames: frames, labels: labels(of: sample), leaked: leaked, sourceLine: 0)
            sink.record(record, signatures: signatures)
        }
        sink.endSnapshot(declaredTotal: nil)
    }

    private func string(_ index: Int64) -> String {
        index >= 0 && index < strings.count ? strings[Int(index)] : ""
    }

    /// Which value counts goroutines, and the profile's name; other profiles are refused by name.
    private func sampleType() throws -> (Int, String) {
        let types = profile.sampleType.map { string($0.type) }
        if let i = types.firstIndex(where: { CountProfileHeader.goroutineProfiles.contains($0) }) {
            return (i, types[i])
        }
        if types.allSatisfy(\.isEmpty) {
            throw DumpError.malformed(message: "the pprof profile names no sample type: it was cut short or is not a profile", offset: nil)
        }
        throw DumpError.otherProfile(name: PprofProfileReader.profileName(sampleTypes: types))
    }

    /// What people call a profile with these sample types (`alloc_space` → heap).
    static func profileName(sampleTypes: [String]) -> String {
        let set = Set(sampleTypes)
        if !set.isDisjoint(with: ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]) { return "heap" }
        if set.contains("contentions") || set.contains("delay") { return "block or mutex" }
        if set.contains("cpu") || set.contains("samples") { return "CPU" }
        return sampleTypes.first.flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed"
    }

    private mutating func indexFunctions() {
        functions.reserveCapacity(profile.function.count)
        for f in profile.function {
            functions[f.id] = (string(f.name), string(f.filename))
        }
    }

    /// Each location's frames, innermost first: inlined calls are extra `Line`s of one location.
    private mutating func indexLocations() {
        locations.reserveCapacity(profile.location.count)
        for location in profile.location {
            var entry = Location()
            for line in location.line {
                let f = functions[line.functionID] ?? ("?", "?")
                if f.name == "runtime.goexit" { continue }
                entry.frames.append(Frame(function: f.name, file: f.file.isEmpty ? "?" : f.file, line: Int(line.line)))
            }
            if location.line.isEmpty { entry.frames.append(FrameTable.unsymbolized(location.address)) }
            for f in entry.frames where !SignatureFrames.isHiddenAtLevelOne(f.function) {
                entry.lineHashes.append(StackSignature.frameHash(function: f.function, file: f.file, line: f.line, level: .line))
                entry.functionHashes.append(StackSignature.frameHash(function: f.function, file: f.file, line: f.line, level: .function))
            }
            locations[location.id] = entry
        }
    }

    /// String labels as `key: value`; numeric ones (unused by Go) as the number and its unit.
    /// Sorted by key, the order `debug=1` prints them in.
    private func labels(of sample: Perftools_Profiles_Sample) -> [Label] {
        guard !sample.label.isEmpty else { return [] }
        return sample.label.map { l in
            let value = l.str != 0 ? string(l.str) : l.numUnit != 0 ? "\(l.num) \(string(l.numUnit))" : "\(l.num)"
            return Label(key: string(l.key), value: value)
        }.sorted { $0.key < $1.key }
    }
}
