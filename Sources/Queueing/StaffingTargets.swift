/// What one interval must achieve. Every target given must hold at once; `nil` means "no target".
///
/// The default is the industry's 80/20: 80 % of contacts answered within 20 seconds.
public struct StaffingTargets: Sendable, Hashable {
    /// The service-level threshold t in seconds (also used to report the service level).
    public var answerWithin: Double
    /// The minimum service level, a fraction in [0, 1).
    public var serviceLevel: Double?
    /// How the service level counts contacts.
    public var serviceLevelDefinition: ServiceLevelDefinition
    /// The maximum ASA (mean wait of answered contacts) in seconds, > 0.
    public var maxAverageSpeedOfAnswer: Double?
    /// The maximum P(abandon), in (0, 1]; only meaningful with patience (Erlang A).
    public var maxAbandonment: Double?
    /// The maximum occupancy, in (0, 1].
    public var maxOccupancy: Double?

    /// Creates targets; the defaults are 80 % within 20 s, offered definition, no other target.
    public init(
        answerWithin: Double = 20, serviceLevel: Double? = 0.8,
        serviceLevelDefinition: ServiceLevelDefinition = .offered,
        maxAverageSpeedOfAnswer: Double? = nil, maxAbandonment: Double? = nil, maxOccupancy: Double? = nil
    ) {
        self.answerWithin = answerWithin
        self.serviceLevel = serviceLevel
        self.serviceLevelDefinition = serviceLevelDefinition
        self.maxAverageSpeedOfAnswer = maxAverageSpeedOfAnswer
        self.maxAbandonment = maxAbandonment
        self.maxOccupancy = maxOccupancy
    }

    /// Whether `metrics` meets every target given.
    ///
    /// - Complexity: O(1).
    public func areMet(by metrics: QueueMetrics) -> Bool {
        firstUnmet(by: metrics) == nil
    }

    /// The first target (in the order SL, ASA, abandonment, occupancy) that `metrics` misses.
    ///
    /// - Complexity: O(1).
    public func firstUnmet(by metrics: QueueMetrics) -> StaffingTarget? {
        if !metrics.isStable { return serviceLevel != nil ? .serviceLevel : .averageSpeedOfAnswer }
        if let serviceLevel, metrics.serviceLevel < serviceLevel { return .serviceLevel }
        if let maxAverageSpeedOfAnswer {
            guard let asa = metrics.averageSpeedOfAnswer, asa <= maxAverageSpeedOfAnswer else {
                return .averageSpeedOfAnswer
            }
        }
        if let maxAbandonment, metrics.probabilityOfAbandonment > maxAbandonment { return .abandonment }
        if let maxOccupancy, metrics.occupancy > maxOccupancy { return .occupancy }
        return nil
    }
}

/// One kind of staffing target (used to say which one cannot be met).
public enum StaffingTarget: String, Sendable, Hashable, CaseIterable {
    case serviceLevel, averageSpeedOfAnswer, abandonment, occupancy
}

/// Why a staffing requirement cannot be computed.
public enum StaffingError: Error, Sendable, Hashable {
    /// A parameter is out of its domain (name of the parameter, reason).
    case invalidParameter(String, String)
    /// No number of agents meets this target (together with the others).
    case unreachable(StaffingTarget)
}

/// The queueing model of a voice or chat queue.
public enum QueueModel: Sendable, Hashable {
    /// Erlang C: no abandonment.
    case erlangC
    /// Erlang A: exponential patience with this mean, in seconds.
    case erlangA(patience: Double)
}
