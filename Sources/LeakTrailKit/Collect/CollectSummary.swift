import Foundation

/// What a `collect` run did, per target and in all.
public struct CollectSummary: Sendable {
    /// One target's tally. Targets removed from the targets file keep theirs.
    public struct TargetTally: Sendable, Equatable {
        public var target: CollectTarget
        public var captures = 0
        public var failures = 0
        public var lastError: String?
    }

    /// Why the run ended.
    public enum Ending: String, Sendable {
        /// `--count`/`--once`: every target had its rounds.
        case rounds
        /// `--for` ran out.
        case duration
        /// A stop request (SIGINT, SIGTERM).
        case stopped
        /// The store or the archive could not be written: nothing more could be kept.
        case storeFailed = "store_failed"
    }

    public var targets: [TargetTally] = []
    public var captures = 0
    public var failures = 0
    /// Failures by ``CaptureFailure/Reason/kind``.
    public var failuresByKind: [String: Int] = [:]
    public var bytes = 0
    public var seconds = 0.0
    public var ending = Ending.stopped
    /// Why the store or archive failed, when it did.
    public var storeError: String?

    /// Targets tried and never captured.
    public var neverCaptured: [TargetTally] { targets.filter { $0.captures == 0 && $0.failures > 0 } }

    /// The outcome in the terms of the exit-status table.
    public enum Outcome: Sendable, Equatable {
        /// Every target tried was captured at least once (transient failures are counted).
        case allCaptured
        /// Some targets were never captured; the others were.
        case someTargetsFailed
        /// No capture at all.
        case nothingCaptured
        /// The store or archive could not be written.
        case storeFailed
    }

    public var outcome: Outcome {
        if storeError != nil { return .storeFailed }
        if captures == 0 { return .nothingCaptured }
        return neverCaptured.isEmpty ? .allCaptured : .someTargetsFailed
    }
}
