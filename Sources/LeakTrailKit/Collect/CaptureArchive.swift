import Foundation

/// `collect --archive DIR`: each capture's raw bytes, gzipped, at the path ``ArchiveLayout``
/// gives, so that `leaktrail import DIR` rebuilds the same series.
///
/// A file appears whole or not at all: it is written under a hidden temporary name (which
/// `import` skips) and renamed into place.
struct CaptureArchive: Sendable {
    let root: URL

    /// Creates the directory and its marker if needed.
    init(root: String) throws {
        self.root = URL(fileURLWithPath: root)
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        let marker = self.root.appendingPathComponent(ArchiveLayout.markerName)
        if !FileManager.default.fileExists(atPath: marker.path) {
            try Data(ArchiveLayout.markerText.utf8).write(to: marker, options: .atomic)
        }
    }

    /// What was written: the file's path and its bytes' content hash (the same hash `import`
    /// computes for that file).
    struct Written {
        var path: String
        var identity: ContentHash
    }

    /// Writes one capture. Bytes that are already gzipped (Go's pprof protobuf) are kept as they
    /// came; anything else is compressed with the file's name in the gzip header.
    func write(_ bytes: [UInt8], target: CollectTarget, time: Date, kind: CaptureKind) throws -> Written {
        let relative = ArchiveLayout.relativePath(service: target.service, instance: target.instance, time: time,
                                                  suffix: kind.archiveSuffix)
        let file = root.appendingPathComponent(relative)
        let gzipped = bytes.starts(with: [0x1F, 0x8B]) ? bytes : try GzipWriter.compress(bytes, name: String(file.lastPathComponent.dropLast(3)))
        let directory = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).part")
        try Data(gzipped).write(to: temporary)
        do {
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return Written(path: file.path, identity: ContentHash.of(gzipped))
    }
}
