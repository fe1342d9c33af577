import Foundation
import GRDB

/// ``ExportSource`` on a SQLite store.
struct SQLiteExportSource: ExportSource {
    let store: LeakStore

    func exportedSnapshots() throws -> [ExportedSnapshot] {
        try store.read { db in
            try Row.fetchAll(db, sql: StoreExporter.exportQuery).map { r in
                ExportedSnapshot(id: r[0], service: r[1], instance: r[2], timeMs: r[3], timeSource: r[4], source: r[5],
                                 contentHash: [UInt8](r[6] as Data), part: r[7], startLine: r[8], format: r[9], profile: r[10],
                                 goroutines: r[11], declaredTotal: r[12], issues: r[13], truncated: r[14])
            }
        }
    }

    func countRows(of snapshot: Int64) throws -> [CountRow] {
        try store.read { db in
            try Row.fetchAll(db, sql: StoreExporter.countQuery, arguments: [snapshot]).map { r in
                CountRow(signature: StackSignature(value: UInt64(bitPattern: r[0])), count: r[1], state: r[2], waitMin: r[3],
                         waitMax: r[4], leaked: r[5], labels: r[6])
            }
        }
    }

    func goroutineRows(of snapshot: Int64) throws -> [GoroutineRow] {
        let keys = StoreSchema.goroutineKeys(of: snapshot)
        return try store.read { db in
            try Row.fetchAll(db, sql: "SELECT key, signature, wait_minutes FROM goroutines WHERE key BETWEEN ? AND ? ORDER BY key",
                             arguments: [keys.lowerBound, keys.upperBound]).map { r in
                GoroutineRow(id: (r[0] as Int64) & StoreSchema.goroutineIDMask, signature: StackSignature(value: UInt64(bitPattern: r[1])),
                             waitMinutes: (r[2] as Int?).map { Int32(clamping: $0) })
            }
        }
    }

    func stackRows(_ signatures: [Int64]) throws -> [StackRow] {
        try store.read { db in
            try signatures.compactMap { s in
                try Row.fetchOne(db, sql: StoreExporter.stackQuery, arguments: [s]).map(StackRow.init(stored:))
            }
        }
    }
}

extension StackRow {
    init(stored r: Row) {
        self.init(signature: StackSignature(value: UInt64(bitPattern: r[0])), functionSignature: StackSignature(value: UInt64(bitPattern: r[1])),
                  topFrame: r[2], frames: r[3], createdBy: r[4])
    }
}
