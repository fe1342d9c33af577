import Foundation

/// Fresh directories for tests, under the system's temporary directory. The prefix names the
/// suite that made one, so a directory left behind by a crashed run says where it came from.
public enum ScratchDirectory {
    public static func make(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
