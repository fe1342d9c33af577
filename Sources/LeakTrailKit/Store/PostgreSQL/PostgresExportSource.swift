import Foundation
import PostgresNIO

/// ``ExportSource`` on PostgreSQL: the same queries as on SQLite (numbered).
struct PostgresExportSource: ExportSource {
    let store: PostgresStore

    func exportedSnapshots() throws -> [ExportedSnapshot] {
        try store.withSession { s in
            try s.all(StoreExporter.exportQuery) { r in
                let (id, service, instance, time, timeSource, source, hash, part, startLine, format, profile, goroutines, declared, issues, truncated) =
                    try r.decode((Int64, String, String, Int64, String, String, Data, Int, Int, String, String, Int, Int?, Int, Bool).self)
                return ExportedSnapshot(id: id, service: service, instance: instance, timeMs: time, timeSource: timeSource, source: source,
                                        contentHash: [UInt8](hash), part: part, startLine: startLine, format: format, profile: profile,
                                        goroutines: goroutines, declaredTotal: declared, issues: issues, truncated: truncated)
            }
        }
    }

    func countRows(of snapshot: Int64) throws -> [CountRow] {
        try store.withSession { s in
            try s.all(PostgresSQL.numbered(StoreExporter.countQuery), binds(snapshot)) { r in
                let (signature, count, state, waitMin, waitMax, leaked, labels) = try r.decode((Int64, Int, String, Int?, Int?, Int, String?).self)
                return CountRow(signature: StackSignature(value: UInt64(bitPattern: signature)), count: count, state: state,
                                waitMin: waitMin, waitMax: waitMax, leaked: leaked, labels: labels)
            }
        }
    }

    func goroutineRows(of snapshot: Int64) throws -> [GoroutineRow] {
        try store.withSession { s in
            try s.all("SELECT goroutine_id, signature, wait_minutes FROM goroutines WHERE snapshot_id = $1 ORDER BY goroutine_id", binds(snapshot)) { r in
                let (id, signature, wait) = try r.decode((Int64, Int64, Int32?).self)
                return GoroutineRow(id: id, signature: StackSignature(value: UInt64(bitPattern: signature)), waitMinutes: wait)
            }
        }
    }

    func stackRows(_ signatures: [Int64]) throws -> [StackRow] {
        guard !signatures.isEmpty else { return [] }
        var b = PostgresBindings()
        b.append(signatures)
        return try store.withSession { s in
            try s.all("SELECT signature, function_signature, top_frame, frames, created_by FROM stacks WHERE signature = ANY($1) ORDER BY signature", b) { r in
                let (signature, function, top, frames, createdBy) = try r.decode((Int64, Int64, String, String, String?).self)
                return StackRow(signature: StackSignature(value: UInt64(bitPattern: signature)),
                                functionSignature: StackSignature(value: UInt64(bitPattern: function)), topFrame: top, frames: frames, createdBy: createdBy)
            }
        }
    }
}
