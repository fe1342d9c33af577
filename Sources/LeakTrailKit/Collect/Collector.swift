import Foundation

/// `leaktrail collect`: samples pprof endpoints on a schedule and commits every capture to the
/// store as a snapshot of its target's series, timed by the request's start.
///
/// One loop owns all the bookkeeping (``TargetBook``) and reacts to three things: a capture
/// finished, a due time came, a stop was asked. Captures run as child tasks, at most
/// `concurrency` at once, each bounded by the per-request timeout, so a hung target holds
/// one slot for at most that long and never the loop. A stop lets the captures in flight
/// finish and be stored; nothing is cut off half-written.
public final class Collector: Sendable {
    private let store: any SnapshotStore
    private let source: TargetSource
    private let options: CollectOptions
    private let stopRequests = AsyncStream<Void>.makeStream()

    public init(store: any SnapshotStore, targets: TargetSource, options: CollectOptions) {
        self.store = store
        self.source = targets
        self.options = options
    }

    /// Asks the run to end: no new capture starts, those in flight finish and are stored.
    /// Safe from any thread, e.g. a signal handler's queue.
    public func stop() { stopRequests.continuation.yield() }

    /// Runs until the limit, a stop, or a store failure. Throws ``CollectSetupError`` before
    /// any request when the targets, TLS files or proxy settings are unusable, and a store
    /// error when the archive directory cannot be made. `report` is called from the loop, one
    /// call at a time, with each event and the status after it.
    public func run(report: @escaping @Sendable (CollectEvent, CollectStatus) -> Void = { _, _ in }) async throws -> CollectSummary {
        let targets = try source.load()
        let capturer = try HTTPCapturer(tls: options.tls, proxies: options.proxies, headers: options.headers,
                                        timeout: options.timeout, maxBytes: options.maxBytes)
        let writer: CaptureWriter
        do {
            writer = try CaptureWriter(store: store, archive: try options.archive.map { try CaptureArchive(root: $0) }, kind: options.capture)
        } catch {
            await capturer.shutdown()
            throw error
        }
        var loop = CollectLoop(options: options, source: source, capturer: capturer, writer: writer, report: report)
        let summary = await loop.run(targets, stops: stopRequests.stream)
        await capturer.shutdown()
        return summary
    }
}
