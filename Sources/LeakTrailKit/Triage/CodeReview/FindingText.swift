/// One finding in a sentence or two, for code review tools that show a message and little
/// else: what, where, how fast, on which instances — then the advice.
enum FindingText {
    /// `Goroutine leak in zoo.leakySend, blocked on chan send: +2,520/h, 215 now, on orders-api/inst-a and orders-api/inst-c. Nobody receives …`
    static func message(_ v: SignatureVerdict) -> String {
        "\(headline(v)). \(v.advice)"
    }

    static func headline(_ v: SignatureVerdict) -> String {
        let what: String
        switch v.verdict {
        case .leak: what = "Goroutine leak"
        case .stuck: what = "Goroutines stuck for good"
        case .suspect: what = "Possible goroutine leak"
        case .ok: what = "Goroutines"
        }
        let place = v.knownLeak?.title ?? v.culprit.map { ReportFormat.shortFunction($0.function) } ?? v.signature.hex
        let instances = v.flaggedInstances.map { "\($0.service)/\($0.instance)" }
        var text = "\(what) in \(place), blocked on \(v.blocking.rawValue): "
        text += v.verdict == .stuck ? "\(ReportFormat.count(v.lastCount)) goroutines" : "\(ReportFormat.rate(v.growthPerHour)), \(ReportFormat.count(v.lastCount)) now"
        text += instances.isEmpty ? "" : ", on " + list(instances)
        return text + " (signature \(v.signature.hex))"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
