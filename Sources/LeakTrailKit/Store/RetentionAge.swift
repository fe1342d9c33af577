import Foundation

/// `30d`, `12h`, `90m`, `2w`: how old a snapshot may be before `prune` removes it.
public enum RetentionAge {
    /// Seconds, or nil when `text` is not a whole number followed by m, h, d or w.
    public static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "m": return TimeInterval(n) * 60
        case "h": return TimeInterval(n) * 3600
        case "d": return TimeInterval(n) * 86_400
        case "w": return TimeInterval(n) * 7 * 86_400
        default: return nil
        }
    }
}
