import Foundation

/// Where `collect --archive DIR` keeps each capture's raw bytes, so that `import DIR` into an
/// empty store gives the same series — service, instance and time — as the collect did:
///
///     DIR/.leaktrail-archive                      marker: this tree is a collect archive
///     DIR/SERVICE/INSTANCE/20261201T001500.123Z-debug2.txt.gz
///
/// The time is the moment the request started, in UTC to the millisecond (what the store
/// keeps), in the ISO 8601 basic form the importer already reads from file names. The marker
/// is what lets the importer take the service from the path: without it a directory of the
/// user's own dumps keeps the usual rule (service `--service` else `default`, instance the
/// parent directory). Names are percent-encoded where a file system or the importer's walk
/// would misread them (`/`, `%`, a leading `.` that would hide the directory).
public enum ArchiveLayout {
    /// The marker's file name; hidden, so `import DIR` never tries to read it as a dump.
    public static let markerName = ".leaktrail-archive"

    /// What the marker says, for a person who finds the directory.
    public static let markerText = """
        leaktrail collect archive: SERVICE/INSTANCE/CAPTURE-TIME-KIND.gz, names percent-encoded.
        `leaktrail import` on this directory takes service, instance and time from these paths.

        """

    /// The path of a capture under `root`, relative to it.
    public static func relativePath(service: String, instance: String, time: Date, suffix: String) -> String {
        "\(encode(service))/\(encode(instance))/\(timestamp(time))-\(suffix)"
    }

    /// `20261201T001500.123Z`: the store's millisecond, in UTC.
    public static func timestamp(_ time: Date) -> String {
        let ms = time.unixMilliseconds
        let text = TimeParser.rfc3339(milliseconds: ms - ms % 1000)  // 2026-12-01T00:15:00Z
        let digits = text.filter { $0 != "-" && $0 != ":" }.dropLast()  // 20261201T001500
        return "\(digits).\(String(format: "%03d", Int(ms % 1000)))Z"
    }

    /// The service and instance of a file inside an archive (one with the marker three levels
    /// up); nil for any other file.
    public static func labels(of path: String) -> (service: String, instance: String)? {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let instanceDir = file.deletingLastPathComponent()
        let serviceDir = instanceDir.deletingLastPathComponent()
        let root = serviceDir.deletingLastPathComponent()
        guard instanceDir.path != "/", serviceDir.path != "/",
              FileManager.default.fileExists(atPath: root.appendingPathComponent(markerName).path),
              let service = decode(serviceDir.lastPathComponent), let instance = decode(instanceDir.lastPathComponent)
        else { return nil }
        return (service, instance)
    }

    /// Percent-encodes every byte outside a conservative set, and a leading dot.
    public static func encode(_ name: String) -> String {
        var out = ""
        for (i, byte) in name.utf8.enumerated() {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-_+=,@:".contains(c) || (c == "." && i > 0) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    public static func decode(_ name: String) -> String? {
        name.removingPercentEncoding
    }
}
