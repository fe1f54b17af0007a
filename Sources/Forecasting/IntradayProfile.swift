import CCPlanBase

/// How a day's total spreads over its intervals, per weekday: the top-down half of the day-level
/// model (Weinberg, Brown & Stroud 2007: day volume × intraday proportions),
///
///     N̂(d, s) = Ŷ_d · p_{w(d)}(s),   Σ_s p_w(s) = 1.
///
/// p_w is estimated from the last `weeks` same-weekday days with data: c_w(s) is the mean of the
/// observed values of the cell times the number of those days (an unobserved cell is unknown, not
/// zero); a sparse weekday is pooled towards the all-weekday shape P and smoothed across
/// neighbouring slots:
///
///     p̃_w(s) = (c_w(s) + κ·P(s)) / (Σ c_w + κ),   κ = 20 · slots (about 20 contacts per slot),
///     p_w(s) ∝ (1 − ρ_w)·p̃_w(s) + ρ_w·(p̃_w(s−1) + 2p̃_w(s) + p̃_w(s+1))/4,   ρ_w = κ/(Σ c_w + κ),
///
/// then closed slots (``PostProcessor``'s mask) are set to 0 and the rest renormalised, so no
/// volume is lost to a closed interval.
struct IntradayProfile: Sendable {
    /// p_w(s), `7 × slots`; a weekday with no data has all zeros.
    let shares: [Double]
    let slots: Int

    /// - Complexity: O(days · slots).
    init(grid g: Grid, closedMask: [Bool], weeks: Int = 8) {
        let s = g.slots
        slots = s
        var counts = [Double](repeating: 0, count: 7 * s)
        var observed = [Double](repeating: 0, count: 7 * s)
        var seen = [Int](repeating: 0, count: 7)
        var r = g.days - 1
        while r >= 0, seen.contains(where: { $0 < weeks }) {
            let w = g.weekday(row: r)
            if g.hasData[r], seen[w] < weeks {
                seen[w] += 1
                for j in 0..<s {
                    let v = g.y[r * s + j]
                    if !v.isNaN { counts[w * s + j] += v; observed[w * s + j] += 1 }
                }
            }
            r -= 1
        }
        for w in 0..<7 {
            for j in 0..<s where observed[w * s + j] > 0 { counts[w * s + j] *= Double(seen[w]) / observed[w * s + j] }
        }
        var pooled = [Double](repeating: 0, count: s)
        var all = 0.0
        for w in 0..<7 { for j in 0..<s { pooled[j] += counts[w * s + j]; all += counts[w * s + j] } }
        if all > 0 { for j in 0..<s { pooled[j] /= all } }
        let kappa = 20 * Double(s)
        var out = [Double](repeating: 0, count: 7 * s)
        for w in 0..<7 where seen[w] > 0 {
            // The pooled shape restricted to this weekday's open slots.
            var base = [Double](repeating: 0, count: s)
            var baseTotal = 0.0
            for j in 0..<s where !closedMask[w * s + j] { base[j] = pooled[j]; baseTotal += pooled[j] }
            if baseTotal > 0 { for j in 0..<s { base[j] /= baseTotal } }
            var total = 0.0
            for j in 0..<s { total += counts[w * s + j] }
            var raw = [Double](repeating: 0, count: s)
            for j in 0..<s { raw[j] = (counts[w * s + j] + kappa * base[j]) / (total + kappa) }
            let rho = kappa / (total + kappa)
            var sum = 0.0
            for j in 0..<s {
                guard !closedMask[w * s + j] else { continue }
                let left = j > 0 ? raw[j - 1] : raw[j], right = j < s - 1 ? raw[j + 1] : raw[j]
                let v = (1 - rho) * raw[j] + rho * (left + 2 * raw[j] + right) / 4
                out[w * s + j] = v
                sum += v
            }
            if sum > 0 { for j in 0..<s { out[w * s + j] /= sum } }
        }
        shares = out
    }

    /// p_w(s).
    @inline(__always) func share(weekday w: Int, slot j: Int) -> Double { shares[w * slots + j] }
}
