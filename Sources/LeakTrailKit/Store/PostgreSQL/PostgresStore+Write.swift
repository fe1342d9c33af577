import Foundation
import PostgresNIO

extension PostgresStore {
    /// How often a commit that lost a race (deadlock, serialization) or its connection is
    /// tried again. Trying again is safe: a commit that did land is found as a duplicate.
    static let commitAttempts = 10

    /// Writes one file's snapshots in one transaction, as ``LeakStore/commit(_:)`` does. The
    /// instance's advisory lock serializes writers of one instance (the duplicate check and
    /// the epochs read its other snapshots); a lost connection or a deadlock is retried after
    /// a pause, and a commit that cannot land throws with nothing of the file written.
    public func commit(_ batch: FileBatch) throws -> LeakStore.CommitOutcome {
        var attempt = 0
        while true {
            do {
                return try withSession { s in
                    var days = knownDays.withLock { $0 }
                    try PostgresPartitions.ensure(Set(batch.snapshots.map { PostgresPartitions.day(ofMilliseconds: $0.time.unixMilliseconds) }),
                                                  s, known: &days)
                    knownDays.withLock { $0 = days }
                    var cache = self.cache.withLock { $0 }
                    let outcome = try s.transaction { try PostgresWriter(s: s).write(batch, cache: &cache) }
                    self.cache.withLock { $0 = cache }
                    return outcome
                }
            } catch let failure as PostgresFailure where (failure.retryable || failure.noPartition) && attempt + 1 < Self.commitAttempts {
                // A day another process pruned meanwhile is made again on the next try.
                if failure.noPartition { knownDays.withLock { $0 = [] } }
                attempt += 1
                // 0.2, 0.4, … 5 s: a server restarting (crash recovery takes seconds) is waited
                // for about half a minute; writers that collided spread out.
                usleep(useconds_t(min(5_000_000, 100_000 << attempt) + Int.random(in: 0..<100_000)))
            }
        }
    }
}

/// One file's rows into the tables, inside the caller's transaction.
struct PostgresWriter {
    let s: PostgresSession

    /// Ids by name and the last snapshot's evidence per instance; kept only after a commit.
    struct Cache: Sendable {
        var services: [String: Int64] = [:]
        var instances: [InstanceName: Int64] = [:]
        var lastEvidence: [Int64: (id: Int64, evidence: ProcessEpochs.Evidence)] = [:]
    }

    struct InstanceName: Hashable, Sendable {
        var service: Int64
        var name: String
    }

    func write(_ batch: FileBatch, cache: inout Cache) throws -> LeakStore.CommitOutcome {
        let hash = Data(batch.contentHash.bytes)
        let (service, instance) = try ids(service: batch.service, instance: batch.instance, cache: &cache)
        try s.query("SELECT pg_advisory_xact_lock($1)", binds(instance))
        if let existing = try duplicate(of: batch, hash: hash, service: service, instance: instance) {
            return .skipped(existing: existing)
        }
        let newStacks = try insertStacks(batch.stacks)
        let epochs = PostgresEpochs(s: s, service: service, instance: instance)
        var ids: [Int64] = []
        var previous = cache.lastEvidence[instance]
        for (part, snapshot) in batch.snapshots.enumerated() {
            let time = snapshot.time.unixMilliseconds
            let id = try insertSnapshot(snapshot, service: service, instance: instance, batch: batch, hash: hash, part: part)
            try insertCounts(snapshot.counts, service: service, time: time, snapshot: id)
            try insertGoroutines(snapshot.goroutines, service: service, time: time, snapshot: id)
            let evidence = ProcessEpochs.Evidence(ids: snapshot.goroutines.ids, total: snapshot.goroutineTotal, truncated: snapshot.truncated)
            try epochs.place(snapshot: id, time: time, evidence: evidence, previous: previous)
            if evidence.ids.maxID != nil { previous = (id, evidence) }
            ids.append(id)
        }
        try epochs.renumber(from: batch.snapshots.map(\.time.unixMilliseconds).min())
        cache.lastEvidence[instance] = previous
        return .imported(snapshotIDs: ids, newStacks: newStacks)
    }

    /// The service's and the instance's ids, made when new (a concurrent writer making the
    /// same one waits on the unique index, then finds it).
    private func ids(service: String, instance: String, cache: inout Cache) throws -> (Int64, Int64) {
        let serviceID: Int64
        if let known = cache.services[service] {
            serviceID = known
        } else {
            var b = PostgresBindings()
            b.append(service)
            try s.query("INSERT INTO services (name) VALUES ($1) ON CONFLICT DO NOTHING", b)
            serviceID = try s.all("SELECT id FROM services WHERE name = $1", b) { try $0.decode(Int64.self) }[0]
        }
        let key = InstanceName(service: serviceID, name: instance)
        if let known = cache.instances[key] { return (serviceID, known) }
        var i = binds(serviceID)
        i.append(instance)
        try s.query("INSERT INTO instances (service_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", i)
        let instanceID = try s.all("SELECT id FROM instances WHERE service_id = $1 AND name = $2", i) { try $0.decode(Int64.self) }[0]
        // Kept only once the transaction commits (the caller stores the cache then): a
        // rolled-back insert leaves no row behind to point at.
        cache.services[service] = serviceID
        cache.instances[key] = instanceID
        return (serviceID, instanceID)
    }

