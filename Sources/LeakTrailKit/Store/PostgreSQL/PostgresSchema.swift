import Foundation

/// The PostgreSQL schema as append-only migrations, like ``StoreSchema`` on SQLite: a
/// migration that has shipped is never edited; `schema_migrations` records which ran.
///
/// Made for a fleet: the per-snapshot tables (`snapshots`, `snapshot_stacks`, `goroutines`)
/// are range-partitioned by capture day (`time_ms`), so retention drops whole partitions, and
/// every one of them carries `service_id`, the key Citus distributes them by (docs/postgres.md).
/// `stacks`, `services` and `instances` are small and shared: Citus keeps them as reference
/// tables. Partitions are created as captures arrive (``PostgresPartitions``).
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var sql: String

        /// One statement at a time: the extended protocol takes no more.
        var statements: [String] {
            sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "services, instances, partitioned snapshots, stacks, counts, goroutines", sql: v1),
    ]

    static var latest: Int { migrations.last?.version ?? 0 }

    /// Goroutine ids are kept whole (a column of their own, not packed into a key as on
    /// SQLite): the table is partitioned and distributed, and its key must hold the
    /// distribution and partition columns anyway.
    static let v1 = """
        CREATE TABLE services (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE instances (
            id BIGSERIAL PRIMARY KEY,
            service_id BIGINT NOT NULL REFERENCES services(id),
            name TEXT NOT NULL,
            UNIQUE (service_id, name)
        );
        CREATE SEQUENCE snapshot_ids;
        CREATE TABLE snapshots (
            id BIGINT NOT NULL DEFAULT nextval('snapshot_ids'),
            service_id BIGINT NOT NULL,
            instance_id BIGINT NOT NULL,
            time_ms BIGINT NOT NULL,
            time_source TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            starts_epoch BOOLEAN NOT NULL,
            epoch_reason TEXT,
            source TEXT NOT NULL,
            content_hash BYTEA NOT NULL,
            part INTEGER NOT NULL,
            start_line INTEGER NOT NULL,
            format TEXT NOT NULL,
            profile TEXT NOT NULL,
            goroutines INTEGER NOT NULL,
            declared_total INTEGER,
            issues INTEGER NOT NULL,
            truncated BOOLEAN NOT NULL,
            min_goroutine_id BIGINT,
            max_goroutine_id BIGINT,
            PRIMARY KEY (service_id, id, time_ms),
            UNIQUE (service_id, instance_id, time_ms, content_hash, part)
        ) PARTITION BY RANGE (time_ms);
        CREATE INDEX snapshots_by_instance_time ON snapshots (instance_id, time_ms, id);
        CREATE INDEX snapshots_by_id ON snapshots (id);
        CREATE TABLE stacks (
            signature BIGINT PRIMARY KEY,
            function_signature BIGINT NOT NULL,
            top_frame TEXT NOT NULL,
            frames TEXT NOT NULL,
            created_by TEXT
        );
        CREATE TABLE snapshot_stacks (
            service_id BIGINT NOT NULL,
            time_ms BIGINT NOT NULL,
            snapshot_id BIGINT NOT NULL,
            signature BIGINT NOT NULL,
            count INTEGER NOT NULL,
            state TEXT NOT NULL,
            wait_min INTEGER,
            wait_max INTEGER,
            leaked INTEGER NOT NULL,
            labels TEXT,
            PRIMARY KEY (service_id, snapshot_id, signature, time_ms)
        ) PARTITION BY RANGE (time_ms);
        CREATE TABLE goroutines (
            service_id BIGINT NOT NULL,
            time_ms BIGINT NOT NULL,
            snapshot_id BIGINT NOT NULL,
            goroutine_id BIGINT NOT NULL,
            signature BIGINT NOT NULL,
            wait_minutes INTEGER,
            PRIMARY KEY (service_id, snapshot_id, goroutine_id, time_ms)
        ) PARTITION BY RANGE (time_ms);
        CREATE TABLE partitions (
            day BIGINT PRIMARY KEY
        );
        """

    /// The tables split by capture day, in the order a partition's rows are removed.
    static let partitionedTables = ["goroutines", "snapshot_stacks", "snapshots"]
}
