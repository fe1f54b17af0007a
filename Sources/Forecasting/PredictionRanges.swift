import CCPlanBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Prediction ranges from backtest errors, by lead time and by level (split conformal prediction
/// per band: Vovk et al. 2005; Stankeviciute, Alaa & van der Schaar 2021 per horizon step).
///
/// **Intervals**, on the √ scale where count noise has nearly constant variance:
///
///     e = √(y + ¼) − √(f + ¼),  pooled by lead week (days 1–7, 8–14, …) and by level
///     (terciles of the forecast f: a busy interval's errors are wider than a quiet one's)
///     q_p(d, s) = max(0, √(f + ¼) + e₍ₖ₎)² − ¼,   k = ⌊p(n + 1)⌋ for p < ½, ⌈p(n + 1)⌉ above,
///
/// e₍ₖ₎ the k-th smallest of the n errors of the band (clamped to 1…n): the finite-sample
/// conformal rank, so each one-sided bound holds with probability at least p when the errors are
/// exchangeable. Leads beyond the backtest take the last week's errors widened by the day-level
/// uncertainty (below) in quadrature, σ_z² = σ_e² + (f/4)·σ_r² (the delta method for √(f·e^r)).
/// With no backtest errors at all the √ errors are taken as N(0, ¼), the Poisson value.
///
/// **Day totals**, on the log scale: r = log(A / F) by lead band (days 1–14, 15–56, 57–182,
/// 183 on), from the long-horizon backtest when there is one, else from the interval backtest's
/// day sums; q_p = F·exp(r₍ₖ₎).
struct PredictionRanges: Sendable {
    /// Per lead week: level bins (upper forecast bound, sorted √ errors).
    let weeks: [[(upper: Double, errors: [Double])]]
    /// Day-total bands: (last lead day, sorted log errors).
    let dayBands: [(lastLead: Int, errors: [Double])]
    /// Whether the day errors come from the long-horizon backtest (then they widen the interval
    /// ranges beyond the interval backtest's reach).
    let hasLongErrors: Bool

    static let dayBandEnds = [14, 56, 182, Int.max]

    init(sample: ResidualSample, dayErrors: LongHorizonBacktest.DayErrors?, minimumPerBin: Int = 60) {
        let maxLead = sample.lead.max() ?? 0
        let weekCount = max(0, (maxLead + 6) / 7)
        // Tercile edges of the forecasts (all leads pooled).
        let sortedForecasts = sample.forecast.sorted()
        let edges = sortedForecasts.count >= 3 * minimumPerBin
            ? [sortedQuantile(sortedForecasts, 1.0 / 3), sortedQuantile(sortedForecasts, 2.0 / 3)] : []
        var raw = [[[Double]]](repeating: [[Double]](repeating: [], count: edges.count + 1), count: weekCount)
        for i in sample.lead.indices {
            let f = sample.forecast[i]
            let bin = edges.firstIndex { f <= $0 } ?? edges.count
            raw[(sample.lead[i] - 1) / 7][bin].append(rootTransform(sample.actual[i]) - rootTransform(f))
        }
        var out: [[(upper: Double, errors: [Double])]] = []
        for w in raw.indices {
            // A thin bin borrows from the same level in neighbouring weeks, then from all levels.
            var bins: [(upper: Double, errors: [Double])] = []
            for b in 0...edges.count {
                var e = raw[w][b]
                var k = 1
                while e.count < minimumPerBin, k < raw.count {
                    if w - k >= 0 { e += raw[w - k][b] }
                    if w + k < raw.count { e += raw[w + k][b] }
                    k += 1
                }
                bins.append((b < edges.count ? edges[b] : .infinity, e.sorted()))
            }
            if bins.contains(where: { $0.errors.count < minimumPerBin }) {
                bins = [(.infinity, raw[w].flatMap { $0 }.sorted())]
            }
            out.append(bins)
        }
        weeks = out
        // Day totals.
        hasLongErrors = !(dayErrors?.lead.isEmpty ?? true)
        var lead = dayErrors?.lead ?? [], forecast = dayErrors?.forecast ?? [], actual = dayErrors?.actual ?? []
        if lead.isEmpty { lead = sample.dayLead; forecast = sample.dayForecast; actual = sample.dayActual }
        var bands = [[Double]](repeating: [], count: PredictionRanges.dayBandEnds.count)
        for i in lead.indices where forecast[i] > 0 && actual[i] > 0 {
            let b = PredictionRanges.dayBandEnds.firstIndex { lead[i] <= $0 }!
            bands[b].append(log(actual[i] / forecast[i]))
        }
        var merged: [(lastLead: Int, errors: [Double])] = []
        for (b, end) in PredictionRanges.dayBandEnds.enumerated() where !bands[b].isEmpty || merged.isEmpty {
            merged.append((end, bands[b]))
        }
        // Bands with too few errors take their predecessor's as well.
        for b in merged.indices.dropFirst() where merged[b].errors.count < 30 { merged[b].errors += merged[b - 1].errors }
        dayBands = merged.map { ($0.lastLead, $0.errors.sorted()) }
    }

    /// The finite-sample conformal order statistic of sorted errors at level `p`.
    static func conformal(_ sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        let x = p * Double(n + 1)
        let k = p < 0.5 ? Int(x.rounded(.down)) : Int(x.rounded(.up))
        return sorted[min(n, max(1, k)) - 1]
    }

    /// The `level` quantile of an interval's volume for point forecast `f` at lead day `lead` (≥ 1).
    func quantile(forecast f: Double, lead: Int, level: Double) -> Double {
        guard f > 0 else { return 0 }
        let q: Double
        if weeks.isEmpty {
            q = 0.5 * StandardNormal.quantile(level)
        } else {
            let w = (lead - 1) / 7
            let bins = weeks[min(weeks.count - 1, max(0, w))]
            let bin = bins.first { f <= $0.upper } ?? bins[bins.count - 1]
            if bin.errors.isEmpty {
                q = 0.5 * StandardNormal.quantile(level)
            } else if w < weeks.count || !hasLongErrors {
                q = PredictionRanges.conformal(bin.errors, level)
            } else {
                // Beyond the backtest: the last week's spread widened by the day-level uncertainty.
                let spread = (sortedQuantile(bin.errors, 0.9) - sortedQuantile(bin.errors, 0.1)) / 2.5631
                let centre = sortedQuantile(bin.errors, 0.5)
                let r = dayErrors(lead: lead)
                let daySpread = r.isEmpty ? 0 : (sortedQuantile(r, 0.9) - sortedQuantile(r, 0.1)) / 2.5631
                let sigma = (spread * spread + f / 4 * daySpread * daySpread).squareRoot()
                q = centre + sigma * StandardNormal.quantile(level)
            }
        }
        let v = rootBack(rootTransform(f) + q, variance: 0)
        return v.isFinite ? v : 0
    }

    /// The `level` quantile of a day total `total` at lead day `lead`; `total` itself when no errors are known.
    func dayQuantile(total: Double, lead: Int, level: Double) -> Double {
        guard total > 0 else { return 0 }
        let r = dayErrors(lead: lead)
        guard !r.isEmpty else { return total }
        let v = total * exp(PredictionRanges.conformal(r, level))
        return v.isFinite ? v : total
    }

    private func dayErrors(lead: Int) -> [Double] {
        (dayBands.first { lead <= $0.lastLead } ?? dayBands.last)?.errors ?? []
    }
}
