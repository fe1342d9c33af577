import ArgumentParser
import Foundation
import LeakTrailKit

/// `--db PATH`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file or postgres://user@host:port/database (default: $LEAKTRAIL_DB, else ./leaktrail.sqlite).",
        valueName: "path|url"))
    var db: String?

    /// `--db`, else `LEAKTRAIL_DB`, else `./leaktrail.sqlite`.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["LEAKTRAIL_DB"], !env.isEmpty { return env }
        return "./leaktrail.sqlite"
    }

    /// For commands that write (`import`, `collect`, `prune`): opens the store, creating its
    /// tables if needed; exits 3 when it cannot be used.
    func open() throws -> any SnapshotStore {
        do {
            return try StoreLocation.open(path)
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
    }

    /// For commands that read: opens the store only if there is one, and only if it holds
    /// snapshots — a mistyped path must not leave an empty store behind and answer nothing.
    /// Exits 4 otherwise, saying how to fill one.
    func openExisting() throws -> any SnapshotStore {
        let store: any SnapshotStore
        do {
            store = try StoreLocation.openExisting(path)
        } catch StoreError.noStore {
            throw CommandFailure(.nothingToShow, "no store at \(path); import dumps first: \(importHint)")
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
        if try StoreExit.querying({ try store.instances() }).isEmpty {
            throw CommandFailure(.nothingToShow, "the store \(store.location) holds no snapshots; import dumps first: \(importHint)")
        }
        return store
    }

    /// How to fill this store: `leaktrail import …`, with `--db` when it is not the default.
    var importHint: String {
        path == "./leaktrail.sqlite"
            ? "leaktrail import DIRECTORY-OF-DUMPS (or name another store with --db PATH)"
            : "leaktrail import --db \(path) DIRECTORY-OF-DUMPS"
    }
}

/// Store errors as exit statuses: 4 when what was asked for is not there, 3 when the store
/// itself cannot be used.
enum StoreExit {
    static func status(of error: StoreError) -> ExitStatus {
        switch error {
        case .noStore, .noSnapshot: .nothingToShow
        case .cannotOpen, .newerSchema: .store
        }
    }

    /// Runs a store query: a missing snapshot exits 4, any other store error 3.
    static func querying<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandFailure(status(of: error), error.description)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
    }
}

extension ListingFormat: ExpressibleByArgument {}
