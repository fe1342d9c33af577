import Foundation
import LeakTrailTestSupport

/// Which store backend the CLI suite runs against. `LEAKTRAIL_TEST_BACKEND=postgres` runs
/// every CLI test on PostgreSQL with the same expectations: each SQLite path a test gives
/// (`--db s.sqlite`, `LEAKTRAIL_DB`) becomes a fresh database on the test server, and the
/// commands' output names the path again, so a test cannot tell the backends apart except
/// where it looks at the file itself (those tests run on SQLite only, see ``sqliteOnly``).
enum TestBackend {
    static let postgres = ProcessInfo.processInfo.environment["LEAKTRAIL_TEST_BACKEND"] == "postgres"

    /// The reason a test of the SQLite file itself does not run in the PostgreSQL pass.
    static let sqliteOnly = "looks at the SQLite file itself"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var databases: [String: String] = [:]

    /// `args` and `environment` with SQLite paths replaced by databases, and the replacements
    /// to undo in the output (the address as leaktrail prints it → the path).
    static func translate(_ args: [String], _ environment: [String: String]) throws -> ([String], [String: String], [(String, String)]) {
        guard postgres else { return (args, environment, []) }
        var args = args
        var environment = environment
        var undo: [(String, String)] = []
        // A read command never creates a store: a path nothing wrote stays a path, and the
        // command says there is no store there, as it does on SQLite.
        let writes = ["import", "collect", "analyze", "prune"].contains(args.first ?? "")
        for i in args.indices.dropFirst() where args[i - 1] == "--db" && !args[i].hasPrefix("postgres")
            && (writes || existingDatabase(for: args[i]) != nil) {
            let url = try database(for: args[i])
            undo.append((url, args[i]))
            args[i] = url
        }
        if let path = environment["LEAKTRAIL_DB"], !path.isEmpty, !path.hasPrefix("postgres"), writes || existingDatabase(for: path) != nil {
            let url = try database(for: path)
            undo.append((url, path))
            environment["LEAKTRAIL_DB"] = url
        }
        return (args, environment, undo)
    }

    /// The database already standing for `path`, if a command has used it.
    static func existingDatabase(for path: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return databases[path]
    }

    /// The database standing for a SQLite path: the same one every time the path comes back.
    /// A path resolved in another directory (`./leaktrail.sqlite`) is keyed as given.
    static func database(for path: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let url = databases[path] { return url }
        // A path in a directory that does not exist stands for a server that is not there:
        // both are a store that cannot be opened (exit 3, named in the message).
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            let url = "postgres://leaktrail@127.0.0.1:9/unreachable_\(databases.count)"
            databases[path] = url
            return url
        }
        let server = try PostgresTestServer.shared.get()
        let url = try server.makeDatabase("cli")
        databases[path] = url
        return url
    }
}
