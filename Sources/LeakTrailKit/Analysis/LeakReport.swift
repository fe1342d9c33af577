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
    public var leaks: [Leak]

    public init(leaks: [Leak]) { self.leaks = leaks }

    /// The flagged verdicts, in the analyzer's order.
    public init(verdicts: [SignatureVerdict]) {
        leaks = verdicts.filter { $0.verdict != .ok }.map(Leak.init)
    }

    public struct Leak: Codable, Hashable, Sendable {
        public var signature: String
        public var verdict: Verdict
        public var reason: VerdictReason
        public var state: String
        public var culprit: Location?
        public var createdBy: Location?
        public var frames: [Location]
        public var advice: String
        public var instances: [Instance]

        enum CodingKeys: String, CodingKey {
            case signature, verdict, reason, state, culprit
            case createdBy = "created_by"
            case frames, advice, instances
        }

        public init(
            signature: String, verdict: Verdict, reason: VerdictReason, state: String, culprit: Location?,
            createdBy: Location?, frames: [Location], advice: String, instances: [Instance]
        ) {
            self.signature = signature
            self.verdict = verdict
            self.reason = reason
            self.state = state
            self.culprit = culprit
            self.createdBy = createdBy
            self.frames = frames
            self.advice = advice
            self.instances = instances
        }

        init(_ v: SignatureVerdict) {
            self.init(
                signature: v.signature.hex, verdict: v.verdict, reason: v.reason ?? .growth, state: v.state,
                culprit: v.culprit.map(Location.init), createdBy: v.createdBy.map(Location.init),
                frames: v.frames.map(Location.init), advice: v.advice,
                instances: v.flaggedInstances.map(Instance.init))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(signature, forKey: .signature)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(reason, forKey: .reason)
            try c.encode(state, forKey: .state)
            try c.encode(culprit, forKey: .culprit)
            try c.encode(createdBy, forKey: .createdBy)
            try c.encode(frames, forKey: .frames)
            try c.encode(advice, forKey: .advice)
            try c.encode(instances, forKey: .instances)
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
        public var confidence: Double
        public var firstSeen: Date?
        public var lastSeen: Date?
        public var firstCount: Int
        public var lastCount: Int
        public var growthPerHour: Double
        public var snapshots: Int
        public var survivors: Int?
        public var oldestWaitMinutes: Int?

        enum CodingKeys: String, CodingKey {
            case service, instance, verdict, confidence
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case firstCount = "first_count"
            case lastCount = "last_count"
            case growthPerHour = "growth_per_hour"
            case snapshots, survivors
            case oldestWaitMinutes = "oldest_wait_minutes"
        }

        public init(
            service: String, instance: String, verdict: Verdict, confidence: Double, firstSeen: Date?, lastSeen: Date?,
            firstCount: Int, lastCount: Int, growthPerHour: Double, snapshots: Int, survivors: Int?, oldestWaitMinutes: Int?
        ) {
            self.service = service
            self.instance = instance
            self.verdict = verdict
            self.confidence = confidence
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.firstCount = firstCount
            self.lastCount = lastCount
            self.growthPerHour = growthPerHour
            self.snapshots = snapshots
            self.survivors = survivors
            self.oldestWaitMinutes = oldestWaitMinutes
        }

        init(_ f: InstanceFinding) {
            self.init(
                service: f.service, instance: f.instance, verdict: f.verdict, confidence: f.confidence,
                firstSeen: f.firstSeen, lastSeen: f.lastSeen, firstCount: f.firstCount, lastCount: f.lastCount,
                growthPerHour: f.growthPerHour, snapshots: f.snapshots, survivors: f.survivors,
                oldestWaitMinutes: f.oldestWaitMinutes)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(service, forKey: .service)
            try c.encode(instance, forKey: .instance)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(firstSeen, forKey: .firstSeen)
            try c.encode(lastSeen, forKey: .lastSeen)
            try c.encode(firstCount, forKey: .firstCount)
            try c.encode(lastCount, forKey: .lastCount)
            try c.encode(growthPerHour, forKey: .growthPerHour)
            try c.encode(snapshots, forKey: .snapshots)
            try c.encode(survivors, forKey: .survivors)
            try c.encode(oldestWaitMinutes, forKey: .oldestWaitMinutes)
        }
    }
}
