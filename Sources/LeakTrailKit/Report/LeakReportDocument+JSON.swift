import Foundation

/// `report --format json`: the `leaks` contract (``LeakReport``, unchanged) plus a `summary`
/// object. Keys are spelled here once; unknowns are `null`, never left out.
extension LeakReportDocument {
    public func jsonText() throws -> String {
        let contract = LeakReport(verdicts: verdicts, coverage: coverage)
        return try JSONOutput.encode(JSONDocument(coverage: contract.coverage, leaks: contract.leaks, summary: JSONSummary(summary)))
    }

    struct JSONDocument: Encodable {
        var coverage: [LeakReport.Coverage]
        var leaks: [LeakReport.Leak]
        var summary: JSONSummary
    }

    struct JSONSummary: Encodable {
        var s: Summary

        init(_ s: Summary) { self.s = s }

        enum Key: String, CodingKey {
            case source, filters, services, instances, from, to, snapshots, captures, leaks, suspects, stuck, accepted, lacking, level
            case spanSeconds = "span_seconds"
            case goroutinesFirst = "goroutines_first"
            case goroutinesLast = "goroutines_last"
            case memoryBytes = "memory_bytes"
            case generatedAt = "generated_at"
            case toolVersion = "tool_version"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(s.source, forKey: .source)
            try c.encode(s.filters, forKey: .filters)
            try c.encode(s.services, forKey: .services)
            try c.encode(s.instances.map(JSONInstance.init), forKey: .instances)
            try c.encode(s.from, forKey: .from)
            try c.encode(s.to, forKey: .to)
            try c.encode(Int(s.span.rounded()), forKey: .spanSeconds)
            try c.encode(s.snapshots, forKey: .snapshots)
            try c.encode(s.captures, forKey: .captures)
            try c.encode(s.goroutinesFirst, forKey: .goroutinesFirst)
            try c.encode(s.goroutinesLast, forKey: .goroutinesLast)
            try c.encode(s.leaks, forKey: .leaks)
            try c.encode(s.suspects, forKey: .suspects)
            try c.encode(s.stuck, forKey: .stuck)
            try c.encode(s.accepted, forKey: .accepted)
            try c.encode(s.lacking, forKey: .lacking)
            try c.encode(s.memoryBytes, forKey: .memoryBytes)
            try c.encode(s.generatedAt, forKey: .generatedAt)
            try c.encode(s.toolVersion, forKey: .toolVersion)
            try c.encode(s.level.rawValue, forKey: .level)
        }
    }

    struct JSONInstance: Encodable {
        var i: InstanceFacts

        init(_ i: InstanceFacts) { self.i = i }

        enum Key: String, CodingKey {
            case service, instance, captures, epochs
            case goroutinesFirst = "goroutines_first"
            case goroutinesLast = "goroutines_last"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(i.service, forKey: .service)
            try c.encode(i.instance, forKey: .instance)
            try c.encode(i.captures, forKey: .captures)
            try c.encode(i.epochs, forKey: .epochs)
            try c.encode(i.goroutinesFirst, forKey: .goroutinesFirst)
            try c.encode(i.goroutinesLast, forKey: .goroutinesLast)
        }
    }
}
