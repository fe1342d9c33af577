/// Marks what the list accepts, on the values every command prints: an analysis (for `leaks`
/// and the gate), a report document, a single verdict (`show`).
extension KnownGoroutines {
    public func apply(to v: SignatureVerdict, on today: CalendarDay) -> SignatureVerdict {
        var out = v
        out.accepted = acceptance(for: v, on: today)
        return out
    }

    public func apply(to analysis: LeakAnalysis, on today: CalendarDay) -> LeakAnalysis {
        LeakAnalysis(verdicts: analysis.verdicts.map { apply(to: $0, on: today) }, coverage: analysis.coverage)
    }

    public func apply(to doc: LeakReportDocument, on today: CalendarDay) -> LeakReportDocument {
        var out = doc
        out.verdicts = doc.verdicts.map { apply(to: $0, on: today) }
        out.findings = doc.findings.map { f in
            var f = f
            f.verdict = apply(to: f.verdict, on: today)
            return f
        }
        out.summary.accepted = out.findings.filter { $0.verdict.accepted != nil }.count
        return out
    }
}
