/// Renders a ``ParseReport`` for a terminal: one block per group, the stack with the
/// program's own frames in full and runtime/standard-library frames muted, so the eye lands
/// on the code the reader owns.
public struct ParseTableRenderer {
    public var style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ report: ParseReport) -> String {
        var out = ""
        for snapshot in report.snapshots {
            out += style.bold("\(snapshot.source)") + " — \(snapshot.format)"
            if snapshot.profile != "goroutine" { out += " (\(snapshot.profile))" }
            out += ", \(snapshot.goroutineCount) goroutines in \(snapshot.groups.count) groups\n"
            for issue in snapshot.issues {
                out += style.warning("  ! line \(issue.line): \(issue.message)") + (issue.text.isEmpty ? "" : ": \"\(issue.text)\"") + "\n"
            }
            for group in snapshot.groups { out += render(group) }
            out += "\n"
        }
        return out
    }

    func render(_ g: ParseReport.Group) -> String {
        var head = "\n" + style.bold(String(g.count).leftPadded(to: 7)) + "  \(g.state.isEmpty ? "?" : g.state)"
        if let w = g.waitMinutes { head += w.min == w.max ? ", \(w.min) min" : ", \(w.min)–\(w.max) min" }
        if g.leaked > 0 { head += style.warning(", \(g.leaked) leaked") }
        head += "  " + style.muted("sig \(g.signature)") + "\n"
        var body = ""
        for f in g.frames {
            let text = "         \(f.function)  \(f.file):\(f.line)"
            body += (FunctionName.isStandardLibrary(f.function) ? style.muted(text) : text) + "\n"
        }
        if let c = g.createdBy {
            body += style.muted("         created by \(c.function)  \(c.file):\(c.line)") + "\n"
        }
        return head + body
    }
}

/// ANSI styling that is on only for a terminal without `NO_COLOR`; the front end decides.
public struct TerminalStyle: Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    public func muted(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    public func warning(_ s: String) -> String { colour ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
    public func alert(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
