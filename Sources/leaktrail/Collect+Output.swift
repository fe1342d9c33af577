import Foundation
import LeakTrailKit

/// What `collect` shows while it runs, all on stderr: each failed capture as an error line
/// (target, URL, reason — never a header), target-file news, and on a terminal a status line
/// redrawn at most ten times a second.
final class CollectOutput: Sendable {
    private let terminal = Terminal.isTerminal(.standardError)
    private let lastDraw = Box<Double>()

    func report(_ event: CollectEvent, _ status: CollectStatus) {
        switch event {
        case .captured:
            break
        case .failed(let failure):
            line { Diagnostics.error("capture of \(failure.description)") }
        case .targetsReloaded(let count, let added, let removed):
            line { Diagnostics.note("leaktrail: targets file changed: \(count) targets (\(added) added, \(removed) removed)") }
        case .targetsFileProblem(let problem):
            line { Diagnostics.error(problem) }
        }
        draw(status)
    }

    /// Erases the status line before the summary is printed.
    func finish() {
        if terminal { write("\r\u{1B}[K") }
    }

    /// A line said in the shared style (``Diagnostics``), over the status line if one is drawn.
    private func line(_ say: () -> Void) {
        if terminal { write("\r\u{1B}[K") }
        say()
        lastDraw.value = 0
    }

    private func draw(_ status: CollectStatus) {
        guard terminal else { return }
        let now = Date().timeIntervalSince1970
        if now - (lastDraw.value ?? 0) < 0.1 { return }
        lastDraw.value = now
        write("\r\u{1B}[K\(Self.fitted(status.text))")
    }

    /// The line cut to the terminal's width: a wrapped line could not be redrawn in place.
    private static func fitted(_ text: String) -> String {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1, text.count >= Int(size.ws_col) else { return text }
        return String(text.prefix(Int(size.ws_col) - 2)) + "…"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
