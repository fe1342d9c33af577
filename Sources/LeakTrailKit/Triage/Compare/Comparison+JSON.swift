/// `compare --format json`: one object per service; each entry names the change, why, and
/// the signature's state in each window (null where it was never captured). Keys are spelled
/// here once; unknowns are `null`, never left out.
extension Comparison {
    struct JSONDocument: Encodable {
        var comparisons: [JSONComparison]
    }

    struct JSONComparison: Encodable {
        var service: String
        var before: JSONSide
        var after: JSONSide
        var entries: [JSONEntry]

        init(_ c: Comparison) {
            service = c.service
            before = JSONSide(c.before)
            after = JSONSide(c.after)
            entries = c.entries.map(JSONEntry.init)
        }
    }

    struct JSONSide: Encodable {
        var window: String
        var coverage: [LeakReport.Coverage]

        init(_ s: Side) {
            window = s.window
            coverage = LeakReport(verdicts: [], coverage: s.coverage).coverage
        }
    }

    struct JSONEntry: Encodable {
        var e: Entry

        init(_ e: Entry) { self.e = e }

        enum Key: String, CodingKey { case signature, change, why, state, culprit, advice, before, after
            case knownLeak = "known_leak"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            let v = e.current
            try c.encode(e.signature.hex, forKey: .signature)
            try c.encode(e.change.rawValue, forKey: .change)
            try c.encode(e.why, forKey: .why)
            try c.encode(v?.state, forKey: .state)
            try c.encode(v?.culprit.map { LeakReport.Location(function: $0.function, file: $0.file, line: $0.line) }, forKey: .culprit)
            try c.encode(v?.knownLeak?.id, forKey: .knownLeak)
            try c.encode(v?.advice, forKey: .advice)
            try c.encode(e.before.map(JSONVerdict.init), forKey: .before)
            try c.encode(e.after.map(JSONVerdict.init), forKey: .after)
        }
    }

    /// The signature in one window.
    struct JSONVerdict: Encodable {
        var v: SignatureVerdict

        init(_ v: SignatureVerdict) { self.v = v }

        enum Key: String, CodingKey { case verdict, reason, goroutines, accepted
            case growthPerHour = "growth_per_hour"
            case growthPerInstance = "growth_per_hour_per_instance"
            case flaggedInstances = "flagged_instances"
            case seenInstances = "seen_instances"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(v.verdict, forKey: .verdict)
            try c.encode(v.reason, forKey: .reason)
            try c.encode(v.lastCount, forKey: .goroutines)
            try c.encode(v.growthPerHour, forKey: .growthPerHour)
            try c.encode((Comparer.perInstanceRate(v) * 100).rounded() / 100, forKey: .growthPerInstance)
            try c.encode(v.flaggedInstances.map(\.instance), forKey: .flaggedInstances)
            try c.encode(v.instances.filter { $0.firstSeen != nil }.map(\.instance).sorted(), forKey: .seenInstances)
            try c.encode(v.accepted.map(LeakReport.Accepted.init), forKey: .accepted)
        }
    }
}
