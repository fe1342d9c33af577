import Foundation

extension ImportSummary.FileResult {
    /// The summary lines of one input that was read: where each snapshot went and where its
    /// time came from, or that it was skipped. Failures and ignored files have none: they go
    /// to stderr (``ImportFailure/description``).
    public var lines: [String] {
        switch outcome {
        case .imported(let snapshots):
            snapshots.map { s in
                "\(path): snapshot \(s.id), instance \(s.instance), \(TimeParser.rfc3339(milliseconds: s.time.unixMilliseconds)) "
                    + "(from \(s.timeSource.phrase)), \(s.goroutines) goroutines" + (s.issues > 0 ? ", \(s.issues) issues" : "")
            }
        case .skipped:
            ["\(path): skipped, already imported"]
        case .failed, .ignored:
            []
        }
    }
}

extension ImportSummary {
    /// `3 files, 3 snapshots, 1200 goroutines, 40 new signatures, 0 skipped, 0 failed, 0.05 s, 12.3 MB/s`
    public var totals: String {
        "\(fileCount) files, \(snapshots) snapshots, \(goroutines) goroutines, \(newSignatures) new signatures, "
            + "\(skipped) skipped, \(failures.count) failed, \(String(format: "%.2f", seconds)) s, "
            + "\(String(format: "%.1f", megabytesPerSecond)) MB/s"
            + (notTried == 0 ? "" : "; \(notTried) files not tried: the store's disk is full")
            + (ignored.isEmpty ? "" : "; \(ignored.count) files in directories were not dumps and were ignored")
    }
}

extension ImportProgress {
    /// `importing 12/200 files, 45.1 MB, 230.5 MB/s`
    public var text: String {
        let mb = Double(bytes) / 1e6
        return "importing \(filesDone)/\(filesTotal) files, \(String(format: "%.1f", mb)) MB, "
            + "\(String(format: "%.1f", seconds > 0 ? mb / seconds : 0)) MB/s"
    }
}
