import Foundation
import Testing

/// `leaks`, `trends`, `show` and `diff` on the committed real series (3 instances, 6 minutes,
/// one restart), as a user or a CI job runs them.
@Suite("verdict commands on the sample series", .serialized)
struct VerdictCLITests {
    static let series = SeriesStore.series

    static func run(_ args: [String]) throws -> CLIRunner.Result { try SeriesStore.run(args) }

    struct Contract: Decodable {
        struct Location: Decodable { var function: String; var file: String; var line: Int }
        struct Instance: Decodable {
            var service: String
            var instance: String
            var verdict: String
            var confidence: Double
            var first_seen: String
            var last_seen: String
            var first_count: Int
            var last_count: Int
            var growth_per_hour: Double
            var snapshots: Int
            var survivors: Int?
            var oldest_wait_minutes: Int?
        }
        struct Leak: Decodable {
            var signature: String
            var verdict: String
            var reason: String
            var state: String
            var culprit: Location?
            var created_by: Location?
            var frames: [Location]
            var advice: String
            var instances: [Instance]
        }
        var leaks: [Leak]
    }

    struct GroundTruth: Decodable {
        struct Service: Decodable { var instances: [String: Instance] }
        struct Instance: Decodable { var leaks: [Leak] }
        struct Leak: Decodable { var function: String }
        var services: [String: Service]
    }

    @Test func leaksJSONNamesEveryTrueLeakOnItsInstancesAndNothingElse() throws {
        let r = try Self.run(["leaks", "--format", "json"])
        #expect(r.status == 0)
        let contract = try JSONDecoder().decode(Contract.self, from: Data(r.stdout.utf8))
        let truth = try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: Self.series.deletingLastPathComponent().appendingPathComponent("ground_truth.json")))
        var expected = Set<String>()
        for (name, instance) in truth.services["orders-api"]?.instances ?? [:] {
            for leak in instance.leaks { expected.insert("\(name) \(leak.function)") }
        }
        var flagged = Set<String>()
        for leak in contract.leaks {
            #expect(leak.signature.count == 16 && !leak.advice.isEmpty && !leak.frames.isEmpty)
            for i in leak.instances where i.verdict == "leak" { flagged.insert("\(i.instance) \(leak.culprit?.function ?? "?")") }
            #expect(leak.instances.allSatisfy { $0.last_seen.hasSuffix("Z") && $0.service == "orders-api" })
        }
        #expect(flagged == expected)
        #expect(contract.leaks.allSatisfy { $0.created_by != nil }, "tracebacks carry created-by")
    }

    @Test func failOnGivesCIAnExitStatus() throws {
        #expect(try Self.run(["leaks", "--fail-on", "leak"]).status == 1)
        #expect(try Self.run(["leaks"]).status == 0)
        let healthy = try Self.run(["leaks", "--instance", "inst-b", "--fail-on", "suspect", "--format", "json"])
        #expect(healthy.status == 0)
        #expect(try JSONDecoder().decode(Contract.self, from: Data(healthy.stdout.utf8)).leaks.isEmpty)
    }

    @Test func trendsListsHealthyShapesAsOK() throws {
        let r = try Self.run(["trends", "--format", "csv"])
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.count > 10)
        let pool = rows.filter { $0.contains("zoo.poolWorker") }
        #expect(!pool.isEmpty && pool.allSatisfy { $0.contains(",ok,") }, "\(pool)")
    }

    @Test func showExplainsOneSignatureByPrefix() throws {
        let r = try Self.run(["show", "758a9c"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("zoo.leakySend") && r.stdout.contains("inst-a") && r.stdout.contains("ctx.Done()"))
        #expect(try Self.run(["show", "ffffffffffffffff"]).status != 0)
    }

    @Test func diffShowsTheLeakGrowing() throws {
        let ids = try Self.run(["snapshots", "--format", "csv", "--instance", "inst-a"]).stdout
            .split(separator: "\n").dropFirst().filter { $0.contains("traceback") }.compactMap { $0.split(separator: ",").first.map(String.init) }
        let (first, last) = (try #require(ids.first), try #require(ids.last))
        let r = try Self.run(["diff", first, last, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("758a9c606b6c2653"))
    }
}
