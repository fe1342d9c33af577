import Foundation

/// The JSON contract of `leaktrail leaks --format json`: stable, documented in the README,
/// and covered by a test that compares with a literal document. Keys are spelled here once,
/// explicitly; a renamed Swift property must never rename a key.
///
/// Only flagged signatures appear, and under each only the instances where it is flagged.
/// Unknown values are written as `null`, never left out, so every key is always present:
/// `culprit`/`created_by` when the stack has none, `survivors` and `oldest_wait_minutes` when
/// only count profiles (no ids, no wait minutes) were captured.
public struct LeakReport: Codable, Hashable, Sendable {
    /// Per instance: what its snapshots covered against what a verdict needs. An instance with
    /// `enough` false was not judged: its absence from `leaks` says nothing.
    public var coverage: [Coverage]
    public var leaks: [Leak]

    public init(coverage: [Coverage] = [], leaks: [Leak]) {
        self.coverage = coverage
        self.leaks = leaks
    }

    /// The flagged verdicts, in the analyzer's order.
    public init(verdicts: [SignatureVerdict], coverage: [InstanceCoverage] = []) {
        self.coverage = coverage.map(Coverage.init)
        leaks = verdicts.filter { $0.verdict != .ok }.map(Leak.init)
    }

    public init(_ analysis: LeakAnalysis) {
        self.init(verdicts: analysis.verdicts, coverage: analysis.coverage)
    }

    public struct Coverage: Codable, Hashable, Sendable {
        public var service: String
        public var instance: String
        public var basis: EvidenceBasis
        public var snapshots: Int
        public var epochs: Int
        public var spanSeconds: Double
        public var enough: Bool
        /// What a verdict needs: that many snapshots over that many seconds in one epoch.
        public var neededSnapshots: Int
        public var neededSpanSeconds: Double

        enum CodingKeys: String, CodingKey {
            case service, instance, basis, snapshots, epochs
            case spanSeconds = "span_seconds"
            case enough
            case neededSnapshots = "needed_snapshots"
            case neededSpanSeconds = "needed_span_seconds"
        }

        init(_ c: InstanceCoverage) {
            service = c.service
            instance = c.instance
            basis = c.basis
            snapshots = c.snapshots
            epochs = c.epochs
            spanSeconds = c.span.rounded()
            enough = c.enough
            neededSnapshots = c.neededSnapshots
            neededSpanSeconds = c.neededSpan.rounded()
        }
    }

    public struct Leak: Codable, Hashable, Sendable {
        public var signature: String
        public var verdict: Verdict
        public var reason: VerdictReason
        /// What the verdict rests on (`ids`, `counts`, `leaked-marks`).
        public var basis: EvidenceBasis
        public var state: String
        /// A well-known standard-library leak this stack is (``KnownLeak/id``), or null.
        public var knownLeak: String?
        /// The signature's figures over its flagged instances (``LeakFigures``).
        public var goroutines: Int
        public var growthPerHour: Double
        public var memoryBytes: Int
        public var projectedIn24Hours: Int
        public var culprit: Location?
        public var createdBy: Location?
        public var frames: [Location]
        public var advice: String
        public var instances: [Instance]
        /// Set when a list of known goroutines accepts the signature (no gate fails on it);
        /// null otherwise.
        public var accepted: Accepted?

        enum CodingKeys: String, CodingKey {
            case accepted
            case signature, verdict, reason, basis, state
            case knownLeak = "known_leak"
            case goroutines
            case growthPerHour = "growth_per_hour"
            case memoryBytes = "memory_bytes"
            case projectedIn24Hours = "in_24h"
            case culprit
            case createdBy = "created_by"
            case frames, advice, instances
        }

        public init(
            signature: String, verdict: Verdict, reason: VerdictReason, basis: EvidenceBasis, state: String, knownLeak: String?,
            figures: LeakFigures, culprit: Location?, createdBy: Location?, frames: [Location], advice: String, instances: [Instance],
            accepted: Accepted? = nil
        ) {
            self.signature = signature
            self.verdict = verdict
            self.reason = reason
            self.basis = basis
            self.state = state
            self.knownLeak = knownLeak
            goroutines = figures.goroutines
            growthPerHour = figures.growthPerHour
            memoryBytes = figures.memoryBytes
            projectedIn24Hours = figures.projectedIn24Hours
            self.culprit = culprit
            self.createdBy = createdBy
            self.frames = frames
            self.advice = advice
            self.instances = instances
            self.accepted = accepted
        }

        init(_ v: SignatureVerdict) {
            self.init(
                signature: v.signature.hex, verdict: v.verdict, reason: v.reason ?? .growth, basis: v.basis, state: v.state,
                knownLeak: v.knownLeak?.id, figures: v.figures,
                culprit: v.culprit.map(Location.init), createdBy: v.createdBy.map(Location.init),
                frames: v.frames.map(Location.init), advice: v.advice,
                instances: v.flaggedInstances.map(Instance.init), accepted: v.accepted.map(Accepted.init))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(signature, forKey: .signature)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(reason, forKey: .reason)
            try c.encode(basis, forKey: .basis)
            try c.encode(state, forKey: .state)
            try c.encode(knownLeak, forKey: .knownLeak)
            try c.encode(goroutines, forKey: .goroutines)
            try c.encode(growthPerHour, forKey: .growthPerHour)
            try c.encode(memoryBytes, forKey: .memoryBytes)
            try c.encode(projectedIn24Hours, forKey: .projectedIn24Hours)
            try c.encode(culprit, forKey: .culprit)
            try c.encode(createdBy, forKey: .createdBy)
            try c.encode(frames, forKey: .frames)
            try c.encode(advice, forKey: .advice)
            try c.encode(instances, forKey: .instances)
            try c.encode(accepted, forKey: .accepted)
        }
    }

