/// A concave function F with its first two derivatives: the log of a log-concave integrand.
protocol ConcaveExponent {
    func value(_ d: Double) -> Double
    func slope(_ d: Double) -> Double
    func curvature(_ d: Double) -> Double
    /// A scale on which F may bend more sharply than its level sets show.
    var innerScale: Double { get }
    /// Whether that bending still matters at d (beyond it, F is smooth on the scale of its levels).
    func bends(at d: Double) -> Bool
}

/// Quadrature of a log-concave integrand `e^(F(d))` over `[lower, ∞)`, to ~1e-15 relative, in
/// bounded time whatever the scale of F (widths from 10⁻³⁰⁰ to 10³⁰⁰ handle times).
///
/// The integrand is unimodal, with its mode d* given. On each side of d* the points where F has
/// fallen by `ℓ_k = 2k²` (k = 1…5: 2, 8, 18, 32, 50) bound panels: a Gaussian peak gets two
/// standard deviations per panel, an exponential tail panels over which e^F falls by e^2, e^6,
/// …, e^18. Gauss–Legendre's error on such a panel, `L^(2n+1)(n!)⁴/((2n+1)((2n)!)³)·max|f^(2n)|`
/// with n = 10, is below 1e-14 of the integral even on the last panels (L = 14 and 18, where
/// e^F ≤ e^(−18) and e^(−32)); on 545 random cases from one agent to 10⁵ and θ from 10⁻²⁰ to
/// 10¹² the worst error against mpmath is 4e-14 (the panels of k²/2, twice as many, do no better).
/// Each level point is reached by steps to the root of F's local quadratic model; once beyond the
/// level, safeguarded Newton steps (which stay beyond, by concavity) come back to within a tenth
/// of the level's gap (plus ½). Beyond the last point p (F(p) ≤ F(d*) − 50) concavity bounds the
/// tail, `∫_p^∞ e^F ≤ e^(F(p))/|F′(p)|`, by e^(−50) of the integral. A panel wider than twice
/// ``ConcaveExponent/innerScale`` is cut at `u + 2ʲ·innerScale` while F still bends there (the
/// levels do not see a bend whose height is below ½, but the rule would).
/// Every piece gets the 10-point Gauss–Legendre rule (exact to degree 19).
///
/// - Complexity: O(1): at most 10 panels, each cut at most ~60 times, ≤ 200 steps per level point.
struct LogConcaveQuadrature<Exponent: ConcaveExponent> {
    let exponent: Exponent
    /// F(d*): every integral is returned relative to e^peak.
    let peak: Double
    /// The boundaries of the pieces, ascending.
    private(set) var bounds: [Double] = []

    init(_ exponent: Exponent, mode: Double, lower: Double) {
        self.exponent = exponent
        let top = exponent.value(mode)
        peak = top
        var right: [Double] = [], left: [Double] = []
        var point = mode, value = top
        for level in GaussLegendre.levels {
            let next = levelPoint(from: point, value: value, target: top - level, limit: nil, direction: 1)
            if next.point > point { right.append(next.point) }
            (point, value) = (next.point, next.value)
            if next.atLimit { break }
        }
        point = mode
        value = top
        if mode > lower {
            for level in GaussLegendre.levels {
                let next = levelPoint(from: point, value: value, target: top - level, limit: lower, direction: -1)
                if next.point < point { left.append(next.point) }
                (point, value) = (next.point, next.value)
                if next.atLimit { break }
            }
        }
        let panels = left.reversed() + [mode] + right
        bounds = [panels[0]]
        for (u, v) in zip(panels, panels.dropFirst()) {
            var scale = exponent.innerScale
            if v - u > 2 * scale {
                while u + scale < v, exponent.bends(at: u + scale) {
                    bounds.append(u + scale)
                    scale *= 2
                }
            }
            bounds.append(v)
        }
    }

