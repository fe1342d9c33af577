import Testing
@testable import LeakTrailKit

/// Splitting Go symbols into package path, receiver, name and closure suffix (FORMATS.md §4.1).
@Suite("Function names")
struct FunctionNameTests {
    @Test(arguments: [
        ("main.main", "main", nil, "main", nil),
        ("github.com/acme/pool.(*Pool).worker.func1", "github.com/acme/pool", "*Pool", "worker", "func1"),
        ("net/http.(*conn).serve", "net/http", "*conn", "serve", nil),
        ("example.com/app.Server.Run", "example.com/app", "Server", "Run", nil),
        ("gopkg.in/yaml%2ev2.handleErr", "gopkg.in/yaml%2ev2", nil, "handleErr", nil),
        ("main.genWait[...]", "main", nil, "genWait[...]", nil),
        ("main.(*GM[...]).Conv[...]", "main", "*GM[...]", "Conv[...]", nil),
        ("main.genWait[go.shape.struct { X int; Y int }]", "main", nil, "genWait[go.shape.struct { X int; Y int }]", nil),
        ("main.main.func2.gowrap1", "main", nil, "main", "func2.gowrap1"),
        ("main.init.0.func1", "main", nil, "init", "0.func1"),
        ("main.loop-range1", "main", nil, "loop", "-range1"),
        ("main.(*T).M-fm", "main", "*T", "M", "-fm"),
        ("panic", "", nil, "panic", nil),
    ] as [(String, String, String?, String, String?)])
    func splits(_ symbol: String, _ package: String, _ receiver: String?, _ name: String, _ closure: String?) {
        let f = FunctionName(symbol)
        #expect(f.packagePath == package, "\(symbol)")
        #expect(f.receiver == receiver, "\(symbol)")
        #expect(f.name == name, "\(symbol)")
        #expect(f.closure == closure, "\(symbol)")
    }

    @Test func standardLibraryAndUserCode() {
        #expect(FunctionName.isStandardLibrary("net/http.(*conn).serve"))
        #expect(FunctionName.isStandardLibrary("runtime.gopark"))
        #expect(FunctionName.isStandardLibrary("internal/poll.(*FD).Read"))
        #expect(!FunctionName.isStandardLibrary("main.main"))
        #expect(!FunctionName.isStandardLibrary("example.com/leakgen/zoo.leakySend"))
        #expect(!FunctionName.isStandardLibrary("acme/billing.Run", modules: ["acme"]))
        #expect(FunctionName.isStandardLibrary("acme/billing.Run"))
    }

    /// The documented signature must not drift: these ids are part of what users store and
    /// compare across machines (docs/signatures.md).
    @Test func signatureIDsAreStable() {
        let frames = [
            Frame(function: "runtime.gopark", file: "runtime/proc.go", line: 435),
            Frame(function: "runtime.chansend1", file: "runtime/chan.go", line: 146),
            Frame(function: "example.com/leakgen/zoo.leakySend", file: "example.com/leakgen/zoo/leak_send.go", line: 46),
            Frame(function: "runtime.goexit", file: "runtime/asm_amd64.s", line: 1700),
        ]
        let visibleOnly = [frames[2]]
        #expect(StackSignature.of(frames, level: .line) == StackSignature.of(visibleOnly, level: .line))
        #expect(StackSignature.of(frames, level: .line).hex == "\(Self.pinnedLine)")
        #expect(StackSignature.of(frames, level: .function).hex == "\(Self.pinnedFunction)")
        #expect(StackSignature.of(frames, level: .line) != StackSignature.of(frames, level: .function))
    }
    static let pinnedLine = "758a9c606b6c2653"
    static let pinnedFunction = "322ebaee126f5e22"
}