    /// The entry of the list of known goroutines that accepts a leak (``Acceptance``).
    public struct Accepted: Codable, Hashable, Sendable {
        public var reason: String
        public var owner: String?
        /// The last day the entry accepts, `YYYY-MM-DD`, or null.
        public var expires: String?
        /// Where the entry is written: `path:line`.
        public var source: String

        enum CodingKeys: String, CodingKey { case reason, owner, expires, source }

        init(_ a: Acceptance) {
            reason = a.reason
            owner = a.owner
            expires = a.expires
            source = a.source
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reason, forKey: .reason)
            try c.encode(owner, forKey: .owner)
            try c.encode(expires, forKey: .expires)
            try c.encode(source, forKey: .source)
        }
    }

    /// A place in the code: a frame, the culprit, or the `created by` site.
    public struct Location: Codable, Hashable, Sendable {
        public var function: String
        public var file: String
        public var line: Int

        enum CodingKeys: String, CodingKey { case function, file, line }

        public init(function: String, file: String, line: Int) {
            self.function = function
            self.file = file
            self.line = line
        }
        init(_ f: Frame) { self.init(function: f.function, file: f.file, line: f.line) }
        init(_ c: CreatedBy) { self.init(function: c.function, file: c.file, line: c.line) }
    }

    /// One instance where the signature is flagged.
    public struct Instance: Codable, Hashable, Sendable {
        public var service: String
        public var instance: String
        public var verdict: Verdict
        public var reason: VerdictReason?
        public var basis: EvidenceBasis
        public var state: String
        public var confidence: Double
        public var firstSeen: Date?
        public var lastSeen: Date?
        public var firstCount: Int
        public var lastCount: Int
        public var growthPerHour: Double
        public var snapshots: Int
        public var survivors: Int?
        public var oldestWaitMinutes: Int?
        /// Ids: of the goroutines present `lag_seconds` before the last snapshot, how many are
        /// still present (`kept` of `of`); null on counts alone.
        public var persisted: Persisted?

        public struct Persisted: Codable, Hashable, Sendable {
            public var kept: Int
            public var of: Int
            public var lagSeconds: Double

            enum CodingKeys: String, CodingKey {
                case kept, of
                case lagSeconds = "lag_seconds"
            }
        }

        enum CodingKeys: String, CodingKey {
            case service, instance, verdict, reason, basis, state, confidence
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case firstCount = "first_count"
            case lastCount = "last_count"
            case growthPerHour = "growth_per_hour"
            case snapshots, survivors
            case oldestWaitMinutes = "oldest_wait_minutes"
            case persisted
        }

        public init(
            service: String, instance: String, verdict: Verdict, reason: VerdictReason?, basis: EvidenceBasis, state: String,
            confidence: Double, firstSeen: Date?, lastSeen: Date?, firstCount: Int, lastCount: Int, growthPerHour: Double,
            snapshots: Int, survivors: Int?, oldestWaitMinutes: Int?, persisted: Persisted?
        ) {
            self.service = service
            self.instance = instance
            self.verdict = verdict
            self.reason = reason
            self.basis = basis
            self.state = state
            self.confidence = confidence
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.firstCount = firstCount
            self.lastCount = lastCount
            self.growthPerHour = growthPerHour
            self.snapshots = snapshots
            self.survivors = survivors
            self.oldestWaitMinutes = oldestWaitMinutes
            self.persisted = persisted
        }

        init(_ f: InstanceFinding) {
            let persisted = f.persisted.flatMap { kept in
                f.persistedOf.map { Persisted(kept: kept, of: $0, lagSeconds: (f.lag ?? 0).rounded()) }
            }
            self.init(
                service: f.service, instance: f.instance, verdict: f.verdict, reason: f.reason, basis: f.basis, state: f.state,
                confidence: f.confidence, firstSeen: f.firstSeen, lastSeen: f.lastSeen, firstCount: f.firstCount,
                lastCount: f.lastCount, growthPerHour: f.growthPerHour, snapshots: f.snapshots, survivors: f.survivors,
                oldestWaitMinutes: f.oldestWaitMinutes, persisted: persisted)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(service, forKey: .service)
            try c.encode(instance, forKey: .instance)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(reason, forKey: .reason)
            try c.encode(basis, forKey: .basis)
            try c.encode(state, forKey: .state)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(firstSeen, forKey: .firstSeen)
            try c.encode(lastSeen, forKey: .lastSeen)
            try c.encode(firstCount, forKey: .firstCount)
            try c.encode(lastCount, forKey: .lastCount)
            try c.encode(growthPerHour, forKey: .growthPerHour)
            try c.encode(snapshots, forKey: .snapshots)
            try c.encode(survivors, forKey: .survivors)
            try c.encode(oldestWaitMinutes, forKey: .oldestWaitMinutes)
            try c.encode(persisted, forKey: .persisted)
        }
    }
}
