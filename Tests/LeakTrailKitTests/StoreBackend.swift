import LeakTrailKit
import LeakTrailTestSupport
import Testing

/// The two store backends, for tests that must give the same answers on both.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// An empty store: in memory on SQLite, a fresh database on the test server.
    func emptyStore() throws -> any SnapshotStore {
        switch self {
        case .sqlite: return try LeakStore()
        case .postgres: return try PostgresStore(try PostgresTestServer.forTest().makeDatabase("kit"))
        }
    }
}
