/// Recognises dumps inside logs from the head of an input: the first line that starts a dump
/// (a goroutine header or a count-profile header) decides. If it came after a log prefix or
/// inside a JSON message, the input is a log; if it stood bare, it is a plain dump.
enum LogSniffer {
    struct Finding {
        var format: SniffedFormat?
        /// Lines with a log prefix, and JSON objects, seen before deciding (for "looked like").
        var prefixedLines = 0
        var jsonLines = 0
        var lines = 0
    }

    static func sniff(_ head: UnsafeRawBufferPointer) -> Finding {
        var finding = Finding()
        // Sniffing asks only whether lines carry a log prefix, which no zone changes: UTC
        // spares reading the system's zone database at every start.
        let context = LogLinePrefix.Context(zone: .gmt, now: .init())
        var start = 0
        while start < head.count {
            // The head may end mid-line; a cut JSON object cannot be decoded, a cut prefix still can.
            let nl = LineBytes.firstIndex(of: 0x0A, in: head, from: start)
            let end = nl ?? head.count
            var line = LineBytes.slice(head, start..<end)
            if line.last == 0x0D { line = LineBytes.slice(line, 0..<(line.count - 1)) }
            start = end + 1
            finding.lines += 1
            if JSONLogLine.looksLikeJSON(line) {
                guard nl != nil, let json = JSONLogLine(line, zone: context.zone) else { continue }
                finding.jsonLines += 1
                if messageStartsDump(json.message) { finding.format = .jsonLog; return finding }
                continue
            }
            if let prefix = LogLinePrefix.match(line, context) {
                finding.prefixedLines += 1
                if startsDump(LineBytes.slice(line, prefix.contentStart..<line.count)) {
                    finding.format = .prefixedLog
                    return finding
                }
            } else if startsDump(line) {
                return finding
            }
        }
        return finding
    }

    /// `goroutine 1 [running]:` (also after indentation) or `goroutine profile: total 41`.
    static func startsDump(_ text: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < text.count && (text[i] == LineBytes.space || text[i] == LineBytes.tab) { i += 1 }
        return TracebackHeader.startsHeader(text, at: i) || CountProfileHeader(text) != nil
    }

    private static func messageStartsDump(_ message: String) -> Bool {
        let bytes = Array(message.utf8)
        return bytes.withUnsafeBytes { text in
            var start = 0
            while start < text.count {
                let end = LineBytes.firstIndex(of: 0x0A, in: text, from: start) ?? text.count
                if startsDump(LineBytes.slice(text, start..<end)) { return true }
                start = end + 1
            }
            return false
        }
    }
}
