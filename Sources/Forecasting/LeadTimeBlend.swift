import CCPlanBase

/// One forecast from a short-term interval model and a long-horizon model, switched by lead time
/// without a visible jump: interval by interval,
///
///     N̂(d, s) = w(h)·Ŝ(d, s) + (1 − w(h))·L̂(d, s),
///
/// h the lead in days (1 = the first day after the history). w is given per lead week (weeks
/// 1, 2, …, then 0), taken at each week's middle day and interpolated linearly between them, down
/// to 0 one week after the last given week, so day totals move smoothly from one model to the
/// other. ``weights(shortErrors:longErrors:)`` estimates them from backtest errors (Bates &
/// Granger 1969; the long-horizon guide's §5 on blending by lead time).
public struct LeadTimeBlend: ForecastModel {
    /// The model of the first days (an interval model).
    public var short: any ForecastModel
    /// The model of the long horizon.
    public var long: any ForecastModel
    /// The weight of `short` in lead weeks 1, 2, … (each in [0, 1]); 0 after them.
    public var weeklyShortWeights: [Double]
    /// The model's name in reports: `short+long`.
    public var name: String { "\(short.name)+\(long.name)" }

    /// A blend with `short`'s weight per lead week (clamped to [0, 1]).
    ///
    /// - Complexity: O(weeks).
    public init(short: any ForecastModel, long: any ForecastModel, weeklyShortWeights: [Double] = [1, 1, 0.5]) {
        self.short = short
        self.long = long
        self.weeklyShortWeights = weeklyShortWeights.map { $0.isFinite ? min(1, max(0, $0)) : 0 }
    }

    /// The weight of `short` at lead day `h` (≥ 1).
    ///
    /// - Complexity: O(1).
    public func shortWeight(lead h: Int) -> Double {
        let w = weeklyShortWeights
        guard !w.isEmpty else { return 0 }
        // Knots at the middle day of each week (4, 11, 18, …), and 0 one week after the last.
        let x = Double(h - 4) / 7
        if x <= 0 { return w[0] }
        let k = Int(x.rounded(.down))
        let a = k < w.count ? w[k] : 0, b = k + 1 < w.count ? w[k + 1] : 0
        return a + (b - a) * (x - Double(k))
    }

    /// Bates & Granger (1969) weights per lead week from paired backtest errors of day totals:
    ///
    ///     w_k = (σ_L² − σ_SL) / (σ_S² + σ_L² − 2σ_SL),   clamped to [0, 1],
    ///
    /// σ² the mean squared errors and σ_SL the mean product of the two models' errors in week k;
    /// then made non-increasing in k (the short model never regains weight further out).
    ///
    /// - Complexity: O(errors).
    public static func weights(shortErrors: [[Double]], longErrors: [[Double]]) -> [Double] {
        var out: [Double] = []
        for k in shortErrors.indices {
            let a = shortErrors[k], b = longErrors[k]
            guard !a.isEmpty, a.count == b.count else { out.append(out.last ?? 0); continue }
            var ss = 0.0, ll = 0.0, sl = 0.0
            for i in a.indices { ss += a[i] * a[i]; ll += b[i] * b[i]; sl += a[i] * b[i] }
            let denominator = ss + ll - 2 * sl
            var w = denominator > 0 ? (ll - sl) / denominator : 0.5
            w = min(1, max(0, w.isFinite ? w : 0.5))
            out.append(min(w, out.last ?? 1))
        }
        return out
    }

    /// - Complexity: the two models' costs plus O(intervals).
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        let lastDay = context.history.dates.last?.dayNumber ?? 0
        let s = context.slotsPerDay
        let weights = context.targetDates.map { shortWeight(lead: $0.dayNumber - lastDay) }
        let a = weights.contains { $0 > 0 } ? try short.forecast(context) : []
        let b = weights.contains { $0 < 1 } ? try long.forecast(context) : []
        var out = [Double](repeating: 0, count: context.targetDates.count * s)
        for (t, w) in weights.enumerated() {
            for j in 0..<s {
                let i = t * s + j
                out[i] = (w > 0 ? w * a[i] : 0) + (w < 1 ? (1 - w) * b[i] : 0)
            }
        }
        return out
    }
}
