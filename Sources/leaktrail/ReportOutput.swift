import ArgumentParser
import Foundation
import LeakTrailKit

extension LeakReportFormat: ExpressibleByArgument {}

/// Where a report goes (a file, or standard output) and in which format: `--format`, else
/// the file's extension, else HTML. An extension that says another format than `--format`,
/// or one that says none, is refused rather than written wrong.
enum ReportOutput {
    static let extensions: [String: LeakReportFormat] = ["html": .html, "htm": .html, "md": .markdown, "markdown": .markdown, "json": .json]

    static func format(_ explicit: LeakReportFormat?, output: String?) throws -> LeakReportFormat {
        guard let output else { return explicit ?? .html }
        let ext = (output as NSString).pathExtension.lowercased()
        let implied = extensions[ext]
        if let explicit, let implied, implied != explicit {
            throw ValidationError("-o \(output) names a \(implied.rawValue) file but --format is \(explicit.rawValue): make them agree.")
        }
        if explicit == nil, !ext.isEmpty, implied == nil {
            throw ValidationError("-o \(output): .\(ext) is not a report format; name the file .html, .md or .json, or give --format html|markdown|json.")
        }
        return explicit ?? implied ?? .html
    }

    /// Refuses a file that cannot be written before any work is done.
    static func checkWritable(_ output: String?) throws {
        guard let output else { return }
        let directory = (output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty && !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("-o \(output): the directory \(directory) does not exist.")
        }
    }

    static func write(_ text: String, to path: String?) throws {
        guard let path else { return print(text, terminator: "") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(.usage, "cannot write the report to \(path): \(error.localizedDescription); give -o a path that can be written")
        }
    }
}
