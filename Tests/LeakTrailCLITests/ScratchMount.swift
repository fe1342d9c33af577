import Foundation

/// A small tmpfs mounted for one test, for faults only a real file system produces: a store on
/// a read-only file system, a full disk. Root ignores file modes, so only a mount (or an
/// immutable file) makes the kernel refuse root's writes. Needs root and `mount(8)`; tests
/// that need it are skipped, saying so, where either is missing (macOS, an unprivileged
/// container).
final class ScratchMount {
    let url: URL

    /// Whether this process can mount a tmpfs (tried once).
    static let available: Bool = {
        guard geteuid() == 0, let probe = try? ScratchMount(kibibytes: 64) else { return false }
        probe.unmount()
        return true
    }()

    init(kibibytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-mount-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        do {
            try Self.run("mount", "-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0755", "tmpfs", url.path)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    func remountReadOnly() throws { try Self.run("mount", "-o", "remount,ro", url.path) }
    func remountReadWrite() throws { try Self.run("mount", "-o", "remount,rw", url.path) }

    /// Bytes a new file may still take.
    var freeBytes: Int {
        var s = statvfs()
        return statvfs(url.path, &s) == 0 ? Int(s.f_bavail) * Int(s.f_frsize) : 0
    }

    func unmount() {
        try? Self.run("umount", url.path)
        try? FileManager.default.removeItem(at: url)
    }

    /// Every file below the mount with its bytes, to show that nothing changed.
    func contents() -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? Data(contentsOf: url.appendingPathComponent($0))) ?? Data()) })
    }

    static func run(_ arguments: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSDebugDescriptionErrorKey: arguments.joined(separator: " ")]) }
    }
}