    private func duplicate(of batch: FileBatch, hash: Data, service: Int64, instance: Int64) throws -> Int64? {
        var b = binds(service, instance)
        try b.append(hash)
        guard let first = batch.snapshots.first else {
            return try s.all("SELECT id FROM snapshots WHERE service_id = $1 AND instance_id = $2 AND content_hash = $3 AND part = 0", b) {
                try $0.decode(Int64.self)
            }.first
        }
        b.append(first.time.unixMilliseconds)
        return try s.all("SELECT id FROM snapshots WHERE service_id = $1 AND instance_id = $2 AND content_hash = $3 AND time_ms = $4 AND part = 0", b) {
            try $0.decode(Int64.self)
        }.first
    }

    /// New stacks in signature order (writers that add the same stacks then lock them in the
    /// same order and cannot deadlock); a stack first stored without `created by` gets it.
    private func insertStacks(_ stacks: [StackRow]) throws -> Int {
        guard !stacks.isEmpty else { return 0 }
        // One row per signature (one statement may not touch a row twice), the creator kept.
        var unique: [UInt64: StackRow] = [:]
        for stack in stacks {
            if let had = unique[stack.signature.value] {
                if had.createdBy == nil, stack.createdBy != nil { unique[stack.signature.value]?.createdBy = stack.createdBy }
            } else {
                unique[stack.signature.value] = stack
            }
        }
        let sorted = unique.values.sorted { Int64(bitPattern: $0.signature.value) < Int64(bitPattern: $1.signature.value) }
        var b = PostgresBindings()
        b.append(sorted.map { Int64(bitPattern: $0.signature.value) })
        b.append(sorted.map { Int64(bitPattern: $0.functionSignature.value) })
        b.append(sorted.map(\.topFrame))
        b.append(sorted.map(\.frames))
        b.append(sorted.map { $0.createdBy ?? "" })
        let added = Locked(0)
        try s.query("""
            INSERT INTO stacks (signature, function_signature, top_frame, frames, created_by)
            SELECT s, f, t, fr, NULLIF(c, '') FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) AS u(s, f, t, fr, c)
            ON CONFLICT (signature) DO UPDATE SET created_by = EXCLUDED.created_by
              WHERE stacks.created_by IS NULL AND EXCLUDED.created_by IS NOT NULL
            RETURNING (xmax = 0)
            """, b) { row in
            if try row.decode(Bool.self) { added.withLock { $0 += 1 } }
        }
        return added.withLock { $0 }
    }

    private func insertSnapshot(_ snap: SnapshotBatch, service: Int64, instance: Int64, batch: FileBatch, hash: Data, part: Int) throws -> Int64 {
        let ids = snap.goroutines.ids
        var b = binds(service, instance, snap.time.unixMilliseconds)
        b.append(snap.timeSource.rawValue)
        b.append(batch.path)
        try b.append(hash)
        b.append(part)
        b.append(snap.startLine)
        b.append(snap.format.rawValue)
        b.append(snap.profile)
        b.append(snap.goroutineTotal)
        b.append(snap.declaredTotal)
        b.append(snap.issues.count)
        b.append(snap.truncated)
        b.append(ids.minID)
        b.append(ids.maxID)
        return try s.all("""
            INSERT INTO snapshots (service_id, instance_id, time_ms, time_source, epoch, starts_epoch, source, content_hash,
                part, start_line, format, profile, goroutines, declared_total, issues, truncated, min_goroutine_id, max_goroutine_id)
            VALUES ($1, $2, $3, $4, 0, false, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            RETURNING id
            """, b) { try $0.decode(Int64.self) }[0]
    }

    /// All of a snapshot's counts in one statement: one array per column, unnested.
    private func insertCounts(_ rows: [CountRow], service: Int64, time: Int64, snapshot: Int64) throws {
        guard !rows.isEmpty else { return }
        var b = binds(service, time, snapshot)
        b.append(rows.map { Int64(bitPattern: $0.signature.value) })
        b.append(rows.map { Int64($0.count) })
        b.append(rows.map(\.state))
        b.append(rows.map { Int64($0.waitMin ?? -1) })
        b.append(rows.map { Int64($0.waitMax ?? -1) })
        b.append(rows.map { Int64($0.leaked) })
        b.append(rows.map { $0.labels ?? "" })
        try s.query("""
            INSERT INTO snapshot_stacks (service_id, time_ms, snapshot_id, signature, count, state, wait_min, wait_max, leaked, labels)
            SELECT $1, $2, $3, sig, n, st, NULLIF(wmin, -1), NULLIF(wmax, -1), lk, NULLIF(lb, '')
            FROM unnest($4::bigint[], $5::bigint[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[]) AS u(sig, n, st, wmin, wmax, lk, lb)
            """, b)
    }

    /// Goroutines a spool chunk at a time, so a snapshot of any size goes in bounded memory.
    /// Ids beyond 40 bits are not kept per goroutine, as on SQLite; repeated ids (`goroutine 0`
    /// once per M in a crash dump) keep the first.
    private func insertGoroutines(_ rows: GoroutineRows, service: Int64, time: Int64, snapshot: Int64) throws {
        try rows.forEachChunk { chunk in
            let kept = chunk.filter { $0.id >= 0 && $0.id <= StoreSchema.goroutineIDMask }
            guard !kept.isEmpty else { return }
            var b = binds(service, time, snapshot)
            b.append(kept.map(\.id))
            b.append(kept.map { Int64(bitPattern: $0.signature.value) })
            b.append(kept.map { Int64($0.waitMinutes ?? -1) })
            try s.query("""
                INSERT INTO goroutines (service_id, time_ms, snapshot_id, goroutine_id, signature, wait_minutes)
                SELECT $1, $2, $3, g, sig, NULLIF(w, -1) FROM unnest($4::bigint[], $5::bigint[], $6::bigint[]) AS u(g, sig, w)
                ON CONFLICT DO NOTHING
                """, b)
        }
    }
}
