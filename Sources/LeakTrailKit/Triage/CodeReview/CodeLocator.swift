import Foundation

/// Where code review tools look for a finding: a path relative to the repository root
/// (`--source-root`, the directory a CI job checked out), found through the module checkout
/// (``SourceTree``) for trimmed module paths, or directly for absolute paths under the root.
public struct CodeLocator: Sendable {
    /// The repository root, absolute, symbolic links resolved.
    public let root: URL
    public let tree: SourceTree?

    public init(root: String, tree: SourceTree?) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        self.tree = tree
    }

    /// `services/shop/cache/load.go` for a frame's file, or nil when the file is not under the
    /// root (the standard library, another module, a build machine's path).
    public func relativePath(for printed: String) -> String? {
        var url = tree?.file(for: printed)
        if url == nil, printed.hasPrefix("/"), !printed.split(separator: "/").contains("..") {
            url = URL(fileURLWithPath: printed).resolvingSymlinksInPath()
        }
        guard let path = url?.path, path.hasPrefix(rootPrefix), FileManager.default.fileExists(atPath: path) else { return nil }
        return String(path.dropFirst(rootPrefix.count))
    }

    /// The root as SARIF's `originalUriBaseIds` wants it: a `file:` URI ending in `/`.
    public var rootURI: String { URL(fileURLWithPath: rootPrefix, isDirectory: true).absoluteString }

    var rootPrefix: String { root.path.hasSuffix("/") ? root.path : root.path + "/" }
}
