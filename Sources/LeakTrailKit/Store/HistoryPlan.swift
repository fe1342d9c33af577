import Foundation
import GRDB
import GRDBSQLite

/// The working state of one `histories` query.
struct HistoryPlan {
    struct Instance {
        var service: String
        var name: String
        /// Snapshot ids and times per epoch (goroutine profiles only), oldest first.
        var epochs: [[(id: Int64, time: Date, traceback: Bool)]] = []
    }

    /// One `snapshot_stacks` row, placed: instance, epoch, point. 28 bytes, because a store
    /// query of 1,000 snapshots × 2,000 signatures holds two million of them.
    struct Cell {
        var instance: Int32
        var epoch: Int32
        var point: Int32
        var count: Int32
        /// -1 when the row printed no wait.
        var waitMin: Int32
        var waitMax: Int32
        var leaked: Int32
    }

    let filter: LeakStore.HistoryFilter
    var instances: [Instance] = []
    /// Snapshot id → (instance, epoch, point); goroutineleak snapshots map to the nearest
    /// goroutine snapshot and only lend their counts as leaked marks.
    var place: [Int64: (Int32, Int32, Int32, Bool)] = [:]
    var functionOf: [UInt64: UInt64] = [:]
    var cells: [UInt64: [Cell]] = [:]
    /// Signature → snapshot → goroutine ids, for the sampled snapshots.
    var ids: [UInt64: [Int64: [Int]]] = [:]
    var sampled: Set<Int64> = []
    /// Per signature, its largest row: count, the line signature and state it had there.
    var best: [UInt64: Best] = [:]

    struct Best: Sendable {
        var count: Int
        var line: UInt64
        var state: String
    }

    init(_ db: Database, _ filter: LeakStore.HistoryFilter) throws {
        self.filter = filter
        var sql = """
            SELECT s.id, s.time_ms, s.epoch, sv.name, i.name, s.format, s.profile, i.id
            FROM snapshots s JOIN instances i ON i.id = s.instance_id JOIN services sv ON sv.id = i.service_id WHERE 1
            """
        var arguments: StatementArguments = []
        if let s = filter.service { sql += " AND sv.name = ?"; arguments += [s] }
        if let i = filter.instance { sql += " AND i.name = ?"; arguments += [i] }
        if let t = filter.since { sql += " AND s.time_ms >= ?"; arguments += [Int64(t.timeIntervalSince1970 * 1000)] }
        if let t = filter.until { sql += " AND s.time_ms <= ?"; arguments += [Int64(t.timeIntervalSince1970 * 1000)] }
        var byInstance: [Int64: Int32] = [:]
        var lastEpoch: [Int32: Int] = [:]
        var leakProfiles: [(Int64, Int32, Date)] = []
        for r in try Row.fetchAll(db, sql: sql + " ORDER BY i.id, s.time_ms, s.id", arguments: arguments) {
            let instanceID: Int64 = r[7]
            if byInstance[instanceID] == nil {
                instances.append(Instance(service: r[3], name: r[4]))
                byInstance[instanceID] = Int32(instances.count - 1)
            }
            let k = byInstance[instanceID] ?? 0
            let time = Date(timeIntervalSince1970: Double(r[1] as Int64) / 1000)
            if (r[6] as String) == "goroutineleak" { leakProfiles.append((r[0], k, time)); continue }
            let epoch: Int = r[2]
            if lastEpoch[k] != epoch || instances[Int(k)].epochs.isEmpty {
                instances[Int(k)].epochs.append([])
                lastEpoch[k] = epoch
            }
            let e = instances[Int(k)].epochs.count - 1
            let snapshot = (id: r[0] as Int64, time: time, traceback: (r[5] as String) == "traceback")
            // Captures of one moment in several formats are one observation, not three: three
            // equal points would triple the evidence and hide the series' real jitter. The
            // traceback is kept, for its ids and wait minutes.
            if let previous = instances[Int(k)].epochs[e].last, abs(previous.time.timeIntervalSince(time)) < 1 {
                guard snapshot.traceback && !previous.traceback else { continue }
                place[previous.id] = nil
                instances[Int(k)].epochs[e][instances[Int(k)].epochs[e].count - 1] = snapshot
            } else {
                instances[Int(k)].epochs[e].append(snapshot)
            }
            place[snapshot.id] = (k, Int32(e), Int32(instances[Int(k)].epochs[e].count - 1), false)
        }
        for (id, k, time) in leakProfiles { place[id] = nearest(time, in: k).map { ($0.0, $0.1, $0.2, true) } }
        if filter.level == .function {
            for r in try Row.fetchAll(db, sql: "SELECT signature, function_signature FROM stacks") {
                functionOf[UInt64(bitPattern: r[0])] = UInt64(bitPattern: r[1])
            }
        }
    }

