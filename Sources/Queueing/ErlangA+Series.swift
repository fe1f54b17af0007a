extension ErlangA {
    /// Erlang A from the incomplete-gamma series of ``AbandonmentSeries``, for `max(x, y) ≤ 10⁴`.
    ///
    /// Each integral is an incomplete gamma function: with w = e^(−θt),
    /// `θ∫ₜ^∞ e^(−(nμ+kθ)s + y(1−e^(−θs))) ds = e^(y(1−w))·w^(x+k)·𝒜(x + k, y·w)/(x + k)`, and
    /// `θ²∫₀^∞ s·e^(−(nμ+θ)s + y(1−e^(−θs))) ds = −∂/∂x [𝒜(x + 1, y)/(x + 1)]`. The series are
    /// summed from their largest term in log space. Their scales come from `log Γ` values of size
    /// ~x·log x, whose rounding (1e-16 relative) stays below 1e-11 while x, y ≤ 10⁴; the service
    /// level is `P(answered) − P(answered after t)`, exact to a few ulps absolute.
    ///
    /// - Complexity: O(√max(x, y)) terms (at most a few thousand).
    static func bySeries(
        agents n: Int, workload: Workload, patience: Double, logBlocking logB: Double,
        answerWithin t: Double, definition: ServiceLevelDefinition
    ) -> QueueMetrics {
        let a = workload.trafficIntensity
        let aht = workload.averageHandleTime
        let agents = Double(n)
        let x = agents * patience / aht  // nμ/θ
        let y = a * patience / aht  // λ/θ
        let theta = 1 / patience
        let main = AbandonmentSeries(c: x, z: y, harmonic: true)
        let logA = main.logSum
        // P(wait) = 1 / (1/(𝒜·E_B) + 1 − 1/𝒜).
        let inverseA = _exp(-logA)
        let pWait = clampProbability(1 / (_exp(-logA - logB) + (1 - inverseA)))
        let abandonFraction = main.s1 / main.s0  // 1/(ρ𝒜) + 1 − 1/ρ
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
