/// What a goroutine of a signature is blocked on: the thing its fix must change.
///
/// Read from the wait reason when the capture printed one, and from the frames otherwise
/// (count profiles carry no wait reason, but keep `runtime.chanrecv1`, `runtime.selectgo`,
/// `sync.(*Mutex).Lock`, …). Old runtimes print `semacquire` for every `sync` primitive; the
/// frames tell which one.
public enum BlockingOperation: String, Hashable, Sendable, Codable, CaseIterable {
    case chanSend = "chan send"
    case chanReceive = "chan receive"
    case select = "select"
    case nilChanSend = "chan send (nil chan)"
    case nilChanReceive = "chan receive (nil chan)"
    case selectNoCases = "select (no cases)"
    case mutex = "sync.Mutex"
    case rwMutex = "sync.RWMutex"
    case waitGroup = "sync.WaitGroup"
    case cond = "sync.Cond"
    case semacquire = "semacquire"
    case ioWait = "IO wait"
    case sleep = "sleep"
    /// A channel receive or select woken by a ticker or timer that nobody stops.
    case tickerReceive = "ticker/timer receive"
    case syscall = "syscall"
    /// `running`, `runnable`, `preempted`: not blocked at all.
    case running = "running"
    case other = "other"

    /// Classifies a signature.
    /// - Parameters:
    ///   - state: the wait reason or status; empty for count profiles.
    ///   - frames: the stack, innermost first, runtime frames included when captured.
    ///   - wakesPeriodically: ids show the same goroutines parking again and again at this
    ///     line (``SurvivorEvidence/wakesPeriodically``). A ticker's channel is an ordinary
    ///     channel, and `for range ticker.C` leaves no `time` frame on the stack while parked,
    ///     so this is the only trace of a ticker loop a dump can show.
    public static func classify(state: String, frames: [Frame], wakesPeriodically: Bool = false) -> BlockingOperation {
        var op = fromState(normalized(state)) ?? fromFrames(frames)
        if op == .semacquire { op = syncPrimitive(in: frames) ?? .semacquire }
        if op == .chanReceive || op == .select, wakesPeriodically || mentionsTimer(frames) { op = .tickerReceive }
        return op
    }

    /// Waiting here for long is not a fault by itself: idle receivers, pollers, sleepers and
    /// servers sit like this for the whole life of a process. A flat count of ageing
    /// goroutines is called `stuck` only for the other operations.
    public var idlesNormally: Bool {
        switch self {
        case .chanReceive, .select, .tickerReceive, .ioWait, .sleep, .syscall, .cond, .running, .other: return true
        default: return false
        }
    }

    /// A lock: a fixed set waiting here for good is a deadlock (`stuck`), not a fixed cost.
    public var isLock: Bool {
        switch self {
        case .mutex, .rwMutex, .semacquire: return true
        default: return false
        }
    }

    /// `(durable)` and `(synctest)` only say where the wait happened, not what it waits for.
    static func normalized(_ state: String) -> String {
        for suffix in [" (durable)", " (synctest)"] where state.hasSuffix(suffix) {
            return String(state.dropLast(suffix.count))
        }
        return state
    }

    static func fromState(_ s: String) -> BlockingOperation? {
        switch s {
        case "chan send": return .chanSend
        case "chan receive": return .chanReceive
        case "select": return .select
        case "chan send (nil chan)": return .nilChanSend
        case "chan receive (nil chan)": return .nilChanReceive
        case "select (no cases)": return .selectNoCases
        case "sync.Mutex.Lock": return .mutex
        case "sync.RWMutex.RLock", "sync.RWMutex.Lock": return .rwMutex
        case "sync.WaitGroup.Wait": return .waitGroup
        case "sync.Cond.Wait": return .cond
        case "semacquire": return .semacquire
        case "IO wait": return .ioWait
        case "sleep": return .sleep
        case "syscall": return .syscall
        case "running", "runnable", "preempted": return .running
        case "": return nil
        default: return .other
        }
    }

    /// The innermost frame that names an operation decides.
    static func fromFrames(_ frames: [Frame]) -> BlockingOperation {
        for f in frames {
            if let op = syncPrimitive(in: [f]) { return op }
            switch f.function {
            case "runtime.chansend1", "runtime.chansend", "runtime.selectnbsend": return .chanSend
            case "runtime.chanrecv1", "runtime.chanrecv2", "runtime.chanrecv": return .chanReceive
            case "runtime.selectgo": return .select
            case "runtime.block": return .selectNoCases
            case "runtime.semacquire", "runtime.semacquire1", "sync.runtime_Semacquire", "internal/sync.runtime_Semacquire":
                return .semacquire
            case "internal/poll.runtime_pollWait", "runtime.netpollblock": return .ioWait
            case "time.Sleep": return .sleep
            default:
                if f.function.hasPrefix("syscall.") || f.function.hasPrefix("internal/syscall/") { return .syscall }
            }
        }
        return .other
    }

    static func syncPrimitive(in frames: [Frame]) -> BlockingOperation? {
        for f in frames {
            let fn = f.function
            if fn.hasPrefix("sync.(*Mutex).") || fn.hasPrefix("internal/sync.(*Mutex).") { return .mutex }
            if fn.hasPrefix("sync.(*RWMutex).") { return .rwMutex }
            if fn.hasPrefix("sync.(*WaitGroup).") { return .waitGroup }
            if fn.hasPrefix("sync.(*Cond).") { return .cond }
        }
        return nil
    }

    static func mentionsTimer(_ frames: [Frame]) -> Bool {
        frames.contains { f in
            ["time.(*Ticker).", "time.(*Timer).", "time.Tick", "time.NewTicker", "time.After", "time.NewTimer"]
                .contains { f.function.hasPrefix($0) }
        }
    }
}