    /// The goroutine snapshot of instance `k` closest in time: where a leak profile's marks go.
    func nearest(_ time: Date, in k: Int32) -> (Int32, Int32, Int32)? {
        var best: (Int32, Int32, Int32)?
        var distance = Double.infinity
        for (e, epoch) in instances[Int(k)].epochs.enumerated() {
            for (p, s) in epoch.enumerated() where abs(s.time.timeIntervalSince(time)) < distance {
                distance = abs(s.time.timeIntervalSince(time))
                best = (k, Int32(e), Int32(p))
            }
        }
        return best
    }

    func key(_ signature: UInt64) -> UInt64 { filter.level == .line ? signature : functionOf[signature] ?? signature }

    func wanted(_ signature: UInt64) -> Bool {
        guard let prefix = filter.signaturePrefix else { return true }
        return StackSignature(value: signature).hex.hasPrefix(prefix)
    }
}

extension HistoryPlan {
    /// Reads every selected snapshot's rows. A file store is read by one connection per core
    /// over disjoint snapshot ranges: decoding two million rows is the query's whole cost,
    /// and WAL lets readers run side by side.
    mutating func readCounts(_ db: Database, path: String) throws {
        let snapshots = place.keys.sorted()
        let parts = path == ":memory:" || snapshots.count < 64 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let results: [Result<Partial, Error>]
        if parts == 1 {
            results = [Result { try self.read(db, snapshots) }]
        } else {
            let plan = self
            let chunks = (0..<parts).map { Array(snapshots[($0 * snapshots.count / parts)..<(($0 + 1) * snapshots.count / parts)]) }
            results = ParallelMap.map(chunks, minimum: 1) { chunk in
                Result {
                    var configuration = Configuration()
                    configuration.readonly = true
                    return try DatabaseQueue(path: path, configuration: configuration).read { try plan.read($0, chunk) }
                }
            }
        }
        for result in results {
            let partial = try result.get()
            for (k, c) in partial.cells { cells[k, default: []].append(contentsOf: c) }
            for (k, b) in partial.best where HistoryPlan.better(b, than: best[k]) { best[k] = b }
        }
    }

    struct Partial: Sendable {
        var cells: [UInt64: [Cell]] = [:]
        var best: [UInt64: Best] = [:]
    }

    /// The rows of `snapshots`, placed, by signature. Two million rows are the query's whole
    /// cost, so each row costs one hash lookup (signature → dense slot) and array appends.
    func read(_ db: Database, _ snapshots: [Int64]) throws -> Partial {
        let statement = try db.makeStatement(sql: "SELECT signature, count, wait_min, wait_max, leaked, state FROM snapshot_stacks WHERE snapshot_id = ?")
        let h = statement.sqliteStatement
        var slots: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        var cells: [[Cell]] = []
        var best: [Best?] = []
        var wanted: [Bool] = []
        for snapshot in snapshots {
            guard let at = place[snapshot] else { continue }
            sqlite3_bind_int64(h, 1, snapshot)
            defer { sqlite3_reset(h) }
            while sqlite3_step(h) == SQLITE_ROW {
                let line = UInt64(bitPattern: sqlite3_column_int64(h, 0))
                let k = key(line)
                let slot: Int
                if let s = slots[k] {
                    slot = s
                } else {
                    slot = keys.count
                    slots[k] = slot
                    keys.append(k)
                    cells.append([])
                    best.append(nil)
                    wanted.append(self.wanted(k))
                }
                guard wanted[slot] else { continue }
                let count = Int(sqlite3_column_int64(h, 1))
                let leaked = at.3 ? count : Int(sqlite3_column_int64(h, 4))
                cells[slot].append(Cell(
                    instance: at.0, epoch: at.1, point: at.2, count: at.3 ? 0 : Int32(clamping: count),
                    waitMin: Self.wait(h, 2), waitMax: Self.wait(h, 3), leaked: Int32(clamping: leaked)))
                // The state of the largest row that printed one (count profiles print none).
                if !at.3, count > (best[slot]?.count ?? -1) || best[slot]?.state.isEmpty == true,
                   best[slot] == nil || sqlite3_column_bytes(h, 5) > 0 {
                    best[slot] = Best(count: count, line: line, state: String(cString: sqlite3_column_text(h, 5)))
                }
            }
        }
        var out = Partial()
        for (slot, k) in keys.enumerated() where wanted[slot] {
            out.cells[k] = cells[slot]
            if let b = best[slot] { out.best[k] = b }
        }
        return out
    }

    /// A stated row beats an unstated one; then the larger count; then the smaller signature.
    static func better(_ a: Best, than b: Best?) -> Bool {
        guard let b else { return true }
        if a.state.isEmpty != b.state.isEmpty { return !a.state.isEmpty }
        return a.count != b.count ? a.count > b.count : a.line < b.line
    }

