import GRDB

/// The store's schema as append-only migrations: a migration that has shipped is never
/// edited; a change is a new migration appended below. Migrations are plain SQL and never
/// refer to app types. docs/store.md documents every table.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: services, instances, snapshots, stacks, counts, goroutines") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: a snapshot is a duplicate only at the same instance, time and content") { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    /// Hot tables hold integers only where they can, are written in key order (snapshot ids
    /// only grow) and carry no foreign keys: checking them would cost more than the insert.
    /// `snapshot_stacks` is WITHOUT ROWID on (snapshot, signature). `goroutines` packs
    /// (snapshot, goroutine id) into its rowid — `snapshot_id << 40 | goroutine_id` — so each
    /// insert is a B-tree append (a third faster than a WITHOUT ROWID seek) and a snapshot's
    /// rows are one rowid range; the view `goroutine_rows` unpacks it.
    static let v1 = """
        CREATE TABLE services (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE instances (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            name TEXT NOT NULL,
            UNIQUE (service_id, name)
        );
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            instance_id INTEGER NOT NULL REFERENCES instances(id),
            time_ms INTEGER NOT NULL,
            time_source TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            starts_epoch INTEGER NOT NULL,
            epoch_reason TEXT,
            source TEXT NOT NULL,
            content_hash BLOB NOT NULL,
            part INTEGER NOT NULL,
            start_line INTEGER NOT NULL,
            format TEXT NOT NULL,
            profile TEXT NOT NULL,
            goroutines INTEGER NOT NULL,
            declared_total INTEGER,
            issues INTEGER NOT NULL,
            truncated INTEGER NOT NULL,
            min_goroutine_id INTEGER,
            max_goroutine_id INTEGER,
            UNIQUE (content_hash, part)
        );
        CREATE INDEX snapshots_by_instance_time ON snapshots (instance_id, time_ms, id);
        CREATE TABLE stacks (
            signature INTEGER PRIMARY KEY,
            function_signature INTEGER NOT NULL,
            top_frame TEXT NOT NULL,
            frames TEXT NOT NULL,
            created_by TEXT
        );
        CREATE TABLE snapshot_stacks (
            snapshot_id INTEGER NOT NULL,
            signature INTEGER NOT NULL,
            count INTEGER NOT NULL,
            state TEXT NOT NULL,
            wait_min INTEGER,
            wait_max INTEGER,
            leaked INTEGER NOT NULL,
            labels TEXT,
            PRIMARY KEY (snapshot_id, signature)
        ) WITHOUT ROWID;
        CREATE TABLE goroutines (
            key INTEGER PRIMARY KEY,
            signature INTEGER NOT NULL,
            wait_minutes INTEGER
        );
        CREATE VIEW goroutine_rows AS
            SELECT key >> 40 AS snapshot_id, key & 1099511627775 AS goroutine_id, signature, wait_minutes
            FROM goroutines;
        """

    /// v1 refused a second snapshot with the bytes of an earlier one, whatever its instance and
    /// time; but a quiet instance's `?debug=1` profile is often byte-identical from one minute
    /// to the next, and a dropped capture is a hole in its series. The key of an observation is
    /// (instance, capture time, content, part): the same file imported again still adds nothing.
    /// SQLite cannot drop a table constraint, so the table is rebuilt (its rows are one per
    /// snapshot, never per goroutine: cheap).
    static let v2 = """
        CREATE TABLE snapshots_v2 (
            id INTEGER PRIMARY KEY,
            instance_id INTEGER NOT NULL REFERENCES instances(id),
            time_ms INTEGER NOT NULL,
            time_source TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            starts_epoch INTEGER NOT NULL,
            epoch_reason TEXT,
            source TEXT NOT NULL,
            content_hash BLOB NOT NULL,
            part INTEGER NOT NULL,
            start_line INTEGER NOT NULL,
            format TEXT NOT NULL,
            profile TEXT NOT NULL,
            goroutines INTEGER NOT NULL,
            declared_total INTEGER,
            issues INTEGER NOT NULL,
            truncated INTEGER NOT NULL,
            min_goroutine_id INTEGER,
            max_goroutine_id INTEGER,
            UNIQUE (instance_id, time_ms, content_hash, part)
        );
        INSERT INTO snapshots_v2 SELECT id, instance_id, time_ms, time_source, epoch, starts_epoch, epoch_reason,
            source, content_hash, part, start_line, format, profile, goroutines, declared_total, issues, truncated,
            min_goroutine_id, max_goroutine_id FROM snapshots;
        DROP TABLE snapshots;
        ALTER TABLE snapshots_v2 RENAME TO snapshots;
        CREATE INDEX snapshots_by_instance_time ON snapshots (instance_id, time_ms, id);
        """

    /// Bits of the `goroutines` key that hold the goroutine id (ids up to ~1.1 × 10¹²).
    static let goroutineIDBits: Int64 = 40
    static let goroutineIDMask: Int64 = (1 << goroutineIDBits) - 1

    /// The `goroutines` key range of one snapshot.
    static func goroutineKeys(of snapshot: Int64) -> ClosedRange<Int64> {
        (snapshot << goroutineIDBits)...((snapshot << goroutineIDBits) | goroutineIDMask)
    }
}
