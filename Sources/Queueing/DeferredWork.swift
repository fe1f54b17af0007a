/// Deferred work (email, back office): no caller waits on the line, so it is not a queue.
///
/// Work due within the response window W is the arrivals over the window plus the opening
/// backlog; agents must provide it in productive time, capped by occupancy:
/// `agents = (λ·W + backlog)·AHT / (W·occupancy cap)`
/// — the steady load `λ·AHT` plus the backlog's `backlog·AHT/W`, grossed up by the cap.
public struct DeferredWork: Sendable, Hashable {
    /// λ, items per second.
    public var arrivalRate: Double
    /// Mean handle time of one item, seconds.
    public var averageHandleTime: Double
    /// Items already waiting at the start of the interval.
    public var backlog: Double
    /// The response window W in seconds: every item must be handled within it.
    public var responseWindow: Double

    /// Creates a deferred workload.
    public init(arrivalRate: Double, averageHandleTime: Double, backlog: Double = 0, responseWindow: Double) {
        self.arrivalRate = arrivalRate
        self.averageHandleTime = averageHandleTime
        self.backlog = backlog
        self.responseWindow = responseWindow
    }

    /// The work rate in Erlangs (agent-seconds per second): `(λ·W + backlog)·AHT / W`.
    public var workload: Double {
        (arrivalRate * responseWindow + backlog) * averageHandleTime / responseWindow
    }

    /// The fractional agents `workload / cap`.
    ///
    /// - Parameter maxOccupancy: the occupancy cap in (0, 1].
    /// - Complexity: O(1).
    public func agents(maxOccupancy cap: Double = 1) -> Double {
        workload / cap
    }

    /// The occupancy of `agents` agents working off this load: `min(1, workload / agents)`
    /// (1 when work arrives and nobody works on it, 0 when there is no work).
    ///
    /// - Complexity: O(1).
    public func occupancy(agents: Double) -> Double {
        agents > 0 ? min(1, workload / agents) : (workload > 0 ? 1 : 0)
    }

    /// Whether `agents` agents keep up with the work (within float noise).
    ///
    /// - Complexity: O(1).
    public func isStable(agents: Double) -> Bool { agents >= workload * (1 - 1e-12) }

    /// The whole agents `⌈workload / cap⌉` (snapped within 1e-9 of an integer), at most
    /// ``QueueingLimits/maximumAgents`` (the cap is reached only by inputs that
    /// ``validate(maxOccupancy:)`` refuses: a huge backlog, a tiny window or cap).
    ///
    /// - Complexity: O(1).
    public func requiredAgents(maxOccupancy cap: Double = 1) -> Int {
        QueueingLimits.ceilingCount(agents(maxOccupancy: cap))
    }
}
