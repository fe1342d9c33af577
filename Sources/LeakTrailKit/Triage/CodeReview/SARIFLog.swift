/// The part of SARIF 2.1.0 (OASIS) that leaktrail writes: one run, its rules, its results.
/// Property names are SARIF's own (camelCase); optional members left nil are not written.
/// Code scanning services read this shape (docs/ci.md).
struct SARIFLog: Encodable {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    var schema = schemaURI
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: ArtifactLocation]?
        var results: [Result]
        var properties: JSONValue?
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var semanticVersion: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: Tags
    }

    struct Configuration: Encodable { var level: String }
    struct Tags: Encodable { var tags: [String] }

    struct Message: Encodable {
        var text: String
        init(_ text: String) { self.text = text }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var stacks: [Stack]
        var suppressions: [Suppression]?
        var properties: JSONValue
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable { var startLine: Int }

    struct LogicalLocation: Encodable {
        var fullyQualifiedName: String
        var kind: String
    }

    struct Stack: Encodable {
        var message: Message
        var frames: [StackFrame]
    }

    struct StackFrame: Encodable { var location: Location }

    /// An accepted finding: still reported, marked as reviewed and accepted.
    struct Suppression: Encodable {
        var kind = "external"
        var status = "accepted"
        var justification: String
        var location: Location?
    }
}
