import Foundation

extension ImportSummary.FileResult {
    /// The lines of one input: where each snapshot went and where its time came from, or that
    /// it was skipped or ignored (and why). A failure has none: it is an error of its own
    /// (``ImportFailure/description``).
    public var lines: [String] {
        switch outcome {
        case .imported(let snapshots):
            snapshots.map { s in
                "\(path): snapshot \(s.id), instance \(s.instance), \(TimeParser.rfc3339(milliseconds: s.time.unixMilliseconds)) "
                    + "(from \(s.timeSource.phrase)), \(s.goroutines) goroutines" + (s.issues > 0 ? ", \(s.issues) issues" : "")
            }
        case .skipped:
            ["\(path): skipped, already imported"]
        case .ignored(let why):
            ["\(path): ignored, \(why.reason)"]
        case .failed:
            []
        }
    }
}

extension ImportSummary {
    /// `3 files, 3 snapshots, 1200 goroutines, 40 new signatures, 0 skipped, 0 failed, 0.05 s, 12.3 MB/s`,
    /// then the files not tried and the files ignored, named (the first three).
    public var totals: String {
        "\(Self.plural(fileCount, "file")), \(Self.plural(snapshots, "snapshot")), \(Self.plural(goroutines, "goroutine")), "
            + "\(Self.plural(newSignatures, "new signature")), \(skipped) skipped, \(failures.count) failed, "
            + "\(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", megabytesPerSecond)) MB/s"
            + (notTried == 0 ? "" : "; \(Self.plural(notTried, "file")) not tried: the store's disk is full")
            + (ignored.isEmpty ? "" : "; ignored \(ignoredText)")
    }

    /// `1 file that is not a dump: a/README.md`, `5 files that are not dumps: a, b, c and 2 more`.
    var ignoredText: String {
        let names = ignored.prefix(3).map(\.path).joined(separator: ", ")
        let more = ignored.count > 3 ? " and \(ignored.count - 3) more" : ""
        return ignored.count == 1 ? "1 file that is not a dump: \(names)" : "\(ignored.count) files that are not dumps: \(names)\(more)"
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension ImportProgress {
    /// `importing 12/200 files, 45.1 MB, 230.5 MB/s`
    public var text: String {
        let mb = Double(bytes) / 1e6
        return "importing \(filesDone)/\(filesTotal) files, \(String(format: "%.1f", mb)) MB, "
            + "\(String(format: "%.1f", seconds > 0 ? mb / seconds : 0)) MB/s"
    }
}
