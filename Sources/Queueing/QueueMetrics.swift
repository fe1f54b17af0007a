/// The performance of a queue staffed with a given number of agents.
///
/// Every field is finite: quantities that are unbounded in an unstable queue are `nil`.
public struct QueueMetrics: Sendable, Hashable {
    /// The offered load A in Erlangs.
    public var trafficIntensity: Double
    /// The number of agents (servers); fractional for continuous Erlang C.
    public var agents: Double
    /// P(wait > 0): the probability that an arriving contact is not answered immediately.
    public var probabilityOfWaiting: Double
    /// The service level for ``answerWithin`` under ``serviceLevelDefinition``.
    public var serviceLevel: Double
    /// The threshold t of the service level, in seconds.
    public var answerWithin: Double
    /// The definition ``serviceLevel`` uses.
    public var serviceLevelDefinition: ServiceLevelDefinition
    /// ASA: the mean wait of answered contacts in seconds; `nil` when unbounded.
    public var averageSpeedOfAnswer: Double?
    /// The mean wait of all contacts (answered or abandoned) in seconds; `nil` when unbounded.
    public var meanWait: Double?
    /// P(abandon): the fraction of offered contacts that hang up before an answer (0 for Erlang C).
    public var probabilityOfAbandonment: Double
    /// Occupancy: the fraction of agent time spent handling contacts, in [0, 1].
    public var occupancy: Double
    /// Whether the queue has a steady state (Erlang C: n > A; Erlang A: always).
    public var isStable: Bool

    /// Creates metrics; every value is taken as given.
    public init(
        trafficIntensity: Double, agents: Double, probabilityOfWaiting: Double, serviceLevel: Double,
        answerWithin: Double, serviceLevelDefinition: ServiceLevelDefinition, averageSpeedOfAnswer: Double?,
        meanWait: Double?, probabilityOfAbandonment: Double, occupancy: Double, isStable: Bool
    ) {
        self.trafficIntensity = trafficIntensity
        self.agents = agents
        self.probabilityOfWaiting = probabilityOfWaiting
        self.serviceLevel = serviceLevel
        self.answerWithin = answerWithin
        self.serviceLevelDefinition = serviceLevelDefinition
        self.averageSpeedOfAnswer = averageSpeedOfAnswer
        self.meanWait = meanWait
        self.probabilityOfAbandonment = probabilityOfAbandonment
        self.occupancy = occupancy
        self.isStable = isStable
    }
}

/// Clamps a probability into [0, 1]: it guards the last ulp of rounding and never hides a real
/// error. No finite input makes the models produce NaN (ExtremeInputTests); a NaN can only come
/// from a non-finite input, which the validations refuse, and it stays NaN — never 0 or 1.
@inline(__always) func clampProbability(_ p: Double) -> Double {
    p.isNaN ? p : min(1, max(0, p))
}
