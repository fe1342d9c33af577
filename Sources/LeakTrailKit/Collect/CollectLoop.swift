import Dispatch
import Foundation

/// The loop behind ``Collector/run(report:)``: one task that owns the bookkeeping and waits
/// for the next thing to happen — a capture finished, a due time came (a timer child), or a
/// stop was asked (a listener child). Nothing here blocks: fetches, parsing and commits run in
/// the child tasks and the writer's queue.
struct CollectLoop {
    enum Event: Sendable {
        case finished(CollectTarget, CaptureWriter.Outcome)
        /// A timer set for this (monotonic) time went off.
        case tick(Double)
        case stop
    }

    let options: CollectOptions
    let source: TargetSource
    let capturer: HTTPCapturer
    let writer: CaptureWriter
    let report: @Sendable (CollectEvent, CollectStatus) -> Void

    private var book: TargetBook
    private var status = CollectStatus()
    private var summary = CollectSummary()
    private var stopping = false
    private var running = 0
    /// The earliest timer pending, so that no second one is set for a later time.
    private var tickAt: Double?
    private let start: Double
    private var targetsFile: TargetFileWatch?

    init(options: CollectOptions, source: TargetSource, capturer: HTTPCapturer, writer: CaptureWriter,
         report: @escaping @Sendable (CollectEvent, CollectStatus) -> Void) {
        self.options = options
        self.source = source
        self.capturer = capturer
        self.writer = writer
        self.report = report
        let rounds: Int? = if case .rounds(let n) = options.limit { n } else { nil }
        let schedule = CollectSchedule(every: options.every, spreadFirstRound: rounds != 1, seed: options.seed ?? UInt64.random(in: 0...UInt64.max))
        book = TargetBook(schedule: schedule, rounds: rounds)
        start = Self.now()
        // Looked at every --every or every few seconds, whichever is sooner.
        let interval = min(options.targetsCheckInterval, options.every)
        targetsFile = source.file.map { TargetFileWatch(path: $0, interval: interval, now: start) }
    }

    /// Seconds on the monotonic clock: schedules never jump with the wall clock.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    var deadline: Double? { if case .duration(let d) = options.limit { start + d } else { nil } }

    mutating func run(_ targets: [CollectTarget], stops: AsyncStream<Void>) async -> CollectSummary {
        _ = book.apply(targets, now: start)
        await withTaskGroup(of: Event.self) { group in
            group.addTask {
                for await _ in stops { return .stop }
                return .stop
            }
            while true {
                let now = Self.now()
                advance(now)
                launchDue(now, &group)
                if finished { break }
                if !stopping { armTimer(now, &group) }
                guard let event = await group.next() else { break }
                handle(event)
            }
            group.cancelAll()  // the timer and the stop listener; no capture is left by now
        }
        summary.targets = book.tallies
        summary.seconds = Self.now() - start
        return summary
    }

    /// The deadline and the targets file, checked on every turn.
    private mutating func advance(_ now: Double) {
        if let deadline, now >= deadline, !stopping {
            stopping = true
            summary.ending = .duration
        }
        guard !stopping, var watch = targetsFile, watch.due(now) else { return }
        if let change = watch.check(now: now, load: source.load) {
            switch change {
            case .success(let list):
                let (added, removed) = book.apply(list, now: now)
                emit(.targetsReloaded(count: list.count, added: added, removed: removed))
            case .failure(let problem):
                emit(.targetsFileProblem("\(problem); the previous targets go on"))
            }
        }
        targetsFile = watch
    }

    private mutating func launchDue(_ now: Double, _ group: inout TaskGroup<Event>) {
        while !stopping, running < options.concurrency, let target = book.popDue(now: now) {
            running += 1
            status.inFlight = running
            group.addTask { [capturer, writer, kind = options.capture] in
                .finished(target, await Self.capture(target, kind: kind, capturer: capturer, writer: writer))
            }
        }
    }

    private var finished: Bool {
        guard running == 0 else { return false }
        if stopping { return true }
        return book.rounds != nil && book.idle
    }

    /// Sets a timer for the next due round, the next look at the targets file, or the deadline.
    private mutating func armTimer(_ now: Double, _ group: inout TaskGroup<Event>) {
        let due = running < options.concurrency ? book.nextDue : nil
        let candidates = [due, targetsFile?.nextCheck, deadline].compactMap { $0 }
        guard let wake = candidates.min().map({ max($0, now + 0.001) }) else { return }
        if let tickAt, tickAt <= wake { return }
        tickAt = wake
        group.addTask {
            try? await Task.sleep(nanoseconds: UInt64((wake - now) * 1e9))
            return .tick(wake)
        }
    }

    private mutating func handle(_ event: Event) {
        switch event {
        case .stop:
            if !stopping { summary.ending = .stopped }
            stopping = true
        case .tick(let time):
            if tickAt == time { tickAt = nil }
        case .finished(let target, let outcome):
            running -= 1
            status.inFlight = running
            record(target, outcome)
        }
        if book.rounds != nil, !stopping, book.idle, running == 0 { summary.ending = .rounds }
    }

    private mutating func record(_ target: CollectTarget, _ outcome: CaptureWriter.Outcome) {
        let now = Self.now()
        switch outcome {
        case .stored(let capture):
            book.finish(target, error: nil, now: now)
            summary.captures += 1
            summary.bytes += capture.bytes
            status.captures += 1
            emit(.captured(capture))
        case .rejected(let failure):
            book.finish(target, error: failure.reason.description, now: now)
            count(failure.reason.kind)
            status.lastError = "\(target.name): \(failure.reason)"
            emit(.failed(failure))
        case .storeFailed(let why):
            book.finish(target, error: why, now: now)
            count("store")
            summary.storeError = summary.storeError ?? why
            summary.ending = .storeFailed
            stopping = true
            status.lastError = why
        }
    }

    private mutating func count(_ kind: String) {
        summary.failures += 1
        summary.failuresByKind[kind, default: 0] += 1
        status.failures += 1
    }

    private mutating func emit(_ event: CollectEvent) {
        book.status(into: &status)
        report(event, status)
    }

    private static func capture(_ target: CollectTarget, kind: CaptureKind, capturer: HTTPCapturer,
                                writer: CaptureWriter) async -> CaptureWriter.Outcome {
        let time = Date()
        switch await capturer.fetch(target.requestURL(for: kind)) {
        case .failure(let reason): return .rejected(CaptureFailure(target: target, time: time, reason: reason))
        case .success(let bytes): return await writer.store(bytes, target: target, time: time)
        }
    }
}
