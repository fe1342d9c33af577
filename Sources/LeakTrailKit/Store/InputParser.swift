import Foundation

/// Reads one input into a ``FileBatch`` on a parser thread: streams it through the parser
/// (hashing the bytes as they pass), then settles its instance and each snapshot's time.
enum InputParser {
    static let parseOptions = ParseOptions(keepArguments: false, keepAncestors: false)

    static func batch(_ path: String, options: ImportOptions, knownStacks: Set<UInt64>,
                      parsing: ParseOptions = parseOptions) -> Result<FileBatch, ImportFailure> {
        var sink = BatchingSink(knownStacks: knownStacks)
        let file: FileSource
        do {
            file = path == "-" ? FileSource(fileDescriptor: 0, name: "<stdin>") : try FileSource(path: path)
        } catch {
            return .failure(ImportFailure(path: path, reason: reason(error)))
        }
        let content: (hash: ContentHash, bytes: Int)
        do {
            defer { if path != "-" { file.close() } }
            content = try read(file, parsing, into: &sink)
        } catch {
            let notADump = if case DumpError.notADump = error { true } else { false }
            return .failure(ImportFailure(path: path, line: notADump ? 0 : sink.lastLine, reason: reason(error), notADump: notADump))
        }
        guard !sink.snapshots.isEmpty else {
            let why = sink.looseIssues.first.map { ": \($0)" } ?? ""
            return .failure(ImportFailure(path: path, line: sink.looseIssues.first?.line ?? 0, reason: "no goroutine dump found\(why)"))
        }
        let times = TimeResolver(path: path, options: options)
        let snapshots = sink.snapshots.map { s in
            let (time, source) = times.time(content: s.contentTime)
            return SnapshotBatch(format: s.format, profile: s.profile, startLine: s.startLine, time: time, timeSource: source,
                                 declaredTotal: s.declaredTotal, issues: s.issues, goroutineTotal: s.goroutineTotal,
                                 truncated: s.truncated, counts: s.counts, goroutines: s.goroutines)
        }
        let (service, instance) = labels(of: path, options)
        return .success(FileBatch(path: path, service: service, instance: instance,
                                  contentHash: content.hash, bytes: content.bytes,
                                  snapshots: snapshots, stacks: sink.stacks, looseIssues: sink.looseIssues))
    }

    /// The options, else a collect archive's path (``ArchiveLayout``), else the usual rule.
    static func labels(of path: String, _ options: ImportOptions) -> (service: String, instance: String) {
        let archived = path == "-" ? nil : ArchiveLayout.labels(of: path)
        return (options.serviceGiven ? options.service : archived?.service ?? options.service,
                options.instance ?? archived?.instance ?? instance(of: path, options))
    }

    /// Streams the input through the parser into `sink`; returns its content hash and size.
    private static func read(_ file: FileSource, _ parsing: ParseOptions, into sink: inout BatchingSink) throws -> (hash: ContentHash, bytes: Int) {
        if let size = PositionalFile.regularFileSize(file.fd), size >= 2 * parsing.chunkSize, lseek(file.fd, 0, SEEK_CUR) == 0 {
            return try readLarge(file, parsing, into: &sink)
        }
        let hashing = HashingSource(file)
        try DumpReader.read(hashing, options: parsing, into: &sink)
        try hashing.drain()
        return (hashing.hasher.finish(), hashing.bytesRead)
    }

    /// A large regular file is hashed on a thread of its own while ``DumpReader`` parses it
    /// (on every core, when it is a plain traceback): the hash must see the bytes in order,
    /// which the parser threads do not.
    private static func readLarge(_ file: FileSource, _ parsing: ParseOptions, into sink: inout BatchingSink) throws -> (hash: ContentHash, bytes: Int) {
        let hashed = Locked<Result<(hash: ContentHash, bytes: Int), Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let (fd, path) = (file.fd, file.path)
        let hasher = Thread {
            hashed.withLock { $0 = Result { try ContentHash.of(fileDescriptor: fd, path: path) } }
            done.signal()
        }
        hasher.start()
        let parsed = Result { try DumpReader.read(file: file, options: parsing, into: &sink) }
        done.wait()  // before the caller closes the file
        _ = try parsed.get()
        return try hashed.withLock { $0! }.get()
    }

    /// `--instance`, else the file's parent directory name (`stdin` for standard input).
    static func instance(of path: String, _ options: ImportOptions) -> String {
        if let i = options.instance { return i }
        if path == "-" { return "stdin" }
        let parent = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    static func reason(_ error: Error) -> String { String(describing: error) }
}

/// Picks a snapshot's time: `--at`, else the file name, else the content, else the file's
/// modification time (standard input falls back to the import clock).
struct TimeResolver {
    let at: Date?
    let fromName: Date?
    let modified: Date?
    let now: Date

    init(path: String, options: ImportOptions) {
        at = options.at
        fromName = path == "-" ? nil : TimeParser.time(inFileName: path)
        modified = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        now = options.now
    }

    func time(content: Date?) -> (Date, TimeSource) {
        if let at { return (at, .option) }
        if let fromName { return (fromName, .fileName) }
        if let content { return (content, .content) }
        if let modified { return (modified, .modificationTime) }
        return (now, .clock)
    }
}
