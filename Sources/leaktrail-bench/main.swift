// leaktrail-bench: prints speed and memory figures; targets live here, not in timed tests.
// Usage: swift build -c release && .build/release/leaktrail-bench [parse|formats|import|analysis|collect|fleet|all] [options]
// (the start-up and whole-process figures time the release `leaktrail` beside it, which on
// Linux carries the Swift runtime inside: see Package.swift).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
let rest = Array(arguments.dropFirst())
switch which {
case "parse": runParseBench(rest)
case "import": runImportBench(rest)
case "analysis": runAnalysisBench(rest)
case "formats": runFormatsBench(rest)
case "collect": runCollectBench(rest)
case "fleet": runFleetBench(rest)
case "parse-once": parseOnce(rest)
case "import-once": importOnce(rest)
case "all":
    runParseBench(rest)
    runFormatsBench(rest)
    runImportBench(rest)
    runAnalysisBench(rest)
default:
    FileHandle.standardError.write("usage: leaktrail-bench [parse|formats|import|analysis|collect|fleet|all] | parse-once FILE [THREADS] | import-once FILE\n".data(using: .utf8)!)
    exit(2)
}
