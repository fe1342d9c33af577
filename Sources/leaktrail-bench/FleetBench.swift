// The fleet figure of issue 15: `leaktrail leaks` over a PostgreSQL store of 200 instances ×
// a week at one capture a minute × 50 signatures (~100 M count rows) in under 30 s and 512 MB.
// The cluster is made once under /tmp/leaktrail-bench/fleet-pg (initdb, as the `postgres`
// user when run as root) and generated server-side (INSERT … SELECT generate_series), then
// reused; every run starts it, times `leaks`, and stops it.
// Usage: leaktrail-bench fleet [--instances N] [--days N] [--runs N]
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func runFleetBench(_ args: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
        return v
    }
    let fleet = FleetShape(instances: option("--instances", 200), days: option("--days", 7))
    let runs = option("--runs", 3)
    do {
        let cluster = try FleetCluster.started()
        defer { cluster.stop() }
        let url = try cluster.database(fleet)
        let command = [BenchBinary.leaktrail, "leaks", "--db", url, "--format", "json"]
        var times: [Double] = []
        for _ in 0..<runs { times.append(ChildRun.run(command).seconds) }
        let rss = ChildRun.peakRSSMegabytes(command).map { "\($0) MB" } ?? "?"
        let found = fleet.score(try cluster.output(command))
        print(String(format: "fleet: %d instances × %d days at 1/min × %d signatures (%.1f M count rows), PostgreSQL %@",
                     fleet.instances, fleet.days, FleetShape.signatures, Double(fleet.rows) / 1e6, cluster.version))
        print(String(format: "fleet: `leaktrail leaks --db %@ --format json`: median %.2f s (%.2f–%.2f over %d runs), peak RSS %@; load average %@",
                     url, AgainstMD5.median(times), times.min() ?? 0, times.max() ?? 0, runs, rss, BenchMachine.loadAverage))
        print("fleet: found vs planted: \(found)")
    } catch {
        print("fleet: failed: \(error)")
    }
}

/// What the synthetic fleet holds, and what `leaks` must find in it.
///
/// Signature s on instance i, at minute m (counts only, as `debug=1` captures):
/// - s 0–4 leak on every tenth instance (i % 10 == s): one goroutine every 20 minutes, kept, and
///   nothing else on that stack (with churn of ±2 beside it, counts alone never prove it: the
///   count falls too often — the rules want ids for that);
/// - s 5 leaks on instance 7 only and that instance restarts half-way (epoch 2), the leak
///   growing again after the restart;
/// - s 10–19 flat pools (8 ± 1), s 20–29 pools that fill for an hour and stay, s 30–39 sawtooth
///   batches (released every 12 minutes), s 40–49 bursts (mostly 0–2, now and then 20–60).
struct FleetShape {
    static let signatures = 50
    static let start: Int64 = 1_794_960_000_000  // a UTC day boundary (day 20,775)
    var instances: Int
    var days: Int

    var minutes: Int { days * 1440 }
    var rows: Int { instances * minutes * Self.signatures }
    var name: String { "fleet_\(instances)x\(days)d" }

    /// The count, as SQL over `i` (instance, 0-based), `m` (minute) and `s` (signature), with
    /// `h` a per-point hash in 0..<1000.
    static let count = """
        CASE
          WHEN s < 5 AND i % 10 = s THEN m / 20
          WHEN s < 5 THEN 3 + h % 2
          WHEN s = 5 AND i = 7 THEN (CASE WHEN m >= %HALF% THEN m - %HALF% ELSE m END) / 20 + h % 2
          WHEN s < 10 THEN 2 + h % 2
          WHEN s < 20 THEN 8 - h % 2
          WHEN s < 30 THEN least(40, m / 2) - h % 3
          WHEN s < 40 THEN (m % 12) * 3
          ELSE CASE WHEN h % 10 = 0 THEN 20 + h % 41 ELSE h % 3 END
        END
        """

    /// (instance name, signature) pairs planted as leaks.
    var planted: Set<String> {
        var out: Set<String> = ["web-007 worker5"]
        for i in 0..<instances where i % 10 < 5 { out.insert("\(Self.instance(i)) worker\(i % 10)") }
        return out
    }

    static func instance(_ i: Int) -> String { String(format: "web-%03d", i) }

