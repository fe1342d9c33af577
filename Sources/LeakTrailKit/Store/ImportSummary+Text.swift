import Foundation

extension ImportSummary {
    /// One line per input that was read (where its snapshots went, and where their time came
    /// from), then the totals. Failures are not repeated here: see ``failures``.
    public var text: String {
        var lines: [String] = []
        for file in files {
            switch file.outcome {
            case .imported(let snapshots):
                for s in snapshots {
                    lines.append("\(file.path): snapshot \(s.id), instance \(s.instance), \(TimeParser.rfc3339(milliseconds: s.time.unixMilliseconds)) "
                        + "(from \(s.timeSource.phrase)), \(s.goroutines) goroutines" + (s.issues > 0 ? ", \(s.issues) issues" : ""))
                }
            case .skipped:
                lines.append("\(file.path): skipped, already imported")
            case .failed, .ignored:
                continue
            }
        }
        lines.append(totals)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3 files, 3 snapshots, 1200 goroutines, 40 new signatures, 0 skipped, 0 failed, 0.05 s, 12.3 MB/s`
    public var totals: String {
        "\(fileCount) files, \(snapshots) snapshots, \(goroutines) goroutines, \(newSignatures) new signatures, "
            + "\(skipped) skipped, \(failures.count) failed, \(String(format: "%.2f", seconds)) s, "
            + "\(String(format: "%.1f", megabytesPerSecond)) MB/s"
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
