import Foundation

/// `trends` and `leaks` as rows for a table or CSV; `leaks --format json` is the contract
/// (``LeakReport``), `trends --format json` one object per signature.
public enum VerdictListings {
    /// Every signature: its series, slope and verdict.
    public static func trends(_ verdicts: [SignatureVerdict], histories: [SignatureHistory]) -> Listing {
        let bySignature = Dictionary(histories.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        let columns: [Listing.Column] = [
            .init("signature"), .init("verdict"), .init("reason", dropRank: 1), .init("instances", numeric: true),
            .init("goroutines", numeric: true), .init("per hour", numeric: true), .init("series", dropRank: 3),
            .init("state", fit: .text, dropRank: 2), .init("culprit", fit: .location),
        ]
        // Each signature's row and JSON object on every core: a store of thousands of
        // signatures writes millions of counts.
        let entries = ParallelMap.map(verdicts) { v -> (row: [String], json: String) in
            let top = v.instances.first
            let series = bySignature[v.signature]?.instances.first { $0.service == top?.service && $0.instance == top?.instance }
            let spark = series.map { Sparkline.render($0) } ?? ""
            let json = JSONText.object([
                ("signature", JSONText.string(v.signature.hex)), ("verdict", JSONText.string(v.verdict.rawValue)),
                ("reason", v.reason.map { JSONText.string($0.rawValue) } ?? "null"),
                ("confidence", number(v.confidence)), ("flagged_instances", String(v.flaggedInstances.count)),
                ("instances", String(v.instances.count)), ("goroutines", String(v.lastCount)),
                ("growth_per_hour", number(v.growthPerHour)), ("memory_bytes", String(v.memoryBytes)),
                ("basis", JSONText.string(v.basis.rawValue)),
                ("series", JSONText.integers((series?.epochs ?? []).map { $0.map(\.count) })),
                ("state", JSONText.string(v.state)), ("culprit", JSONText.string(v.culprit.map(location) ?? "")),
            ])
            let row = [v.signature.hex, v.verdict.rawValue, v.reason?.rawValue ?? "", "\(v.flaggedInstances.count)/\(v.instances.count)",
                       String(v.lastCount), number(v.growthPerHour), spark, v.state, v.culprit.map(location) ?? ""]
            return (row, json)
        }
        return Listing(columns: columns, rows: entries.map(\.row), json: JSONText.object([("trends", JSONText.array(entries.map(\.json)))]))
    }

    /// Flagged signatures only, most serious first; JSON is the documented contract. The
    /// `accepted` column holds the reason a list of known goroutines gives, if one accepts it.
    public static func leaks(_ analysis: LeakAnalysis) throws -> Listing {
        let flagged = analysis.flagged
        let columns: [Listing.Column] = [
            .init("signature"), .init("verdict"), .init("accepted", fit: .text, dropRank: 7), .init("reason", dropRank: 4),
            .init("basis", dropRank: 3), .init("confidence", numeric: true, dropRank: 5),
            .init("instances", fit: .text, dropRank: 8), .init("goroutines", numeric: true), .init("per hour", numeric: true),
            .init("in 24 h", numeric: true, dropRank: 2), .init("memory", numeric: true, dropRank: 2), .init("state", fit: .text, dropRank: 6),
            .init("culprit", fit: .location), .init("advice", fit: .text, dropRank: 1),
        ]
        let rows = flagged.map { v in
            [v.signature.hex, v.verdict.rawValue, v.accepted?.reason ?? "", v.reason?.rawValue ?? "", v.basis.rawValue, number(v.confidence),
             v.flaggedInstances.map(\.instance).joined(separator: ","), String(v.lastCount), number(v.growthPerHour),
             String(v.projectedIn24Hours), bytes(v.memoryBytes), v.state, v.culprit.map(location) ?? "", v.advice]
        }
        return Listing(columns: columns, rows: rows, json: try LeakReport(analysis).jsonText())
    }

    static func location(_ f: Frame) -> String { "\(f.function) \(f.file):\(f.line)" }

    /// Two decimals at most, no trailing zeros: `720`, `0.87`.
    static func number(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func bytes(_ n: Int) -> String {
        n >= 1 << 20 ? "\(n >> 20) MiB" : n >= 1 << 10 ? "\(n >> 10) KiB" : "\(n) B"
    }
}