    /// Found vs planted, from `leaks --format json`.
    func score(_ json: String) -> String {
        var found: Set<String> = []
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        for f in object?["leaks"] as? [[String: Any]] ?? [] {
            let frames = (f["frames"] as? [[String: Any]] ?? []).compactMap { $0["function"] as? String }
            let worker = frames.first { $0.contains("fleet.worker") }.map { String($0.split(separator: ".").last ?? "") } ?? "?"
            for i in f["instances"] as? [[String: Any]] ?? [] where (i["verdict"] as? String ?? "ok") != "ok" {
                found.insert("\(i["instance"] as? String ?? "?") \(worker)")
            }
        }
        let missed = planted.subtracting(found)
        let wrong = found.subtracting(planted)
        return "\(found.intersection(planted).count) of \(planted.count) planted leaks found, \(missed.count) missed"
            + "\(missed.isEmpty ? "" : " (\(missed.sorted().prefix(5).joined(separator: ", "))…)"), \(wrong.count) false flags"
            + "\(wrong.isEmpty ? "" : " (\(wrong.sorted().prefix(5).joined(separator: ", "))…)")"
    }
}

/// The cached cluster: made and generated on first use, started and stopped each run.
struct FleetCluster {
    static let directory = "/tmp/leaktrail-bench/fleet-pg"
    let bin: String
    let port: Int

