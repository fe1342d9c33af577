/// The rule a finding is reported under in code review tools: one per verdict and blocking
/// class (`leak/chan-send`, `stuck/sync-mutex`), or per catalogued standard-library leak
/// (`leak/net/http.response-body`), so a reviewer can triage a whole class at once and its
/// help text is the class's advice.
struct FindingRule: Hashable, Comparable {
    var id: String
    /// `GoroutineLeakChanSend`.
    var name: String
    var title: String
    var advice: String
    var level: String

    init(_ v: SignatureVerdict) {
        let verdict = v.verdict.rawValue
        if let known = v.knownLeak {
            id = "\(verdict)/\(known.id)"
            title = known.title
            advice = known.advice
        } else {
            id = "\(verdict)/\(Self.slug(v.blocking.rawValue))"
            title = "\(Self.verdictTitle(v.verdict)), blocked on \(v.blocking.rawValue)"
            advice = v.blocking.advice
        }
        name = Self.pascal("goroutine \(verdict) " + (v.knownLeak?.id ?? v.blocking.rawValue))
        level = v.verdict == .suspect ? "warning" : "error"
    }

    static func verdictTitle(_ v: Verdict) -> String {
        switch v {
        case .leak: return "Goroutines leak"
        case .stuck: return "Goroutines stuck for good (a deadlock)"
        case .suspect: return "Goroutines may leak"
        case .ok: return "Goroutines"
        }
    }

    /// `chan receive (nil chan)` → `chan-receive-nil-chan`.
    static func slug(_ s: String) -> String {
        let words = s.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "." }
        return words.joined(separator: "-")
    }

    static func pascal(_ s: String) -> String {
        s.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func < (a: Self, b: Self) -> Bool { a.id < b.id }
}
