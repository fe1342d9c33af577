import Foundation

/// Validates JSON documents against a JSON Schema with a kept validator — Python's
/// `jsonschema` package (`.ci/run` installs it) — rather than a checker written here. The
/// SARIF 2.1.0 schema is read from `../shared/schemas/`, never copied into the repository.
public enum JSONSchemaCheck {
    /// `../shared/schemas/sarif-schema-2.1.0.json` beside the package.
    public static func sarifSchema(packageRoot: URL) -> URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
    }

    /// Python 3 with `jsonschema` importable.
    public static let validatorAvailable: Bool = (try? python(["-c", "import jsonschema"]).status) == 0

    /// CI must run the schema tests: there a missing validator or schema is a failure.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The schema's complaints about `document` (empty when it validates), one per line:
    /// `runs/0/results/2/level: 'fatal' is not one of […]`.
    public static func errors(in document: Data, schema: URL) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("leaktrail-schema-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        doc = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        for e in cls(schema).iter_errors(doc):
            print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        """
        let result = try python(["-c", script, schema.path, file.path])
        guard result.status == 0 else { throw SchemaCheckFailed(message: result.output) }
        return result.output.split(separator: "\n").map(String.init)
    }

    struct SchemaCheckFailed: Error { var message: String }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