    /// Goroutine ids of a sample of traceback snapshots of each instance's latest epoch.
    mutating func readIDs(_ db: Database) throws {
        let statement = try db.makeStatement(sql: "SELECT key, signature FROM goroutines WHERE key BETWEEN ? AND ?")
        let h = statement.sqliteStatement
        for instance in instances {
            let latest = instance.epochs.lastIndex { $0.count >= 3 } ?? max(0, instance.epochs.count - 1)
            guard latest < instance.epochs.count else { continue }
            for snapshot in Self.sample(instance.epochs[latest].filter(\.traceback).map(\.id), filter.idSnapshots) {
                let keys = StoreSchema.goroutineKeys(of: snapshot)
                sqlite3_bind_int64(h, 1, keys.lowerBound)
                sqlite3_bind_int64(h, 2, keys.upperBound)
                defer { sqlite3_reset(h) }
                sampled.insert(snapshot)
                while sqlite3_step(h) == SQLITE_ROW {
                    let id = Int(sqlite3_column_int64(h, 0) & StoreSchema.goroutineIDMask)
                    let k = key(UInt64(bitPattern: sqlite3_column_int64(h, 1)))
                    guard cells[k] != nil else { continue }
                    ids[k, default: [:]][snapshot, default: []].append(id)
                }
            }
        }
    }

    /// Up to `n` ids: the first, the last two, and evenly spaced ones between.
    static func sample(_ ids: [Int64], _ n: Int) -> [Int64] {
        guard ids.count > n, n >= 3 else { return ids }
        var picked = Set([ids[0], ids[ids.count - 2], ids[ids.count - 1]])
        for j in 1..<(n - 2) { picked.insert(ids[j * (ids.count - 2) / (n - 2)]) }
        return picked.sorted()
    }

    func build(_ db: Database) throws -> [SignatureHistory] {
        let stack = try db.makeStatement(sql: "SELECT frames, created_by FROM stacks WHERE signature = ?")
        return try cells.keys.sorted().map { k in
            var frames: [Frame] = []
            var createdBy: CreatedBy?
            let b = best[k]
            if let row = try Row.fetchOne(stack, arguments: [Int64(bitPattern: b?.line ?? k)]) {
                frames = StoredStackText.frames(row[0])
                createdBy = StoredStackText.createdBy(row[1])
            }
            return SignatureHistory(signature: StackSignature(value: k), state: b?.state ?? "", frames: frames,
                                    createdBy: createdBy, instances: series(k))
        }
    }

    /// Zero-filled series of one signature on every instance where it appeared.
    func series(_ k: UInt64) -> [InstanceSeries] {
        let byInstance = Dictionary(grouping: cells[k] ?? [], by: \.instance)
        let known = ids[k] ?? [:]
        return byInstance.keys.sorted().map { i in
            let instance = instances[Int(i)]
            var epochs = instance.epochs.map { epoch in
                epoch.map { s in SeriesPoint(time: s.time, count: 0, goroutineIDs: s.traceback && !sampled.contains(s.id) ? nil : []) }
            }
            for c in byInstance[i] ?? [] {
                var p = epochs[Int(c.epoch)][Int(c.point)]
                p.count += Int(c.count)
                p.leaked = max(p.leaked, Int(c.leaked))
                if c.waitMin >= 0, c.waitMax >= c.waitMin {
                    let (lo, hi) = (Int(c.waitMin), Int(c.waitMax))
                    p.waitMinutes = min(p.waitMinutes?.lowerBound ?? lo, lo)...max(p.waitMinutes?.upperBound ?? hi, hi)
                }
                let s = instance.epochs[Int(c.epoch)][Int(c.point)]
                if p.count > 0 { p.goroutineIDs = sampled.contains(s.id) ? (known[s.id] ?? []).sorted() : nil }
                epochs[Int(c.epoch)][Int(c.point)] = p
            }
            return InstanceSeries(service: instance.service, instance: instance.name, epochs: epochs)
        }
    }

    static func wait(_ h: OpaquePointer, _ i: Int32) -> Int32 {
        sqlite3_column_type(h, i) == SQLITE_NULL ? -1 : Int32(clamping: sqlite3_column_int64(h, i))
    }
}

/// The text forms the store keeps stacks in: `function\tfile:line` per frame, and
/// `function file:line` for the creator.
enum StoredStackText {
    static func frames(_ text: String?) -> [Frame] {
        (text ?? "").split(separator: "\n").compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let (file, number) = location(line[line.index(after: tab)...])
            return Frame(function: String(line[..<tab]), file: file, line: number)
        }
    }

    static func createdBy(_ text: String?) -> CreatedBy? {
        guard let text, let space = text.lastIndex(of: " ") else { return nil }
        let (file, number) = location(text[text.index(after: space)...])
        return CreatedBy(function: String(text[..<space]), file: file, line: number)
    }

    /// `file:line`, split at the last colon (Windows paths hold one too).
    static func location(_ s: Substring) -> (String, Int) {
        guard let colon = s.lastIndex(of: ":"), let n = Int(s[s.index(after: colon)...]) else { return (String(s), 0) }
        return (String(s[..<colon]), n)
    }
}
