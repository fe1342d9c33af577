import Foundation

/// The service's module checkout (`--source DIR`): where the file a frame names is on disk.
///
/// Builds with `-trimpath` print files as module paths (`example.com/shop/cache/load.go`);
/// the module path in the checkout's `go.mod` turns them back into files
/// (`DIR/cache/load.go`). Builds without it print the build machine's absolute paths, which
/// rarely exist where the report is read: the longest tail of such a path that exists in the
/// checkout is taken (`/home/ci/src/shop/cache/load.go` → `DIR/cache/load.go`).
///
/// File names come from dumps, which are untrusted input: a name never leads outside the
/// checkout (no `..`, symbolic links resolved and checked), and only regular files of at most
/// ``maxFileBytes`` are read.
public struct SourceTree: Sendable {
    /// The checkout, absolute, symbolic links resolved.
    public let root: URL
    /// The `module` line of `go.mod`; nil when the directory has none.
    public let modulePath: String?

    public static let maxFileBytes = 8 << 20

    /// - Throws: ``SourceTreeError`` when `directory` is not a directory.
    public init(directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SourceTreeError(message: "--source \(directory) is not a directory: give the checkout of the service's Go module (where its go.mod is)")
        }
        root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        modulePath = (try? String(contentsOf: root.appendingPathComponent("go.mod"), encoding: .utf8)).flatMap(Self.modulePath(inGoMod:))
    }

    /// `module example.com/shop` (quoted or not, comments allowed), the first such line.
    public static func modulePath(inGoMod text: String) -> String? {
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("module"), line.dropFirst(6).first?.isWhitespace == true else { continue }
            let path = line.dropFirst(6).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"`"))
            return path.isEmpty ? nil : path
        }
        return nil
    }

    /// The file in the checkout that `printed` (a frame's file as the runtime printed it)
    /// names, or nil when it is not there (the standard library, another module).
    public func file(for printed: String) -> URL? {
        let parts = printed.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        if let modulePath, printed.hasPrefix(modulePath + "/") {
            return existing(String(printed.dropFirst(modulePath.count + 1)))
        }
        // A relative name outside the module (`net/http/transport.go`) is another module's.
        guard printed.hasPrefix("/") else { return existing(printed) }
        // The longest tail that exists here: an absolute path from the build machine.
        for start in parts.indices {
            if let found = existing(parts[start...].joined(separator: "/")) { return found }
        }
        return nil
    }

    /// `relative` under the root, if it is a regular file there that stays inside the root.
    func existing(_ relative: String) -> URL? {
        guard !relative.isEmpty else { return nil }
        let url = root.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        guard url.path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/") else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? NSNumber, size.intValue <= Self.maxFileBytes else { return nil }
        return url
    }

    /// The path of `url` relative to the root (`zoo/leak_send.go`).
    public func relativePath(_ url: URL) -> String {
        String(url.path.dropFirst(root.path.count).drop { $0 == "/" })
    }
}

/// A `--source` that cannot be used.
public struct SourceTreeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
