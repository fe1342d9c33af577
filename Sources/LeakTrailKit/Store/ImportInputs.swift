import Foundation

/// Turns the paths given to `import` into the files to read: directories recursively (sorted,
/// hidden entries skipped), glob patterns the shell did not expand, `-` for standard input.
/// A path that names nothing becomes a failure, and the others go on.
public enum ImportInputs {
    /// One file to read; `explicit` when named on the command line rather than found in a
    /// directory (a non-dump found in a directory is ignored, a named one is a failure).
    public struct Input: Sendable, Equatable {
        public var path: String
        public var explicit: Bool
    }

    public static func expand(_ paths: [String]) -> (files: [Input], failures: [ImportFailure]) {
        var files: [Input] = []
        var failures: [ImportFailure] = []
        for path in paths {
            if path == "-" {
                files.append(Input(path: path, explicit: true))
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                files += isDirectory.boolValue ? walk(path).map { Input(path: $0, explicit: false) } : [Input(path: path, explicit: true)]
            } else if path.contains(where: { "*?[".contains($0) }), case let matches = glob(path), !matches.isEmpty {
                files += matches.flatMap { m -> [Input] in
                    var d: ObjCBool = false
                    let isDirectory = FileManager.default.fileExists(atPath: m, isDirectory: &d) && d.boolValue
                    return isDirectory ? walk(m).map { Input(path: $0, explicit: false) } : [Input(path: m, explicit: true)]
                }
            } else {
                failures.append(ImportFailure(path: path, reason: "no such file or directory"))
            }
        }
        return (files, failures)
    }

    /// Regular files under `directory`, sorted, skipping names that start with a dot.
    static func walk(_ directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                     options: [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = url.path.dropFirst(base.path.count).drop { $0 == "/" }
            found.append(directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
        }
        return found.sorted()
    }

    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
    }
}
