/// The log of Erlang A's virtual-wait integrands, in units of the handle time (μ = 1), about a
/// reference point s₀ of the wait s (d = s − s₀):
///
/// `F(d) = g_k(s₀ + d) − g₀(s₀)` with `g_k(s) = −(n + kθ)·s + (A/θ)·(1 − e^(−θs))`, k ∈ {0, 1},
///
/// written so that nothing large cancels: with `r = A·e^(−θs₀)` and `c = r − n`,
/// `F(d) = c·d − r·d·ψ(θd) − k·(θs₀ + θd)`, `ψ(u) = (e^(−u) − 1 + u)/u` (``expRemainderRatio(_:)``),
/// `F′(d) = c + r·expm1(−θd) − kθ`, `F″(d) = −rθ·e^(−θd) < 0`: F is concave.
///
/// `e^(g₀(s))` is the virtual-wait density up to its constant (`f_V(s) = πₙ·n·e^(g₀(s))`) and
/// `e^(g₁(s)) = e^(g₀(s))·e^(−θs)` weighs it by the chance that the contact's own patience outlasts
/// the wait. The reference point is the mode of g₀ (`s₀ = ln(A/n)/θ` when A > n, else 0), so that
/// `θs₀ = ln(A/n)` stays moderate even when s₀ itself is 10²⁰ handle times (near-infinite
/// patience in overload) and F is accurate to a few ulps of its own size.
struct WaitExponent: ConcaveExponent {
    /// c = F′(0) + kθ: the slope of g₀ at s₀ (0 when s₀ is the interior mode).
    let slopeAtReference: Double
    /// r = A·e^(−θs₀), the arrival rate seen at s₀.
    let rate: Double
    /// θ = AHT / mean patience.
    let theta: Double
    /// k·θs₀: the own-patience factor e^(−θs₀) at the reference, in log.
    let shift: Double
    /// k·θ: the own-patience decay rate.
    let decay: Double

    /// The exponent of `e^(g_k)` about the reference point whose `θs₀` is `referenceLog`.
    init(slopeAtReference c: Double, rate r: Double, theta: Double, referenceLog: Double, ownPatience: Bool) {
        slopeAtReference = c
        rate = r
        self.theta = theta
        shift = ownPatience ? referenceLog : 0
        decay = ownPatience ? theta : 0
    }

    @inline(__always) func value(_ d: Double) -> Double {
        // c·d − r·(d·ψ(θd)): the product d·ψ(θd) first, so that a huge d and a tiny θ do not overflow.
        slopeAtReference * d - rate * (d * expRemainderRatio(theta * d)) - shift - decay * d
    }

    @inline(__always) func slope(_ d: Double) -> Double {
        slopeAtReference + rate * _expm1(-theta * d) - decay
    }

    @inline(__always) func curvature(_ d: Double) -> Double {
        -rate * theta * _exp(-theta * d)
    }

    /// 1/θ: the scale of the term e^(−θd), which can bend F (and the weights 1 − e^(−θs)) more
    /// sharply than F's level sets show when θ is large.
    var innerScale: Double { 1 / theta }

    /// Whether the term e^(−θd) still matters at d: `max(r/θ, e^(−θs₀))·e^(−θd) ≥ 1e-18`.
    func bends(at d: Double) -> Bool {
        let logSize = max(_log(rate) - _log(theta), -shift)
        return logSize - theta * d >= -41.5
    }
}
