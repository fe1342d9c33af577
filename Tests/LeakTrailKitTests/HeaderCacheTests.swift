import Foundation
import Testing
@testable import LeakTrailKit

/// A header served from the cache must be the header parsed afresh, for every header text the
/// committed dumps and the corpus hold, under another id too.
@Suite("Header cache")
struct HeaderCacheTests {
    /// Every line of the committed dumps (and the corpus) that starts with a goroutine header,
    /// plus spellings the dumps lack: cut, glued to log text, with `gp=` fields and labels.
    static let headers: [String] = {
        var roots = [Fixtures.sampleTraces]
        if Fixtures.corpusPresent { roots.append(Fixtures.corpus) }
        var seen = Set<String>()
        for root in roots {
            for path in Fixtures.files(under: root, where: { $0.hasSuffix(".txt") || $0.hasSuffix(".log") }) {
                guard let text = try? String(contentsOfFile: path, encoding: .isoLatin1) else { continue }
                text.enumerateLines { line, _ in if line.hasPrefix("goroutine ") { seen.insert(line) } }
            }
        }
        return seen.sorted() + [
            "goroutine 8 [", "goroutine 9 [chan receive", "goroutine 10 [select, 3 minutes, locked to thread]:",
            "goroutine 11 gp=0xc000007c00 m=3 mp=0xc000100008 [running]:", "goroutine 12 [sleep (leaked)]: {a: b}",
            "goroutine 123456789012345678901234 [running]:", "goroutine 13 [running] labels:{\"k\": \"v]\"}]:",
        ]
    }()

    @Test("every header reads the same from the cache as parsed afresh")
    func sameAsParsed() {
        var cache = HeaderCache()
        var (cacheStates, freshStates) = (StateTable(), StateTable())
        #expect(Self.headers.count > 100)
        for round in 0..<2 {
            for header in Self.headers {
                // The second round reads every header again under another id: from the cache.
                let text = round == 0 ? header : header.replacingOccurrences(of: #"^goroutine \d+"#, with: "goroutine 4242", options: .regularExpression)
                let bytes = Array(text.utf8)
                let (cached, fresh) = bytes.withUnsafeBytes { line in
                    (cache.parse(line, at: 0, states: &cacheStates), TracebackHeader.parse(line, at: 0, states: &freshStates))
                }
                #expect(cached?.header == fresh?.header && cached?.complete == fresh?.complete, "\(text)")
            }
        }
    }
}
