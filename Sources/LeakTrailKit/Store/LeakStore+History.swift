import Foundation
import GRDB
import GRDBSQLite

/// The analysis's input from the store: one ``SignatureHistory`` per signature, each with a
/// zero-filled series per instance and process epoch.
///
/// One pass over `snapshot_stacks` (raw statement stepping: a million rows must not pay for
/// GRDB's row boxing), one grouped query for states, the stacks table for frames, and goroutine
/// ids from a bounded sample of traceback snapshots per instance: survivors need the last two,
/// "stuck" the first and the last, and the oldest survivor's age a few in between.
extension LeakStore {
    /// Which snapshots and signatures the analysis commands read.
    public struct HistoryFilter: Sendable {
        public var service: String?
        public var instance: String?
        public var since: Date?
        public var until: Date?
        public var level: SignatureLevel
        /// Only signatures whose hex starts with this (`show`).
        public var signaturePrefix: String?
        /// Traceback snapshots per instance whose goroutine ids are read, shared over its epochs.
        public var idSnapshots: Int
        /// The most points per instance and signature: an instance with more snapshots in the
        /// window is thinned to real captures spread over this many time buckets (see
        /// ``HistoryQueries/snapshots(_:)``), so memory is bounded by instances × signatures ×
        /// buckets, not by the window's length. nil reads every snapshot.
        public var buckets: Int?

        /// A week at one capture a minute is thinned to one capture in 14 minutes; a day at
        /// one a minute, to one in 2: both far finer than any rule's lag.
        public static let defaultBuckets = 720

        public init(service: String? = nil, instance: String? = nil, since: Date? = nil, until: Date? = nil,
                    level: SignatureLevel = .line, signaturePrefix: String? = nil, idSnapshots: Int = 64,
                    buckets: Int? = defaultBuckets) {
            self.service = service
            self.instance = instance
            self.since = since
            self.until = until
            self.level = level
            self.signaturePrefix = signaturePrefix?.lowercased()
            self.idSnapshots = idSnapshots
            self.buckets = buckets
        }
    }

    public func histories(_ filter: HistoryFilter = HistoryFilter()) throws -> [SignatureHistory] {
        try queue.read { db in try HistoryPlan.histories(SQLiteHistorySource(db: db, path: path), filter) }
    }

    public func analysis(_ filter: HistoryFilter = HistoryFilter(), options: AnalysisOptions = AnalysisOptions()) throws -> LeakAnalysis {
        try queue.read { db in try HistoryPlan.analysis(SQLiteHistorySource(db: db, path: path), filter, options: options) }
    }

    /// Goroutines per signature in one snapshot, for `diff`.
    public func groupCounts(snapshot id: Int64, level: SignatureLevel = .line) throws -> [StackSignature: Int] {
        try queue.read { db in
            let sql = level == .line
                ? "SELECT signature, count FROM snapshot_stacks WHERE snapshot_id = ?"
                : "SELECT st.function_signature, SUM(c.count) FROM snapshot_stacks c JOIN stacks st ON st.signature = c.signature WHERE c.snapshot_id = ? GROUP BY 1"
            var counts: [StackSignature: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [id]) {
                counts[StackSignature(value: UInt64(bitPattern: row[0])), default: 0] += row[1] as Int
            }
            return counts
        }
    }

    /// Each stack's first user frame as `function file:line`, by signature at `level`.
    public func topFrames(level: SignatureLevel = .line) throws -> [StackSignature: String] {
        try queue.read { db in
            var frames: [StackSignature: String] = [:]
            for row in try Row.fetchAll(db, sql: HistoryQueries.topFrames) {
                let s: Int64 = level == .line ? row[0] : row[1]
                frames[StackSignature(value: UInt64(bitPattern: s))] = row[2]
            }
            return frames
        }
    }

    /// The id of the last snapshot taken at or before `time` (optionally of one instance).
    public func snapshotID(atOrBefore time: Date, instance: String? = nil) throws -> Int64? {
        try queue.read { db in
            var sql = "SELECT s.id FROM snapshots s JOIN instances i ON i.id = s.instance_id WHERE s.time_ms <= ?"
            var arguments: StatementArguments = [time.unixMilliseconds]
            if let instance { sql += " AND i.name = ?"; arguments += [instance] }
            return try Int64.fetchOne(db, sql: sql + " ORDER BY s.time_ms DESC, s.id DESC LIMIT 1", arguments: arguments)
        }
    }
}

