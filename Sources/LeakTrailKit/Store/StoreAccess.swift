import Foundation

/// Why the file system will not let leaktrail use a store path, in words a person can act on.
///
/// SQLite says only "unable to open database file" or "attempt to write a readonly database"
/// (and GRDB adds the internal statement it was running), whatever the cause; a store in WAL
/// mode must also create `-wal` and `-shm` files beside itself, even to be read. These checks
/// run before the store is opened (a failed open would leave those files behind) and again
/// when an open failed, to name the cause and to stop retrying what no retry can fix.
enum StoreAccess {
    /// The reason `path` cannot be opened for writing, or nil when the file system allows it.
    static func problem(at path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var info = stat()
        guard stat(directory, &info) == 0 else {
            return errno == ENOENT ? "the directory \(directory) does not exist" : "cannot reach the directory \(directory): \(reason(errno))"
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return "it is a directory" }
            if access(path, R_OK | W_OK) != 0 { return "the file cannot be written: \(reason(errno))" }
        }
        if access(directory, W_OK | X_OK) != 0 {
            return "cannot create files in \(directory): \(reason(errno)) (a store needs its -wal and -shm files beside it, even to be read)"
        }
        return nil
    }

    /// `strerror`, in the lower case leaktrail's messages use ("read-only file system").
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