    static func started() throws -> FleetCluster {
        guard let bin = binDirectory() else { throw FleetError("PostgreSQL's server binaries are missing: apt-get install postgresql") }
        let cluster = FleetCluster(bin: bin, port: 55_432)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try run("/bin/chown", ["postgres:postgres", directory]) }
        if !FileManager.default.fileExists(atPath: directory + "/data/PG_VERSION") {
            try cluster.pg("initdb", ["-D", directory + "/data", "-A", "trust", "-U", "leaktrail", "-E", "UTF8", "--no-sync", "--no-instructions"])
        }
        let options = "-p \(cluster.port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c shared_buffers=256MB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=1GB"
        try cluster.pg("pg_ctl", ["-D", directory + "/data", "-o", options, "-l", directory + "/log", "-w", "-t", "120", "start"])
        return cluster
    }

    func stop() {
        try? pg("pg_ctl", ["-D", Self.directory + "/data", "-m", "fast", "-w", "stop"])
    }

    var base: String { "postgres://leaktrail@127.0.0.1:\(port)" }
    var version: String { (try? psql("postgres", "SHOW server_version").trimmingCharacters(in: .whitespacesAndNewlines)) ?? "?" }

    /// The fleet's database, generated when missing or unfinished (a marker table is written last).
    func database(_ fleet: FleetShape) throws -> String {
        let url = "\(base)/\(fleet.name)"
        if (try? psql(fleet.name, "SELECT 1 FROM bench_done")) != nil { return url }
        _ = try? psql("postgres", "DROP DATABASE IF EXISTS \(fleet.name)")
        try psql("postgres", "CREATE DATABASE \(fleet.name)")
        // leaktrail makes its schema on first write; `prune` with nothing to prune is one.
        _ = ChildRun.run([BenchBinary.leaktrail, "prune", "--db", url, "--older-than", "3650d"])
        let started = Date()
        for sql in generation(fleet) {
            FileHandle.standardError.write("fleet: \(sql.prefix(60).replacingOccurrences(of: "\n", with: " "))…\n".data(using: .utf8)!)
            try psql(fleet.name, sql)
        }
        try psql(fleet.name, "CREATE TABLE bench_done (seconds double precision); INSERT INTO bench_done VALUES (\(Date().timeIntervalSince(started)))")
        return url
    }

    /// The generation, server-side: partitions, the service, instances, stacks, snapshots,
    /// then every count row in one INSERT … SELECT per day, the key index built afterwards.
    func generation(_ fleet: FleetShape) -> [String] {
        let firstDay = FleetShape.start / 86_400_000
        var sql: [String] = []
        for d in firstDay..<(firstDay + Int64(fleet.days)) {
            for table in ["snapshots", "snapshot_stacks", "goroutines"] {
                sql.append("CREATE TABLE \(table)_d\(Self.suffix(d)) PARTITION OF \(table) FOR VALUES FROM (\(d * 86_400_000)) TO (\((d + 1) * 86_400_000))")
            }
            sql.append("INSERT INTO partitions (day) VALUES (\(d))")
        }
        sql.append("INSERT INTO services (id, name) VALUES (1, 'fleet')")
        sql.append("INSERT INTO instances (id, service_id, name) SELECT i + 1, 1, 'web-' || lpad(i::text, 3, '0') FROM generate_series(0, \(fleet.instances - 1)) i")
        sql.append("""
            INSERT INTO stacks (signature, function_signature, top_frame, frames, created_by)
            SELECT 1000 + s, 1000 + s, 'github.com/acme/fleet.worker' || s || ' fleet.go:12',
                   'runtime.gopark' || chr(9) || 'proc.go:435' || chr(10) || 'github.com/acme/fleet.worker' || s || chr(9) || 'fleet.go:12', NULL
            FROM generate_series(0, \(FleetShape.signatures - 1)) s
            """)
        let half = fleet.minutes / 2
        sql.append("""
            INSERT INTO snapshots (id, service_id, instance_id, time_ms, time_source, epoch, starts_epoch, source, content_hash, part,
                                   start_line, format, profile, goroutines, issues, truncated)
            SELECT i * \(fleet.minutes) + m + 1, 1, i + 1, \(FleetShape.start) + m * 60000 + i * 137, 'fileName',
                   CASE WHEN i = 7 AND m >= \(half) THEN 2 ELSE 1 END, m = 0 OR (i = 7 AND m = \(half)),
                   'fleet/' || i || '/' || m, '\\x00'::bytea, 0, 1, 'debug1', 'goroutine', 0, 0, false
            FROM generate_series(0, \(fleet.instances - 1)) i, generate_series(0, \(fleet.minutes - 1)) m
            """)
        sql.append("SELECT setval('snapshot_ids', \(fleet.instances * fleet.minutes + 1))")
        sql.append("ALTER TABLE snapshot_stacks DROP CONSTRAINT snapshot_stacks_pkey")
        let count = FleetShape.count.replacingOccurrences(of: "%HALF%", with: "\(half)")
        for day in 0..<fleet.days {
            sql.append("""
                INSERT INTO snapshot_stacks (service_id, time_ms, snapshot_id, signature, count, state, leaked)
                SELECT 1, time_ms, id, 1000 + s, c, '', 0 FROM (
                  SELECT x.time_ms, x.id, s, greatest(0, \(count)) AS c FROM (
                    SELECT sn.time_ms, sn.id, (sn.id - 1) / \(fleet.minutes) AS i, (sn.id - 1) % \(fleet.minutes) AS m FROM snapshots sn
                    WHERE sn.time_ms >= \(FleetShape.start + Int64(day) * 86_400_000) AND sn.time_ms < \(FleetShape.start + Int64(day + 1) * 86_400_000)
                  ) x, generate_series(0, \(FleetShape.signatures - 1)) s,
                  LATERAL (SELECT (hashint8(x.id * 64 + s)::bigint & 2147483647) % 1000 AS h) r
                ) v WHERE c > 0
                """)
        }
        sql.append("ALTER TABLE snapshot_stacks ADD PRIMARY KEY (service_id, snapshot_id, signature, time_ms)")
        sql.append("VACUUM ANALYZE")
        return sql
    }

    /// `20261118`: partitions named as leaktrail names them, so `prune` finds them.
    static func suffix(_ day: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd"
        return f.string(from: Date(timeIntervalSince1970: Double(day) * 86_400))
    }

    func output(_ command: [String]) throws -> String {
        let out = Self.directory + "/leaks.json"
        _ = ChildRun.run(["/bin/sh", "-c", command.map { "'\($0)'" }.joined(separator: " ") + " > \(out)"])
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @discardableResult
    func psql(_ database: String, _ sql: String) throws -> String {
        try Self.run("/usr/bin/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "\(base)/\(database)", "-c", sql])
    }

    private func pg(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(bin)/\(tool)"] + arguments)
        } else {
            try Self.run("\(bin)/\(tool)", arguments)
        }
    }

    static func binDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// Runs a tool to completion; its output, or an error with its stderr. Output goes
    /// through files, not pipes (`pg_ctl start` leaves the server holding its descriptors, so
    /// a pipe would never reach its end), and the child is waited for with `waitpid`.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (out, err) = (directory + "/run.out", directory + "/run.err")
        let status = ChildRun.run([tool] + arguments, output: out, errors: err).status
        if status == -1 { throw FleetError("cannot run \(tool)") }
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            throw FleetError("\(tool) \(arguments.prefix(3).joined(separator: " ")): \(errors.prefix(400))")
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}

struct FleetError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
