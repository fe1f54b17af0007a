/// Erlang A: the M/M/n+M queue (Palm's model; Garnett, Mandelbaum & Reiman 2002) — Erlang C
/// plus exponential patience: a waiting contact hangs up after Exp(θ), θ = 1/mean patience.
///
/// With λ the arrival rate, μ = 1/AHT, A = λ/μ, x = nμ/θ, y = λ/θ, ρ = A/n, `E_B = B(n, A)` and
/// `𝒜(x, y) = 1 + Σ_{j≥1} yʲ / Π_{k=1..j}(x + k)`:
/// - `P(wait) = 𝒜·E_B / (1 + (𝒜 − 1)·E_B)`
/// - `P(abandon) = P(wait)·[1/(ρ𝒜) + 1 − 1/ρ]`, summed as a series of positive terms
/// - the virtual wait V has an atom `1 − P(wait)` at 0 and density
///   `f_V(s) = πₙ·nμ·exp(−nμ·s + y(1 − e^(−θs)))`, `πₙ = E_B / (1 + (𝒜 − 1)·E_B)`; a contact is
///   answered when its patience outlasts V (probability `e^(−θV)`), hence
///   - SL offered `= 1 − P(wait) + ∫₀ᵗ f_V(s)e^(−θs) ds`, SL answered `= SL offered / (1 − P(abandon))`,
///     SL virtual `= P(V ≤ t)`
///   - ASA (answered contacts) `= E[V·e^(−θV)] / (1 − P(abandon))`, mean wait of all `= P(abandon)/θ`
///   - occupancy `= A·(1 − P(abandon)) / n`.
///
/// Each integral is an incomplete gamma function: with w = e^(−θt),
/// `θ∫ₜ^∞ e^(−(nμ+kθ)s + y(1−e^(−θs))) ds = e^(y(1−w))·w^(x+k)·𝒜(x + k, y·w)/(x + k)`, and
/// `θ²∫₀^∞ s·e^(−(nμ+θ)s + y(1−e^(−θs))) ds = −∂/∂x [𝒜(x + 1, y)/(x + 1)]`. The series are
/// summed from their largest term in log space (see `AbandonmentSeries`), so the results stay
/// within 1e-8 relative of the birth–death chain from one agent to 100,000, in overload too.
/// The queue is always stable (abandonment bounds it).
public enum ErlangA {
    /// The performance of n agents with mean patience `patience` seconds.
    ///
    /// - Parameters:
    ///   - agents: n ≥ 0.
    ///   - workload: arrivals and handle time.
    ///   - patience: the mean patience 1/θ in seconds (> 0).
    ///   - answerWithin: the service-level threshold t in seconds (≥ 0).
    ///   - definition: which service level to report.
    /// - Complexity: O(√max(n, A) + √(n·patience/AHT)).
    public static func metrics(
        agents n: Int, workload: Workload, patience: Double, answerWithin t: Double,
        definition: ServiceLevelDefinition = .offered
    ) -> QueueMetrics {
        let a = workload.trafficIntensity
        let logB = n == 0 || a == 0 ? 0 : ErlangB.logBlocking(servers: Double(n), traffic: a)
        return metrics(agents: n, workload: workload, patience: patience, logBlocking: logB,
                       answerWithin: t, definition: definition)
    }

    /// Metrics when log B(n, A) is already known (the staffing search carries it).
    static func metrics(
        agents n: Int, workload: Workload, patience: Double, logBlocking logB: Double,
        answerWithin t: Double, definition: ServiceLevelDefinition
    ) -> QueueMetrics {
        let a = workload.trafficIntensity
        let aht = workload.averageHandleTime
        let agents = Double(n)
        if a == 0 {
            return QueueMetrics(
                trafficIntensity: 0, agents: agents, probabilityOfWaiting: 0, serviceLevel: 1, answerWithin: t,
                serviceLevelDefinition: definition, averageSpeedOfAnswer: 0, meanWait: 0,
                probabilityOfAbandonment: 0, occupancy: 0, isStable: true)
        }
        if n == 0 {
            // Nobody answers: every contact waits its patience out.
            return QueueMetrics(
                trafficIntensity: a, agents: 0, probabilityOfWaiting: 1,
                serviceLevel: 0, answerWithin: t,
                serviceLevelDefinition: definition, averageSpeedOfAnswer: nil, meanWait: patience,
                probabilityOfAbandonment: 1, occupancy: 0, isStable: true)
        }
        let x = agents * patience / aht     // nμ/θ
        let y = a * patience / aht          // λ/θ
        let theta = 1 / patience
        let main = AbandonmentSeries(c: x, z: y, harmonic: true)
        let logA = main.logSum
        // P(wait) = 1 / (1/(𝒜·E_B) + 1 − 1/𝒜).
        let inverseA = _exp(-logA)
        let pWait = clampProbability(1 / (_exp(-logA - logB) + (1 - inverseA)))
        let abandonFraction = main.s1 / main.s0            // 1/(ρ𝒜) + 1 − 1/ρ
        let pAbandon = clampProbability(pWait * abandonFraction)
        let pServed = 1 - pAbandon
        // E[V·e^(−θV)] = P(wait)·x·h/(θ·s0).
        let waitOfServed = pWait * x * (main.h / main.s0) * patience
        let asa = pServed > 0 ? waitOfServed / pServed : nil

        // Tails beyond t, relative to the main series.
        let thetaT = theta * t
        let w = _exp(-thetaT)
        let tail = AbandonmentSeries(c: x, z: y * w, harmonic: false)
        let logCommon = -y * _expm1(-thetaT) + tail.logScale - main.logScale
        // P(answered after waiting longer than t) and P(V > t).
        let servedLate = pWait * x * _exp(logCommon - (x + 1) * thetaT) * (tail.t1 / main.s0)
        let virtualLate = pWait * _exp(logCommon - x * thetaT) * (tail.s0 / main.s0)
        let slOffered = clampProbability(pServed - servedLate)
        let sl: Double
        switch definition {
        case .offered: sl = slOffered
        case .answered: sl = pServed > 0 ? clampProbability(slOffered / pServed) : 0
        case .virtual: sl = clampProbability(1 - virtualLate)
        }
        return QueueMetrics(
            trafficIntensity: a, agents: agents, probabilityOfWaiting: pWait, serviceLevel: sl, answerWithin: t,
            serviceLevelDefinition: definition, averageSpeedOfAnswer: asa, meanWait: pAbandon * patience,
            probabilityOfAbandonment: pAbandon, occupancy: min(1, a * pServed / agents), isStable: true)
    }
}
