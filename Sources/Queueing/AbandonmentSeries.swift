/// Sums of the series behind Erlang A, all relative to one scale so that nothing overflows.
///
/// With terms `tⱼ = zʲ / Π_{i=1..j}(c + i)` (j ≥ 0):
/// - `s0 = Σ tⱼ = 𝒜(c, z) = c·e^z·z^(−c)·γ(c, z)`
/// - `s1 = Σ (j + 1)·tⱼ / (c + j + 1)`   (so that `s0 − s1 = c·Σ tⱼ/(c + j + 1)`)
/// - `t1 = Σ tⱼ / (c + j + 1)          = 𝒜(c + 1, z) / (c + 1)`
/// - `h  = Σ tⱼ·Hⱼ / (c + j + 1)`, `Hⱼ = Σ_{i=1..j+1} 1/(c + i)`  (= −∂t1/∂c, for the ASA)
///
/// The terms rise while j < z − c and fall after, so the sum starts at the largest term
/// j* = ⌊z − c⌋ (its log from `log Γ`) and walks both ways until the terms no longer count:
/// O(√max(c, z)) terms whatever the overload.
struct AbandonmentSeries {
    /// log of the common scale: every sum below is to be multiplied by `exp(logScale)`.
    var logScale: Double
    var s0: Double
    var s1: Double
    var t1: Double
    var h: Double

    /// log 𝒜(c, z).
    var logSum: Double { logScale + _log(s0) }

    init(c: Double, z: Double, harmonic: Bool) {
        let tolerance = 1e-17
        let peak = max(0, (z - c).rounded(.down))
        logScale = peak == 0 ? 0 : peak * _log(z) - (_lgamma(c + peak + 1) - _lgamma(c + 1))
        // H at the peak: H_{j*} = Σ_{i=1..j*+1} 1/(c + i).
        var hPeak = 0.0
        if harmonic {
            if peak <= 4096 {
                var i = 1.0
                while i <= peak + 1 { hPeak += 1 / (c + i); i += 1 }
            } else {
                hPeak = digamma(c + peak + 2) - digamma(c + 1)
            }
        }
        var s0 = 0.0, s1 = 0.0, t1 = 0.0, h = 0.0
        // Forward from the peak.
        var term = 1.0, j = peak, hj = hPeak
        var count = 0
        while count < 50_000_000 {
            let w = 1 / (c + j + 1)
            s0 += term
            s1 += term * (j + 1) * w
            t1 += term * w
            if harmonic { h += term * w * hj }
            term *= z * w
            j += 1
            if harmonic { hj += 1 / (c + j + 1) }
            count += 1
            if term <= tolerance * s0 && j > z - c { break }
        }
        // Backward from the peak: t_{j−1} = t_j·(c + j)/z.
        term = 1.0; j = peak; hj = hPeak
        while j > 0 {
            term *= (c + j) / z
            if harmonic { hj -= 1 / (c + j + 1) }
            j -= 1
            let w = 1 / (c + j + 1)
            s0 += term
            s1 += term * (j + 1) * w
            t1 += term * w
            if harmonic { h += term * w * hj }
            if term <= tolerance * s0 { break }
        }
        self.s0 = s0
        self.s1 = s1
        self.t1 = t1
        self.h = h
    }
}
