import ArgumentParser
import Dispatch
import Foundation
import LeakTrailKit

/// `collect`'s options turned into the library's, and the run itself: signals in, events out.
enum CollectSetup {
    /// The options and targets, or a usage error (exit 2) that says what to fix.
    static func resolve(_ c: Collect) throws -> (CollectOptions, TargetSource) {
        do {
            return try (options(c), source(c))
        } catch let error as CollectSetupError {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    private static func options(_ c: Collect) throws -> CollectOptions {
        var o = CollectOptions()
        o.every = try duration(c.every, "--every", minimum: 0.1)
        o.timeout = try duration(c.timeout, "--timeout", minimum: 0.1)
        o.limit = try limit(c)
        guard let capture = CaptureKind(rawValue: c.capture) else {
            throw CollectSetupError("--capture \(c.capture) is not one of: \(CaptureKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        o.capture = capture
        guard c.concurrency >= 1 else { throw CollectSetupError("--concurrency must be at least 1") }
        guard ["text", "json"].contains(c.format) else { throw CollectSetupError("--format \(c.format) is not one of: text, json") }
        o.concurrency = c.concurrency
        o.archive = c.archive
        o.tls = CollectTLS(caFile: c.ca, certificateFile: c.cert, keyFile: c.key)
        o.headers = try c.headerFile.map(HeaderFile.read) ?? []
        o.proxies = try ProxyEnvironment(environment: ProcessInfo.processInfo.environment)
        return o
    }

    private static func limit(_ c: Collect) throws -> CollectOptions.Limit {
        let given = [c.duration != nil, c.count != nil, c.once].filter { $0 }.count
        guard given <= 1 else { throw CollectSetupError("give one of --for, --count and --once") }
        if c.once { return .rounds(1) }
        if let n = c.count {
            guard n >= 1 else { throw CollectSetupError("--count must be at least 1") }
            return .rounds(n)
        }
        return try c.duration.map { .duration(try duration($0, "--for", minimum: 0.001)) } ?? .forever
    }

    private static func source(_ c: Collect) throws -> TargetSource {
        guard !c.urls.isEmpty || c.targets != nil else {
            throw CollectSetupError("give at least one target (URL or service/instance=URL) or --targets FILE")
        }
        let fixed = try c.urls.map { try CollectTarget.parse($0, defaultService: c.service) }
        let source = TargetSource(fixed: fixed, file: c.targets, defaultService: c.service)
        _ = try source.load()  // refuse a bad file or a duplicate series before the store is opened
        return source
    }

    private static func duration(_ text: String, _ option: String, minimum: Double) throws -> Double {
        guard let s = DurationText.seconds(text), s >= minimum else {
            throw CollectSetupError("\(option) \(text) is not a duration of at least \(minimum) s: write 30s, 2m, 1h30m or 500ms")
        }
        return s
    }

    /// Runs the collector to its end on Swift's concurrency threads while this thread waits.
    /// The first SIGINT or SIGTERM asks for a graceful stop; a second exits at once.
    static func run(_ collector: Collector, progress: CollectOutput) throws -> CollectSummary {
        let signals = handleSignals { collector.stop() }
        defer { signals.forEach { $0.cancel() } }
        let done = DispatchSemaphore(value: 0)
        let result = Box<Result<CollectSummary, Error>>()
        Task {
            do {
                result.value = .success(try await collector.run(report: progress.report))
            } catch {
                result.value = .failure(error)
            }
            done.signal()
        }
        done.wait()
        progress.finish()
        do {
            return try result.value!.get()
        } catch let error as CollectSetupError {
            throw CommandFailure(.usage, "\(error)")
        } catch {
            throw CommandFailure(.store, "\(error)")
        }
    }

    private static func handleSignals(_ stop: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        let asked = Box<Bool>()
        return [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if asked.value == true { exit(128 + number) }
                asked.value = true
                stop()
            }
            source.resume()
            return source
        }
    }
}

/// A value set on one thread and read on another after a semaphore or a signal.
final class Box<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
