import Foundation
import LeakTrailTestSupport
import Testing
@testable import LeakTrailKit

/// `collect`'s inputs: target specs, file_sd files, header files, durations, proxies.
@Suite struct CollectTargetTests {
    @Test func aBareURLBelongsToTheDefaultServiceAndItsHostPort() throws {
        let t = try CollectTarget.parse("http://10.0.0.5:6060", defaultService: "checkout")
        #expect(t.service == "checkout" && t.instance == "10.0.0.5:6060")
        let https = try CollectTarget.parse("https://pprof.internal", defaultService: "default")
        #expect(https.instance == "pprof.internal:443")
    }

    @Test func labelsNameServiceAndInstance() throws {
        let t = try CollectTarget.parse("checkout/pod-1=http://10.0.0.5:6060/internal?x=1", defaultService: "default")
        #expect(t.service == "checkout" && t.instance == "pod-1")
        #expect(t.url.absoluteString == "http://10.0.0.5:6060/internal?x=1")
    }

    static let badSpecs: [(String, String)] = [
        ("10.0.0.5:6060", "is not a URL"),
        ("ftp://host:21", "must be http or https"),
        ("http://user:secret@host:6060", "put them in a --header-file"),
        ("checkout=http://host:6060", "must be service/instance"),
        ("checkout/=http://host:6060", "must be service/instance"),
        ("/pod=http://host:6060", "must be service/instance"),
    ]

