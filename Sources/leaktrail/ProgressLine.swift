import Foundation
import LeakTrailKit

/// The one-line progress display on stderr, redrawn in place; only when stderr is a terminal.
struct ProgressLine {
    var enabled: Bool

    func show(_ progress: ImportProgress) {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K\(progress.text)".utf8)) }
    }

    /// Erases the line, so that what is printed next starts at the margin.
    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
