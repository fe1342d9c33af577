import Foundation
import PostgresNIO

/// Day partitions of the per-snapshot tables: made when the first capture of a day arrives,
/// dropped whole by `prune`. Creating one takes a transaction-level advisory lock, so that
/// importers meeting a new day at once do not race to create the same tables.
enum PostgresPartitions {
    static let dayMs: Int64 = 86_400_000

    static func day(ofMilliseconds ms: Int64) -> Int64 {
        ms >= 0 ? ms / dayMs : (ms - dayMs + 1) / dayMs
    }

    /// `20261127` for the day's partitions' names.
    static func suffix(_ day: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day * dayMs) / 1000))
        let year = c.year ?? 0
        let month = c.month ?? 0
        let dayOfMonth = c.day ?? 0
        return (year < 0 ? "m" : "") + String(format: "%04d%02d%02d", abs(year), month, dayOfMonth)
    }

    /// Makes sure every day in `days` has its partitions, in a transaction of its own (a
    /// partition made by an import that later fails is simply empty).
    static func ensure(_ days: Set<Int64>, _ s: PostgresSession, known: inout Set<Int64>) throws {
        let missing = days.subtracting(known)
        guard !missing.isEmpty else { return }
        try s.transaction {
            try s.execute("SELECT pg_advisory_xact_lock(\(PostgresLocks.partitions))")
            let existing = Set(try s.all("SELECT day FROM partitions") { try $0.decode(Int64.self) })
            for day in missing.sorted() where !existing.contains(day) {
                let (from, to) = (day * dayMs, (day + 1) * dayMs)
                for table in PostgresSchema.partitionedTables.reversed() {
                    try s.execute("CREATE TABLE \(table)_d\(suffix(day)) PARTITION OF \(table) FOR VALUES FROM (\(from)) TO (\(to))")
                }
                try s.execute("INSERT INTO partitions (day) VALUES (\(day))")
            }
            known.formUnion(existing)
        }
        known.formUnion(missing)
    }

    /// Drops the days wholly before `cutoff` and deletes the rest of what is older from the
    /// day that holds it: the store keeps exactly the snapshots at or after `cutoff`, as on
    /// SQLite, and most of the work is a metadata change.
    static func prune(before cutoff: Int64, _ s: PostgresSession) throws -> PruneSummary {
        try s.transaction {
            try s.execute("SELECT pg_advisory_xact_lock(\(PostgresLocks.partitions))")
            var binds = PostgresBindings()
            binds.append(cutoff)
            let count = try s.all("SELECT count(*) FROM snapshots WHERE time_ms < $1", binds) { try $0.decode(Int64.self) }.first ?? 0
            let days = try s.all("SELECT day FROM partitions ORDER BY day") { try $0.decode(Int64.self) }
            var dropped = 0
            for day in days where (day + 1) * dayMs <= cutoff {
                for table in PostgresSchema.partitionedTables {
                    try s.execute("DROP TABLE IF EXISTS \(table)_d\(suffix(day))")
                }
                try s.execute("DELETE FROM partitions WHERE day = \(day)")
                dropped += 1
            }
            for table in PostgresSchema.partitionedTables {
                try s.query("DELETE FROM \(table) WHERE time_ms < $1", binds)
            }
            return PruneSummary(snapshots: Int(count), partitionsDropped: dropped)
        }
    }
}
