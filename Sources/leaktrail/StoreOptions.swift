import ArgumentParser
import Foundation
import LeakTrailKit

/// `--db PATH`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store file (default: $LEAKTRAIL_DB, else ./leaktrail.sqlite).", valueName: "path"))
    var db: String?

    /// `--db`, else `LEAKTRAIL_DB`, else `./leaktrail.sqlite`.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["LEAKTRAIL_DB"], !env.isEmpty { return env }
        return "./leaktrail.sqlite"
    }

    /// Opens the store, or says why not on stderr and exits with ``StoreExit/storeUnavailable``.
    func open() throws -> LeakStore {
        do {
            return try LeakStore(path: path)
        } catch {
            StoreExit.complain(error)
            throw StoreExit.storeUnavailable
        }
    }
}

/// Exit statuses of the store commands (README "Store"): 0 all went well; 1 some inputs
/// failed (the others were imported); 3 the store could not be opened or read; 4 nothing
/// matched (no such snapshot). Usage errors exit 64, as ArgumentParser does.
enum StoreExit {
    static let inputsFailed = ExitCode(1)
    static let storeUnavailable = ExitCode(3)
    static let nothingMatched = ExitCode(4)

    /// `leaktrail: error: …` on stderr.
    static func complain(_ message: Any) {
        FileHandle.standardError.write(Data("leaktrail: error: \(message)\n".utf8))
    }

    /// Runs a store query: a missing snapshot exits 4, any other store error 3.
    static func querying<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            complain(error)
            if case .noSnapshot = error { throw nothingMatched }
            throw storeUnavailable
        } catch {
            complain(error)
            throw storeUnavailable
        }
    }
}

extension ListingFormat: ExpressibleByArgument {}
