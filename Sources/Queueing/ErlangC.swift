/// Erlang C: the M/M/n queue (Poisson arrivals, exponential handle times, n agents, infinite
/// patience, first come first served).
///
/// With `A = λ·AHT` and Erlang B `B = B(n, A)`, for n > A:
/// - `P(wait) = n·B / (n − A·(1 − B))`
/// - `SL(t) = 1 − P(wait)·e^(−(n − A)·t / AHT)` (all three SL definitions coincide)
/// - `ASA = P(wait)·AHT / (n − A)` (= mean wait of all contacts), occupancy `A/n`.
///
/// For n ≤ A the queue grows without bound: it is reported unstable with P(wait) = 1, SL = 0,
/// unbounded (nil) waits and occupancy 1.
public enum ErlangC {
    /// The performance of n agents (n may be fractional: continuous Erlang C).
    ///
    /// - Parameters:
    ///   - agents: n ≥ 0.
    ///   - workload: arrivals and handle time.
    ///   - answerWithin: the service-level threshold t in seconds (≥ 0).
    ///   - definition: recorded in the result; all definitions agree without abandonment.
    /// - Complexity: O(√max(n, A)).
    public static func metrics(
        agents n: Double, workload: Workload, answerWithin t: Double,
        definition: ServiceLevelDefinition = .offered
    ) -> QueueMetrics {
        let a = workload.trafficIntensity
        if a == 0 {
            return QueueMetrics(
                trafficIntensity: 0, agents: n, probabilityOfWaiting: 0, serviceLevel: 1, answerWithin: t,
                serviceLevelDefinition: definition, averageSpeedOfAnswer: 0, meanWait: 0,
                probabilityOfAbandonment: 0, occupancy: 0, isStable: true)
        }
        if n <= a {
            return unstable(agents: n, traffic: a, answerWithin: t, definition: definition)
        }
        return metrics(
            agents: n, workload: workload, blocking: ErlangB.blocking(servers: n, traffic: a),
            answerWithin: t, definition: definition)
    }

    /// The performance of an integer number of agents (see the fractional overload).
    ///
    /// - Complexity: O(√max(n, A)).
    public static func metrics(
        agents n: Int, workload: Workload, answerWithin t: Double,
        definition: ServiceLevelDefinition = .offered
    ) -> QueueMetrics {
        metrics(agents: Double(n), workload: workload, answerWithin: t, definition: definition)
    }

    /// The probability of waiting `C(n, A) = n·B / (n − A(1 − B))`, 1 when n ≤ A.
    ///
    /// - Complexity: O(√max(n, A)).
    public static func probabilityOfWaiting(agents n: Double, traffic a: Double) -> Double {
        if a == 0 { return 0 }
        if n <= a { return 1 }
        let b = ErlangB.blocking(servers: n, traffic: a)
        return clampProbability(n * b / (n - a * (1 - b)))
    }

    /// Metrics when B(n, A) is already known (the staffing search carries it). Requires n > A > 0.
    static func metrics(
        agents n: Double, workload: Workload, blocking b: Double, answerWithin t: Double,
        definition: ServiceLevelDefinition
    ) -> QueueMetrics {
        let a = workload.trafficIntensity
        let aht = workload.averageHandleTime
        let pWait = clampProbability(n * b / (n - a * (1 - b)))
        let sl = clampProbability(1 - pWait * _exp(-(n - a) * t / aht))
        let asa = pWait * aht / (n - a)
        return QueueMetrics(
            trafficIntensity: a, agents: n, probabilityOfWaiting: pWait, serviceLevel: sl, answerWithin: t,
            serviceLevelDefinition: definition, averageSpeedOfAnswer: asa, meanWait: asa,
            probabilityOfAbandonment: 0, occupancy: a / n, isStable: true)
    }

    static func unstable(
        agents n: Double, traffic a: Double, answerWithin t: Double,
        definition: ServiceLevelDefinition
    ) -> QueueMetrics {
        QueueMetrics(
            trafficIntensity: a, agents: n, probabilityOfWaiting: 1, serviceLevel: 0, answerWithin: t,
            serviceLevelDefinition: definition, averageSpeedOfAnswer: nil, meanWait: nil,
            probabilityOfAbandonment: 0, occupancy: n > 0 ? min(1, a / n) : 0, isStable: false)
    }
}
