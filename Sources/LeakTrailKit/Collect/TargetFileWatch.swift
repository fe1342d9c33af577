import Foundation

/// Notices when the targets file changes: its size, modification time and inode are looked at
/// every few seconds (a stat, no read), and only a change reads it again. Service discovery
/// tools replace the file by renaming a new one over it, which changes the inode.
struct TargetFileWatch {
    struct Stamp: Equatable {
        var size: Int64
        var modified: Double
        var inode: UInt64
    }

    let path: String
    let interval: Double
    private(set) var nextCheck: Double
    private var stamp: Stamp?

    init(path: String, interval: Double, now: Double) {
        self.path = path
        self.interval = interval
        nextCheck = now + interval
        stamp = Self.stamp(path)
    }

    func due(_ now: Double) -> Bool { now >= nextCheck }

    /// The new target list when the file changed since the last look (or why it cannot be
    /// used); nil when it did not change.
    mutating func check(now: Double, load: () throws -> [CollectTarget]) -> Result<[CollectTarget], CollectSetupError>? {
        nextCheck = now + interval
        let current = Self.stamp(path)
        guard current != stamp else { return nil }
        stamp = current
        do {
            return .success(try load())
        } catch let error as CollectSetupError {
            return .failure(error)
        } catch {
            return .failure(CollectSetupError("\(path): \(error)"))
        }
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return Stamp(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
}
