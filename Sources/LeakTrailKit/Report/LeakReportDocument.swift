import Foundation

/// Everything the leak report says, as one value: the three renderers (HTML, Markdown, JSON)
/// only lay it out, so they cannot disagree about a number.
///
/// Built from analysis values and a few facts about the snapshots; it never sees the store.
/// The clock and the tool version are inputs, and every list is sorted explicitly, so the
/// same store gives the same document — and the same bytes in every format.
public struct LeakReportDocument: Hashable, Sendable {
    public var summary: Summary
    /// Leaks and suspects, most serious first (the analyzer's order).
    public var findings: [Finding]
    /// The largest `ok` signatures, largest first: what a healthy process looks like.
    public var healthy: [Healthy]
    /// How the verdicts were decided, with the thresholds in force.
    public var method: Method
    /// The analysis values the findings came from: the `leaks` JSON contract is built from them.
    public var verdicts: [SignatureVerdict]
    /// What each instance's snapshots covered: an instance without enough data was not judged,
    /// and the report says so rather than call it clean.
    public var coverage: [InstanceCoverage]

    /// The analysis the report shows, for a CI gate.
    public var analysis: LeakAnalysis { LeakAnalysis(verdicts: verdicts, coverage: coverage) }

    /// The figures at the top of the report.
    public struct Summary: Hashable, Sendable {
        /// What was analysed: the store path, or the inputs `analyze` read.
        public var source: String
        /// Filters in force (`service=orders-api`, `since=…`), empty for everything.
        public var filters: [String]
        public var services: [String]
        /// Every instance seen, sorted by service then name.
        public var instances: [InstanceFacts]
        public var from: Date?
        public var to: Date?
        /// Stored snapshots, and distinct capture moments (one capture may be stored in
        /// several formats).
        public var snapshots: Int
        public var captures: Int
        /// Goroutines over all instances at each instance's first and last capture.
        public var goroutinesFirst: Int
        public var goroutinesLast: Int
        public var leaks: Int
        public var suspects: Int
        public var stuck: Int
        /// Flagged signatures a list of known goroutines accepts (counted in leaks and stuck too).
        public var accepted: Int = 0
        /// Instances whose snapshots were too few or too short for a verdict.
        public var lacking: Int
        /// Estimated stack memory held by flagged goroutines now, over their flagged instances.
        public var memoryBytes: Int
        public var generatedAt: Date
        public var toolVersion: String
        public var level: SignatureLevel

        /// Seconds from the first to the last capture.
        public var span: TimeInterval {
            guard let from, let to else { return 0 }
            return to.timeIntervalSince(from)
        }
    }

    /// One instance of a service, as the summary lists it.
    public struct InstanceFacts: Hashable, Sendable {
        public var service: String
        public var instance: String
        public var captures: Int
        /// Process lifetimes seen (restarts + 1).
        public var epochs: Int
        public var goroutinesFirst: Int
        public var goroutinesLast: Int
    }

    /// A flagged signature with the series its chart draws.
    public struct Finding: Hashable, Sendable {
        public var verdict: SignatureVerdict
        /// Every instance that captured the signature (flagged or not, for comparison),
        /// sorted by service then instance.
        public var series: [InstanceSeries]
        /// The culprit's source lines, when the report was given the service's checkout
        /// (`--source DIR`); nil otherwise.
        public var source: SourceSnippet? = nil
        /// Estimated stack memory held now by the flagged instances' goroutines (``LeakFigures``).
        public var memoryBytes: Int { verdict.memoryBytes }
    }

    /// An `ok` signature shown for context.
    public struct Healthy: Hashable, Sendable {
        public var signature: StackSignature
        public var state: String
        public var culprit: Frame?
        /// Latest count summed over all instances, and the highest count one instance had.
        public var lastCount: Int
        public var peakPerInstance: Int
        public var instances: Int
        /// The shape of the instance holding the most goroutines: why it is not a leak.
        public var shape: GrowthShape
        /// Counts summed over instances at every capture moment, oldest first (for a sparkline).
        public var counts: [Int]
    }

    /// The method section: plain sentences with the thresholds in force.
    public struct Method: Hashable, Sendable {
        public var options: AnalysisOptions
        public var paragraphs: [String]
    }
}

/// What a report needs besides verdicts and histories: where the data came from and when.
public struct LeakReportContext: Sendable {
    /// One stored snapshot, reduced to what the summary counts.
    public struct Capture: Hashable, Sendable {
        public var service: String
        public var instance: String
        public var time: Date
        public var epoch: Int
        public var goroutines: Int

        public init(service: String, instance: String, time: Date, epoch: Int, goroutines: Int) {
            self.service = service
            self.instance = instance
            self.time = time
            self.epoch = epoch
            self.goroutines = goroutines
        }
    }

    public var source: String
    public var filters: [String]
    public var captures: [Capture]
    public var options: AnalysisOptions
    public var level: SignatureLevel
    public var now: Date
    public var toolVersion: String
    /// How many healthy signatures to show.
    public var healthyLimit: Int

    public init(
        source: String, filters: [String] = [], captures: [Capture], options: AnalysisOptions = AnalysisOptions(),
        level: SignatureLevel = .line, now: Date, toolVersion: String = LeakTrailVersion.current, healthyLimit: Int = 10
    ) {
        self.source = source
        self.filters = filters
        self.captures = captures
        self.options = options
        self.level = level
        self.now = now
        self.toolVersion = toolVersion
        self.healthyLimit = healthyLimit
    }
}
