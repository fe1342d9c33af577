import Foundation
import GRDB
import GRDBSQLite

/// ``HistorySource`` on a SQLite store. Counts are read by raw statement stepping (a million
/// rows must not pay for GRDB's row boxing) and, in a file store, by one connection per core
/// over disjoint snapshot ranges: decoding rows is the query's main cost, and WAL lets
/// readers run side by side.
struct SQLiteHistorySource: HistorySource {
    let db: Database
    /// The file, for the extra readers (`:memory:`: one reader).
    let path: String

    func snapshotRows(_ filter: LeakStore.HistoryFilter) throws -> [HistorySnapshotRow] {
        let (sql, arguments) = HistoryQueries.snapshots(filter)
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue))).map { r in
            HistorySnapshotRow(id: r[0], timeMs: r[1], epoch: r[2], service: r[3], instance: r[4], format: r[5], profile: r[6], instanceID: r[7])
        }
    }

    func stackKeys() throws -> [(line: Int64, function: Int64)] {
        let statement = try db.makeStatement(sql: HistoryQueries.stackKeys)
        let h = statement.sqliteStatement
        var keys: [(line: Int64, function: Int64)] = []
        defer { withExtendedLifetime(statement) { _ = sqlite3_reset(h) } }
        while sqlite3_step(h) == SQLITE_ROW { keys.append((sqlite3_column_int64(h, 0), sqlite3_column_int64(h, 1))) }
        return keys
    }

    func readCounts(_ snapshots: [Int64], plan: HistoryPlan) throws -> [HistoryPlan.Partial] {
        let parts = path == ":memory:" || snapshots.count < 64 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        if parts == 1 { return [try Self.read(db, snapshots, plan)] }
        let chunks = (0..<parts).map { Array(snapshots[($0 * snapshots.count / parts)..<(($0 + 1) * snapshots.count / parts)]) }
        let path = self.path
        return try ParallelMap.map(chunks, minimum: 1) { chunk in
            Result {
                var configuration = Configuration()
                configuration.readonly = true
                return try DatabaseQueue(path: path, configuration: configuration).read { try Self.read($0, chunk, plan) }
            }
        }.map { try $0.get() }
    }

    private static func read(_ db: Database, _ snapshots: [Int64], _ plan: HistoryPlan) throws -> HistoryPlan.Partial {
        let statements = try (db.makeStatement(sql: HistoryQueries.wideCounts), db.makeStatement(sql: HistoryQueries.narrowCounts))
        // The raw handles live as long as their statements.
        return withExtendedLifetime(statements) {
            let (full, narrow) = (statements.0.sqliteStatement, statements.1.sqliteStatement)
            var reader = HistoryPlan.CountReader(plan)
            for snapshot in snapshots {
                guard let at = reader.begin(snapshot: snapshot) else { continue }
                let h = at.waits ? full : narrow
                sqlite3_bind_int64(h, 1, snapshot)
                defer { sqlite3_reset(h) }
                while sqlite3_step(h) == SQLITE_ROW {
                    let row = CountRowValues(
                        signature: sqlite3_column_int64(h, 0), count: sqlite3_column_int64(h, 1), leaked: sqlite3_column_int64(h, 2),
                        waitMin: at.waits ? sqlite3_column_int64(h, 3) : -1, waitMax: at.waits ? sqlite3_column_int64(h, 4) : -1,
                        stated: at.waits && sqlite3_column_bytes(h, 5) > 0)
                    reader.add(row) { String(cString: sqlite3_column_text(h, 5)) }
                }
            }
            return reader.finish()
        }
    }

    /// A snapshot's goroutines are one key range (`snapshot << 40 | id`).
    func goroutines(of snapshots: [Int64], _ body: (Int64, Int64, Int64) -> Void) throws {
        let statement = try db.makeStatement(sql: "SELECT key, signature FROM goroutines WHERE key BETWEEN ? AND ?")
        let h = statement.sqliteStatement
        defer { withExtendedLifetime(statement) {} }
        for snapshot in snapshots {
            let keys = StoreSchema.goroutineKeys(of: snapshot)
            sqlite3_bind_int64(h, 1, keys.lowerBound)
            sqlite3_bind_int64(h, 2, keys.upperBound)
            defer { sqlite3_reset(h) }
            while sqlite3_step(h) == SQLITE_ROW {
                body(snapshot, sqlite3_column_int64(h, 0) & StoreSchema.goroutineIDMask, sqlite3_column_int64(h, 1))
            }
        }
    }

    func stackTexts(_ signatures: [Int64]) throws -> [Int64: (frames: String, createdBy: String?)] {
        let statement = try db.makeStatement(sql: HistoryQueries.stackText)
        var out: [Int64: (frames: String, createdBy: String?)] = [:]
        for s in signatures {
            if let row = try Row.fetchOne(statement, arguments: [s]) { out[s] = (row[0], row[1]) }
        }
        return out
    }
}

extension HistoryArgument {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let s): s.databaseValue
        case .integer(let i): i.databaseValue
        }
    }
}
