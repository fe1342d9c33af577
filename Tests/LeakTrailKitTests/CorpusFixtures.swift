import Foundation

/// Paths of the shared corpus and the committed samples, found from this source file so that
/// tests run from any working directory. The corpus lives beside the project (`../shared`);
/// tests that need it are skipped, visibly, when it is absent.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let sampleTraces = packageRoot.appendingPathComponent("SampleTraces")
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Every file below `root` (recursively), sorted, as paths.
    static func files(under root: URL, where keep: (String) -> Bool = { _ in true }) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return e.compactMap { $0 as? String }
            .map { root.appendingPathComponent($0).path }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
            .filter(keep).sorted()
    }

    /// Traceback-family text files of the corpus: not count profiles, protobufs, JSON
    /// wrappers (test2json) or the peer parser's golden answers.
    static func corpusTracebackFiles() -> [String] {
        files(under: corpus) { path in
            guard path.hasSuffix(".txt") || path.hasSuffix(".log") || path.hasSuffix(".xz") == false && !path.contains(".") else { return false }
            if path.hasSuffix(".golden.json") || path.contains("debug1") || path.contains("threadcreate") { return false }
            if path.contains("/go-junit-report/") || path.contains("/gotestsum/") || path.contains("test2json") { return false }
            guard let text = try? String(contentsOfFile: path, encoding: .isoLatin1) else { return false }
            return !text.hasPrefix("{") && text.contains("goroutine ")
        }
    }

    /// Counts goroutine headers the simplest independent way: a line that starts (after
    /// spaces) with `goroutine N [` or `goroutine N gp=…[`, or one glued to the end of a log
    /// line and closing with `]:`.
    static func independentHeaderCount(_ text: String) -> Int {
        let atStart = try! NSRegularExpression(pattern: #"^ *goroutine \d+ (gp=0x[0-9a-f]+ m=(\d+|nil)( mp=0x[0-9a-f]+)? )?\["#)
        let glued = try! NSRegularExpression(pattern: #"\Sgoroutine \d+ \[[^\]]*\]:$"#)
        var n = 0
        text.enumerateLines { line, _ in
            let l = line.hasSuffix("\r") ? String(line.dropLast()) : line
            let r = NSRange(l.startIndex..., in: l)
            if atStart.firstMatch(in: l, range: r) != nil || glued.firstMatch(in: l, range: r) != nil { n += 1 }
        }
        return n
    }
}
