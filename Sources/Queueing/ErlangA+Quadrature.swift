extension ErlangA {
    /// Erlang A's probabilities, with times in handle times (μ = 1).
    struct Outcome {
        var probabilityOfWaiting: Double
        var probabilityOfAbandonment: Double
        /// 1 − P(abandon), summed from positive parts (not by subtraction).
        var probabilityOfService: Double
        /// P(answered within t) over all offered contacts.
        var answeredWithin: Double
        /// P(V ≤ t), V the virtual wait.
        var virtualWithin: Double
        /// `E[V·e^(−θV)]` in handle times: the waits of answered contacts, summed over all offered.
        var waitOfAnswered: Double
    }

    /// Erlang A by quadrature of the virtual-wait density, for any size and patience, in O(1).
    ///
    /// With g_k and the exponents F of ``WaitExponent`` about the mode s₀ of g₀, and the integrals
    /// (all relative to `e^(g₀(s₀))`, by ``LogConcaveQuadrature``)
    /// `K₀ = ∫₀^∞ e^(g₀)`, `K₁ = ∫₀^∞ e^(g₁)`, `K_ab = ∫₀^∞ (1 − e^(−θs))·e^(g₀)`,
    /// `K_s = ∫₀^∞ s·e^(g₁)`, `K₀(τ) = ∫₀^τ e^(g₀)`, `K₁(τ) = ∫₀^τ e^(g₁)`:
    /// - `𝒜 = n·K₀` (the sum of the queue's stationary weights relative to state n), and with
    ///   `S = (1 − E_B)/E_B` (the states below n, relative to n) P(wait) = 𝒜/(𝒜 + S), P(no wait)
    ///   = S/(𝒜 + S), both from logs (𝒜 may be e^(10¹⁶));
    /// - P(abandon) = P(wait)·K_ab/K₀, P(answered) = P(no wait) + P(wait)·K₁/K₀;
    /// - SL offered = P(no wait) + P(wait)·K₁(τ)/K₀, P(V ≤ τ) = P(no wait) + P(wait)·K₀(τ)/K₀;
    /// - E[V·e^(−θV)] = P(wait)·K_s/K₀.
    /// Every result is a sum of positive terms: nothing cancels, so each is accurate to ~1e-14
    /// relative. K_ab is integrated directly unless K₁ ≤ K₀/2, where `K₀ − K₁` loses at most one
    /// bit and its weight would bend too sharply for the panels of g₀.
    ///
    /// - Parameters:
    ///   - n: agents ≥ 1; a: offered load > 0; theta: AHT/patience in [10⁻²⁹⁰, 10³⁰⁰];
    ///     tau: t/AHT ≥ 0; logBlocking: log B(n, A) (−∞ allowed).
    /// - Complexity: O(1): two sets of at most ~200 pieces of 10 nodes.
    static func byQuadrature(
        agents n: Double, traffic a: Double, theta: Double, threshold tau: Double, logBlocking logB: Double
    ) -> Outcome {
        let overloaded = a > n
        let referenceLog = overloaded ? _log1p((a - n) / n) : 0  // θs₀ = ln(A/n)
        let reference = referenceLog / theta  // s₀
        let rate = overloaded ? n : a  // A·e^(−θs₀)
        let c = overloaded ? 0 : a - n  // g₀′(s₀)
        let logPeak = overloaded ? devianceTerm(n, a) / theta : 0  // g₀(s₀) = x·(ρ − 1 − ln ρ)
        let lower = -reference, clip = tau - reference
        let virtual = LogConcaveQuadrature(
            WaitExponent(slopeAtReference: c, rate: rate, theta: theta, referenceLog: referenceLog, ownPatience: false),
            mode: 0, lower: lower)
        // The mode of g₁: c + r·expm1(−θd) − θ = 0, or s = 0.
        let servedMode = max(lower, -_log1p((theta - c) / rate) / theta)
        let served = LogConcaveQuadrature(
            WaitExponent(slopeAtReference: c, rate: rate, theta: theta, referenceLog: referenceLog, ownPatience: true),
            mode: servedMode, lower: lower)
        let v = virtual.integrals(weight: { d in -_expm1(-max(0, referenceLog + theta * d)) }, upTo: clip)
        let s = served.integrals(weight: { d in max(0, reference + d) }, upTo: clip)
        let scale = _exp(served.peak - virtual.peak)  // ≤ 1: g₁ ≤ g₀
        let k0 = v.total, k1 = s.total * scale
        let kAbandon = k1 <= 0.5 * k0 ? k0 - k1 : v.weighted
        func share(_ k: Double) -> Double { k0 > 0 ? k / k0 : 0 }

        let logCurlyA = _log(n) + logPeak + virtual.peak + _log(k0)
        let logBelow = _log(-_expm1(logB)) - logB  // log((1 − E_B)/E_B)
        let pWait = 1 / (1 + _exp(logBelow - logCurlyA))
        let pNoWait = 1 / (1 + _exp(logCurlyA - logBelow))
        return Outcome(
            probabilityOfWaiting: pWait,
            probabilityOfAbandonment: pWait * share(kAbandon),
            probabilityOfService: pNoWait + pWait * share(k1),
            answeredWithin: pNoWait + pWait * share(s.clipped * scale),
            virtualWithin: pNoWait + pWait * share(v.clipped),
            waitOfAnswered: pWait * share(s.weighted * scale))
    }

    /// The limit of a vanishing patience (θ → ∞): a contact that finds every agent busy hangs up
    /// at once, so Erlang A is the loss system Erlang B: P(wait) = P(abandon) = E_B, every answered
    /// contact is answered at once, and the virtual wait of a blocked contact is Exp(nμ).
    /// Exact to double precision once θ ≥ 10³⁰⁰ (the corrections are O((n + A)/θ)).
    static func lossLimit(agents n: Double, threshold tau: Double, logBlocking logB: Double) -> Outcome {
        let b = _exp(logB)
        return Outcome(
            probabilityOfWaiting: b, probabilityOfAbandonment: b, probabilityOfService: -_expm1(logB),
            answeredWithin: -_expm1(logB), virtualWithin: 1 - b * _exp(-n * tau), waitOfAnswered: 0)
    }
}
