import ArgumentParser
import Foundation
import LeakTrailKit

/// `--fail-on leak,stuck` (or repeated): what a CI gate fails on.
struct FailOnArgument: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit 1 when a verdict of this kind is found: leak, stuck, suspect (comma-separated or repeated). Exits 5 instead of 0 when an instance had too little data to judge.",
        valueName: "kinds"))
    var raw: [String] = []

    func validate() throws {
        _ = try kinds()
    }

    func kinds() throws -> Set<FailOn> {
        var out: Set<FailOn> = []
        for word in raw.flatMap({ $0.split(separator: ",") }) {
            guard let k = FailOn(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--fail-on \(word): use leak, stuck or suspect (comma-separated).")
            }
            out.insert(k)
        }
        return out
    }

    /// Says why on stderr and exits per the README's table: 1 matched, 5 not enough data.
    func apply(_ analysis: LeakAnalysis) throws {
        try Self.conclude(analysis.gate(try kinds()))
    }

    /// Ends the command as a gate's outcome says (`compare` shares it).
    /// - Parameter blind: what to say when no instance is to blame.
    static func conclude(_ outcome: GateOutcome, blind: String = "no goroutine snapshots were selected") throws {
        switch outcome {
        case .pass: return
        case .matched: throw CommandFailure(.findings)
        case .notEnoughData(let lacking):
            let detail = lacking.isEmpty ? blind : lacking.map(CoverageText.lacking).joined(separator: "; ")
            throw CommandFailure(.notEnoughData, "--fail-on cannot pass on too little data: \(detail)")
        }
    }

    /// Notes on stderr for instances that were not judged (nothing when all were).
    static func noteCoverage(_ analysis: LeakAnalysis) {
        guard let line = CoverageText.summary(analysis.coverage) else { return }
        Diagnostics.note("leaktrail: \(line)")
        for c in analysis.lacking { Diagnostics.note("  \(CoverageText.lacking(c))") }
    }
}