    /// The point beyond `start` (where F = `value` ≥ `target`) in `direction` at which F is within
    /// a tenth of the level (plus ½) of `target`; `limit` when F stays above `target` up to it.
    private func levelPoint(
        from start: Double, value: Double, target: Double, limit: Double?, direction: Double
    ) -> (point: Double, value: Double, atLimit: Bool) {
        let f = exponent
        var inside = start, insideValue = value
        var beyond = start, beyondValue = value
        var found = false
        let reach = target + 1e-3 * (value - target)
        // A point at or beyond the level: the root of the local quadratic model of F, which by
        // concavity does not fall short by more than the model's error; repeated from there if it does.
        for _ in 0..<100 {
            let descent = max(0, -f.slope(inside) * direction)
            let bend = max(0, -f.curvature(inside))
            let gap = insideValue - target
            var step = 2 * gap / (descent + (descent * descent + 2 * bend * gap).squareRoot())
            if !step.isFinite { step = max(abs(inside), 1e-300) }
            var candidate = inside + direction * step
            if let limit, direction * (candidate - limit) >= 0 || !candidate.isFinite {
                let atLimit = f.value(limit)
                if atLimit >= target { return (limit, atLimit, true) }
                candidate = limit
            }
            let candidateValue = f.value(candidate)
            if candidateValue > reach {
                if candidate == inside { break }
                (inside, insideValue) = (candidate, candidateValue)
                continue
            }
            (beyond, beyondValue, found) = (candidate, candidateValue, true)
            break
        }
        guard found else { return (inside, insideValue, false) }
        // Back toward the level: Newton from beyond (it stays beyond, by concavity), bisection
        // inside the bracket when rounding or an infinite F would send it elsewhere.
        let tolerance = 0.5 + 0.1 * (value - target)
        var bisect = false
        for _ in 0..<100 {
            if beyondValue >= target - tolerance { break }
            var next = beyond - direction * (target - beyondValue) / max(-f.slope(beyond) * direction, 0)
            let bracketed = direction * (next - inside) > 0 && direction * (beyond - next) > 0
            if bisect || !next.isFinite || !bracketed { next = 0.5 * inside + 0.5 * beyond }
            if next == inside || next == beyond { break }
            let nextValue = f.value(next)
            if nextValue > target + tolerance {
                (inside, insideValue, bisect) = (next, nextValue, true)
            } else if nextValue < target - tolerance {
                (beyond, beyondValue, bisect) = (next, nextValue, false)
            } else {
                return (next, nextValue, false)
            }
        }
        return (beyond, beyondValue, false)
    }

    /// `∫ e^(F − peak)`, `∫ e^(F − peak)·weight` over `[lower, ∞)` and `∫ e^(F − peak)` over
    /// `[lower, clip]`, from one pass over the pieces.
    func integrals(weight: (Double) -> Double, upTo clip: Double) -> (total: Double, weighted: Double, clipped: Double)
    {
        var total = 0.0, weighted = 0.0, clipped = 0.0
        for (u, v) in zip(bounds, bounds.dropFirst()) {
            let piece = rule(from: u, to: v, weight: weight, weighted: true)
            total += piece.plain
            weighted += piece.weighted
            if v <= clip {
                clipped += piece.plain
            } else if u < clip {
                clipped += rule(from: u, to: clip, weight: weight, weighted: false).plain
            }
        }
        return (total, weighted, clipped)
    }

    /// The 10-point Gauss–Legendre rule on [u, v], of e^(F − peak) and (when `weighted`) of
    /// e^(F − peak)·weight.
    private func rule(
        from u: Double, to v: Double, weight: (Double) -> Double, weighted: Bool
    ) -> (plain: Double, weighted: Double) {
        let half = 0.5 * (v - u), middle = u + half
        var plain = 0.0, sum = 0.0
        for i in 0..<10 {
            let node = i < 5 ? -GaussLegendre.nodes[i] : GaussLegendre.nodes[i - 5]
            let d = middle + half * node
            let e = _exp(exponent.value(d) - peak) * GaussLegendre.weights[i < 5 ? i : i - 5]
            plain += e
            if weighted { sum += e * weight(d) }
        }
        return (plain * half, sum * half)
    }
}

/// The 10-point Gauss–Legendre rule on [−1, 1]: the positive roots of P₁₀ and their weights
/// `2/((1 − x²)·P₁₀′(x)²)` (mpmath at 40 digits, rounded); the rule is symmetric.
enum GaussLegendre {
    static let nodes: [Double] = [
        0.148_874_338_981_631_210_9, 0.433_395_394_129_247_190_8, 0.679_409_568_299_024_406_2,
        0.865_063_366_688_984_510_7, 0.973_906_528_517_171_720_1,
    ]
    static let weights: [Double] = [
        0.295_524_224_714_752_870_2, 0.269_266_719_309_996_355_1, 0.219_086_362_515_982_044_0,
        0.149_451_349_150_580_593_1, 0.066_671_344_308_688_137_6,
    ]
    /// The falls below the peak, `2k²` for k = 1…5, at which ``LogConcaveQuadrature`` puts its
    /// panel boundaries.
    static let levels: [Double] = [2, 8, 18, 32, 50]
}
