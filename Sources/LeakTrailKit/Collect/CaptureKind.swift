/// Which goroutine profile `collect` asks an endpoint for (`--capture`).
public enum CaptureKind: String, Sendable, CaseIterable {
    /// `goroutine?debug=2`: every goroutine with its id, wait reason and wait time — what
    /// process epochs and survivor evidence need. The default.
    case debug2
    /// `goroutine?debug=1`: counts per stack, much smaller, no ids.
    case debug1
    /// `goroutine` (pprof protobuf, gzipped by Go): counts per stack and labels.
    case proto
    /// `goroutineleak?debug=2` (Go 1.26 with `GOEXPERIMENT=goroutineleakprofile`, 1.27 always):
    /// a traceback whose leaked goroutines the runtime marked `(leaked)`.
    case goroutineleak

    /// The pprof path under the target's base URL.
    public var path: String {
        self == .goroutineleak ? "/debug/pprof/goroutineleak" : "/debug/pprof/goroutine"
    }

    public var query: String? {
        switch self {
        case .debug2, .goroutineleak: "debug=2"
        case .debug1: "debug=1"
        case .proto: nil
        }
    }

    /// How an archived capture's file name ends: the protobuf is already gzipped by Go and is
    /// kept as it came; text captures are gzipped by the archive.
    public var archiveSuffix: String {
        switch self {
        case .debug2: "debug2.txt.gz"
        case .debug1: "debug1.txt.gz"
        case .proto: "pb.gz"
        case .goroutineleak: "goroutineleak.txt.gz"
        }
    }
}
