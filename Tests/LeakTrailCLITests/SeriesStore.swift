import Foundation

/// One store of the committed sample series (3 instances, 6 minutes, one restart), imported
/// once for every suite that only reads it.
enum SeriesStore {
    static let series = CLIRunner.packageRoot.appendingPathComponent("SampleTraces/series/orders-api")
    static let present = FileManager.default.fileExists(atPath: series.appendingPathComponent("inst-b").path)

    /// Imported from the package root by a relative path, so that snapshot sources read
    /// `SampleTraces/series/…` on every machine.
    static let path: String = {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-series-\(UUID().uuidString).sqlite")
        let r = try! CLIRunner.run(["import", "--db", db.path, "--service", "orders-api", "SampleTraces/series/orders-api"],
                                   in: CLIRunner.packageRoot)
        precondition(r.status == 0, r.stderr)
        return db.path
    }()

    /// `leaktrail ARGS --db STORE` without colour; `COLUMNS` as given (unset: no width limit).
    static func run(_ args: [String], columns: Int? = nil, in directory: URL? = nil) throws -> CLIRunner.Result {
        var environment = ["NO_COLOR": "1"]
        if let columns { environment["COLUMNS"] = String(columns) }
        return try CLIRunner.run(args + ["--db", path], environment: environment, in: directory)
    }
}
