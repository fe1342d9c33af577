/// Opens the store a `--db` value names: a `postgres://` (or `postgresql://`) address is a
/// PostgreSQL server, anything else a SQLite file.
public enum StoreLocation {
    public static func open(_ location: String) throws -> any SnapshotStore {
        if PostgresAddress.isAddress(location) { return try PostgresStore(location) }
        return try LeakStore(path: location)
    }

    /// Opens a store for reading only when there is one: a file that exists (else
    /// ``StoreError/noStore``); a server's database exists by definition (its tables are made
    /// on first use, so it may be empty).
    public static func openExisting(_ location: String) throws -> any SnapshotStore {
        if PostgresAddress.isAddress(location) { return try PostgresStore(location) }
        return try LeakStore(existingAt: location)
    }

    /// Whether `location` names a server rather than a file.
    public static func isServer(_ location: String) -> Bool { PostgresAddress.isAddress(location) }
}
