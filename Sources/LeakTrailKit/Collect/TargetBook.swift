import Foundation
import HeapModule

/// Every target's bookkeeping and the queue of due times: what the collect loop asks "who is
/// next?" and tells "this one finished". Memory is a small record per target and one heap
/// entry per scheduled target, whatever their number; no task waits per target.
struct TargetBook {
    struct State {
        var target: CollectTarget
        /// Bumped when the target is removed or replaced, so stale heap entries are ignored.
        var generation: Int
        var active = true
        var inFlight = false
        var attempts = 0
        var failuresInARow = 0
        /// When the round now scheduled (or in flight) was due.
        var due = 0.0
        var tally: CollectSummary.TargetTally
        /// The last attempt's result: nil before the first.
        var up: Bool?
    }

    struct Due: Comparable {
        var time: Double
        var key: String
        var generation: Int

        static func < (a: Due, b: Due) -> Bool { a.time < b.time }
    }

    private(set) var states: [String: State] = [:]
    /// Keys in the order targets were first seen, for a stable summary.
    private var order: [String] = []
    private var heap = Heap<Due>()
    private var nextGeneration = 0
    var schedule: CollectSchedule
    /// Attempts per target before it retires (`--count`); nil for no limit.
    let rounds: Int?

    init(schedule: CollectSchedule, rounds: Int?) {
        self.schedule = schedule
        self.rounds = rounds
    }

    static func key(_ t: CollectTarget) -> String { t.service + "\u{0}" + t.instance }

    /// Makes `targets` the current list: new ones are scheduled, removed ones retire (a capture
    /// in flight still finishes and is stored), a changed URL starts afresh. Returns how many
    /// were added and removed.
    mutating func apply(_ targets: [CollectTarget], now: Double) -> (added: Int, removed: Int) {
        let wanted = Dictionary(targets.map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var removed = 0
        for (key, state) in states where state.active && wanted[key] != state.target {
            states[key]!.active = false
            states[key]!.generation = -1
            removed += 1
        }
        var added = 0
        for target in targets {
            let key = Self.key(target)
            if let s = states[key], s.active { continue }
            nextGeneration += 1
            let tally = states[key]?.tally ?? .init(target: target)
            if states[key] == nil { order.append(key) }
            states[key] = State(target: target, generation: nextGeneration, inFlight: states[key]?.inFlight ?? false, tally: tally)
            states[key]!.tally.target = target
            push(key, at: schedule.first(now: now))
            added += 1
        }
        return (added, removed)
    }

    /// The next target due at or before `now` that may start, marked in flight.
    mutating func popDue(now: Double) -> CollectTarget? {
        while let top = heap.min, top.time <= now {
            heap.removeMin()
            guard var s = states[top.key], s.active, s.generation == top.generation else { continue }
            if s.inFlight { continue }  // a replaced target's old capture is still out; its finish reschedules
            s.inFlight = true
            s.attempts += 1
            states[top.key] = s
            return s.target
        }
        return nil
    }

    /// When the next scheduled round is due, if any.
    var nextDue: Double? { heap.min?.time }

    /// Records a finished capture and schedules the target's next round (unless it retired).
    mutating func finish(_ target: CollectTarget, error: String?, now: Double) {
        let key = Self.key(target)
        guard var s = states[key] else { return }
        s.inFlight = false
        s.up = error == nil
        if let error {
            s.failuresInARow += 1
            s.tally.failures += 1
            s.tally.lastError = error
        } else {
            s.failuresInARow = 0
            s.tally.captures += 1
        }
        states[key] = s
        // A target replaced while this capture was out is scheduled here too: its own due
        // entry was dropped because the old capture was still in flight.
        guard s.active else { return }
        if let rounds, s.attempts >= rounds { return }
        push(key, at: schedule.next(after: s.due, failures: s.failuresInARow, now: now))
    }

    private mutating func push(_ key: String, at time: Double) {
        states[key]!.due = time
        heap.insert(Due(time: time, key: key, generation: states[key]!.generation))
    }

    /// Nothing scheduled and nothing in flight: with `--count`, the run is over.
    var idle: Bool { heap.isEmpty && !states.values.contains { $0.inFlight } }

    var tallies: [CollectSummary.TargetTally] { order.compactMap { states[$0]?.tally } }

    func status(into status: inout CollectStatus) {
        let active = states.values.filter(\.active)
        status.targets = active.count
        status.up = active.filter { $0.up == true }.count
        status.down = active.filter { $0.up == false }.count
    }
}
