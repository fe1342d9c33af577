import Foundation

/// What `compare` asks: two windows, which services, how to group stacks and judge them, and
/// the list of known goroutines to mark accepted ones with.
public struct CompareRequest: Sendable {
    public var before: CompareWindow
    public var after: CompareWindow
    /// One service, or nil for every service in the store (each compared on its own).
    public var service: String?
    public var level: SignatureLevel
    public var options: AnalysisOptions
    public var known: KnownGoroutines?
    public var today: CalendarDay
    public var fasterRatio: Double

    public init(before: CompareWindow, after: CompareWindow, service: String? = nil, level: SignatureLevel = .function,
                options: AnalysisOptions = AnalysisOptions(), known: KnownGoroutines? = nil, today: CalendarDay, fasterRatio: Double = 1.5) {
        self.before = before
        self.after = after
        self.service = service
        self.level = level
        self.options = options
        self.known = known
        self.today = today
        self.fasterRatio = fasterRatio
    }
}

extension SnapshotStore {
    /// One comparison per service: each window analysed on its own, accepted findings marked,
    /// then ``Comparer`` decides the changes.
    public func compare(_ request: CompareRequest) throws -> [Comparison] {
        let services = try request.service.map { [$0] } ?? storedServices()
        return try services.map { service in
            func analysis(_ window: CompareWindow) throws -> LeakAnalysis {
                let result = LeakAnalyzer.run(histories: try histories(service: service, window: window, level: request.level), options: request.options)
                return request.known?.apply(to: result, on: request.today) ?? result
            }
            return Comparer.compare(service: service, before: (request.before.description, try analysis(request.before)),
                                    after: (request.after.description, try analysis(request.after)), fasterRatio: request.fasterRatio)
        }
    }
}