    @Test(arguments: badSpecs) func badSpecsSayWhatToWrite(spec: String, message: String) {
        #expect {
            try CollectTarget.parse(spec, defaultService: "default")
        } throws: { error in
            let text = "\(error)"
            return text.contains(message) && !text.contains("secret")
        }
    }

    @Test func theCapturePathIsAppendedUnlessTheURLNamesAPprofEndpoint() throws {
        let base = try CollectTarget.parse("a/b=http://h:6060", defaultService: "d")
        #expect(base.requestURL(for: .debug2).absoluteString == "http://h:6060/debug/pprof/goroutine?debug=2")
        #expect(base.requestURL(for: .debug1).absoluteString == "http://h:6060/debug/pprof/goroutine?debug=1")
        #expect(base.requestURL(for: .proto).absoluteString == "http://h:6060/debug/pprof/goroutine")
        #expect(base.requestURL(for: .goroutineleak).absoluteString == "http://h:6060/debug/pprof/goroutineleak?debug=2")
        let prefixed = try CollectTarget.parse("a/b=http://h:6060/internal/", defaultService: "d")
        #expect(prefixed.requestURL(for: .debug2).absoluteString == "http://h:6060/internal/debug/pprof/goroutine?debug=2")
        let full = try CollectTarget.parse("a/b=http://h:6060/debug/pprof/goroutine?debug=1", defaultService: "d")
        #expect(full.requestURL(for: .debug2) == full.url)
    }

    @Test func twoTargetsOfOneSeriesAreFound() throws {
        let a = try CollectTarget.parse("s/i=http://a:1", defaultService: "d")
        let b = try CollectTarget.parse("s/i=http://b:1", defaultService: "d")
        let c = try CollectTarget.parse("s/j=http://b:1", defaultService: "d")
        #expect([a, c].duplicateSeries() == nil)
        #expect([a, c, b].duplicateSeries().map { [$0.0, $0.1] } == [a, b])
    }

    @Test func fileSDInJSONAndYAML() throws {
        let dir = try ScratchDirectory.make("leaktrail-collect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("targets.json")
        try Data("""
            [{"targets": ["10.0.0.5:6060", "10.0.0.6:6060"], "labels": {"job": "checkout"}},
             {"targets": ["pprof.internal:8443"], "labels": {"service": "search", "instance": "s-1", "__scheme__": "https"}},
             {"targets": ["http://10.0.0.7:6060/internal"]}]
            """.utf8).write(to: json)
        let fromJSON = try TargetFile.read(json.path, defaultService: "default")
        #expect(fromJSON.map(\.description) == [
            "checkout/10.0.0.5:6060=http://10.0.0.5:6060", "checkout/10.0.0.6:6060=http://10.0.0.6:6060",
            "search/s-1=https://pprof.internal:8443", "default/10.0.0.7:6060=http://10.0.0.7:6060/internal",
        ])
        let yaml = dir.appendingPathComponent("targets.yml")
        try Data("""
            # written by service discovery
            - targets: ["10.0.0.5:6060", "10.0.0.6:6060"]
              labels:
                job: checkout
            - targets:
                - pprof.internal:8443
              labels: {service: search, instance: s-1, __scheme__: https}
            - targets: [http://10.0.0.7:6060/internal]
            """.utf8).write(to: yaml)
        #expect(try TargetFile.read(yaml.path, defaultService: "default") == fromJSON)
    }

    static let badFiles: [(String, String, String)] = [
        ("t.json", #"{"targets": ["a:1"]}"#, "is not a file_sd target list"),
        ("t.json", #"[{"labels": {}}]"#, "targets"),
        ("t.yaml", "- targets: [a:1]\n  labels: [oops]\n", "is not a file_sd target list"),
        ("t.json", #"[{"targets": ["a b:1"]}]"#, "group 1"),
        ("t.json", #"[{"targets": ["a:1", "b:1"], "labels": {"instance": "x"}}]"#, "are both default/x"),
    ]

    @Test(arguments: badFiles) func badTargetFilesNameTheFileAndTheProblem(name: String, text: String, message: String) throws {
        let dir = try ScratchDirectory.make("leaktrail-collect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        #expect {
            try TargetFile.read(file.path, defaultService: "default")
        } throws: { error in
            "\(error)".contains(file.path) && "\(error)".contains(message)
        }
    }

    @Test func headerFilesKeepValuesOutOfEveryMessage() throws {
        let dir = try ScratchDirectory.make("leaktrail-collect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("h.txt")
        try Data("# token for pprof\nAuthorization: Bearer tok-123:456\n\nX-Tenant:  blue \n".utf8).write(to: good)
        #expect(try HeaderFile.read(good.path) == [HeaderField(name: "Authorization", value: "Bearer tok-123:456"),
                                                   HeaderField(name: "X-Tenant", value: "blue")])
        for (text, message) in [("Bearer tok-123\n", ":2: expected"), ("tok 123:456\n", "not a header name"),
                                ("Host: tok-123\n", "set by leaktrail"), ("Bad Name: tok-123\n", "not a header name")] {
            try Data("# first line\n\(text)".utf8).write(to: good)
            #expect {
                try HeaderFile.read(good.path)
            } throws: { error in
                "\(error)".contains(message) && !"\(error)".contains("tok-123") && !"\(error)".contains("456")
            }
        }
    }

    @Test func durationsReadGoSyntax() {
        #expect(DurationText.seconds("30s") == 30)
        #expect(DurationText.seconds("1m30s") == 90)
        #expect(DurationText.seconds("2h") == 7200)
        #expect(DurationText.seconds("500ms") == 0.5)
        #expect(DurationText.seconds("1.5m") == 90)
        #expect(DurationText.seconds("45") == 45)
        for bad in ["", "10x", "s", "-5", "1d", "m5"] { #expect(DurationText.seconds(bad) == nil, "\(bad)") }
    }

    @Test func proxiesComeFromTheEnvironmentAsCurlReadsThem() throws {
        let env = try ProxyEnvironment(environment: [
            "http_proxy": "proxy.corp:3128", "HTTPS_PROXY": "http://u%40corp:p%3Ass@secure.corp:8080",
            "no_proxy": "localhost, .internal,10.0.0.0/8,pprof.local:6060",
        ])
        func proxy(_ url: String) -> String? { env.server(for: URL(string: url)!).map { "\($0.host):\($0.port)" } }
        #expect(proxy("http://api.example:6060") == "proxy.corp:3128")
        #expect(proxy("https://api.example:6060") == "secure.corp:8080")
        #expect(env.https?.user == "u@corp" && env.https?.password == "p:ss")
        for direct in ["http://localhost:6060", "http://a.internal:1", "http://internal:1", "http://10.1.2.3:6060", "http://pprof.local:1"] {
            #expect(proxy(direct) == nil, "\(direct)")
        }
        #expect(proxy("http://11.0.0.1:6060") == "proxy.corp:3128")
        #expect(proxy("http://notinternal:1") == "proxy.corp:3128")
        let all = try ProxyEnvironment(environment: ["http_proxy": "http://p:1", "NO_PROXY": "*"])
        #expect(all.server(for: URL(string: "http://anything:1")!) == nil)
        #expect(try ProxyEnvironment(environment: [:]) == .none)
        #expect(throws: CollectSetupError.self) { try ProxyEnvironment(environment: ["https_proxy": "ftp://p:1"]) }
        #expect(throws: CollectSetupError.self) { try ProxyEnvironment(environment: ["http_proxy": "socks5://u:p@p:1"]) }
        #expect(try ProxyEnvironment(environment: ["http_proxy": "socks5://p"]).http?.socks == true)
    }
}
