import CCPlanBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Prediction ranges from backtest errors, by lead time and by level: split conformal prediction
/// (Vovk et al. 2005) with a normalised score (Papadopoulos et al. 2008; Lei et al. 2018,
/// "locally weighted" conformal), so that one pooled set of scores serves every level and lead.
///
/// **Intervals**, on the √ scale where count noise has nearly constant variance. An interval's
/// error has a day part (the whole day's level missed by a factor e^r, shared by every interval
/// of the day) and a within-day part u; by the delta method for √(f·e^r),
///
///     e = √(y + ¼) − √(f + ¼),    σ²(f) = σ_u² + (f/4)·σ_r²,
///
/// σ_r² the mean square of the day errors r = log(A/F) of the backtest's days, pooled over its
/// lead days (a few dozen days a lead week cannot resolve how the variance grows within four
/// weeks: the estimate's relative error is √(2/30) ≈ 26 %), σ_u² the mean square of the
/// within-day errors √(y + ¼) − √(f·A/F + ¼). The scores s = e/σ(f) of all backtest intervals
/// are pooled, and
///
///     q_p(d, s) = max(0, √(f + ¼) + s₍ₖ₎·σ(f))² − ¼,   k = ⌊p(n + 1)⌋ for p < ½, ⌈p(n + 1)⌉ above,
///
/// s₍ₖ₎ the k-th smallest of the n scores (clamped to 1…n): the finite-sample conformal rank, so
/// each one-sided bound holds with probability at least p when the scores are exchangeable.
/// They are not quite: a holdout's scores share its days' levels, so the scores' location is
/// partly the bias of a few fortnights, which the model re-estimates at every origin. The part of
/// the holdouts' mean median score that their spread cannot tell from zero is removed from
/// s₍ₖ₎ (empirical Bayes, ``unreliableLocation(_:)``): a bias every holdout shows stays in the
/// band, an inconsistent one does not shift it. (Without this, on 20 weekly origins of the US
/// bank data 5.2 % of intervals fell below p10 and 17.1 % above p90.) A
/// busy interval's range is wider in proportion (its error is mostly the day's level), a quiet
/// one's is the count noise. (Quantiles of raw errors per lead week and level tercile, the first
/// design, rested on about 30 days a bin: on 20 weekly origins of the US bank data they covered
/// 71 %, 62 % at peak intervals.) Beyond the interval backtest's last lead day σ_r² is the
/// long-horizon backtest's mean square day error at that lead band, when larger. With no
/// backtest errors at all the √ errors are taken as N(0, ¼), the Poisson value.
///
/// **Day totals**, on the log scale: r = log(A / F) by lead band (days 1–14, 15–56, 57–182,
/// 183 on), from the long-horizon backtest when there is one, else from the interval backtest's
/// day sums; q_p = F·exp(r₍ₖ₎).
struct PredictionRanges: Sendable {
    /// Sorted normalised scores of the backtest intervals (empty: Poisson fallback).
    let scores: [Double]
    /// The part of the scores' location that the holdouts cannot tell from their own day levels
    /// (see ``unreliableLocation(_:)``); the bands are shifted back by it.
    let unreliableLocation: Double
    /// σ_u², the within-day √ error variance.
    let withinDayVariance: Double
    /// σ_r², the day errors' mean square over the interval backtest.
    let dayVariance: Double
    /// The interval backtest's last lead day.
    let backtestLead: Int
    /// Day-total bands: last lead day, sorted log errors and their mean square (nil when none);
    /// never empty.
    let dayBands: [(lastLead: Int, errors: [Double], meanSquare: Double?)]
    /// Whether the day errors come from the long-horizon backtest (then they give σ_r² beyond
    /// the interval backtest's reach).
    let hasLongErrors: Bool

    static let dayBandEnds = [14, 56, 182, Int.max]

    init(sample: ResidualSample, dayErrors: LongHorizonBacktest.DayErrors?) {
        // Day errors r = log(A/F), pooled over the lead days of the interval backtest, and
        // within-day errors.
        var ratio = [Double](repeating: .nan, count: sample.dayLead.count)
        var squares = 0.0, days = 0.0
        for d in sample.dayLead.indices where sample.dayForecast[d] > 0 && sample.dayActual[d] > 0 {
            ratio[d] = sample.dayActual[d] / sample.dayForecast[d]
            squares += log(ratio[d]) * log(ratio[d]); days += 1
        }
        dayVariance = days > 0 ? squares / days : 0
        backtestLead = sample.lead.max() ?? 0
        var within = 0.0, withinCount = 0.0
        for i in sample.lead.indices {
            let r = ratio[sample.day[i]]
            guard r.isFinite else { continue }
            let u = rootTransform(sample.actual[i]) - rootTransform(sample.forecast[i] * r)
            within += u * u; withinCount += 1
        }
        withinDayVariance = withinCount > 0 ? within / withinCount : 0.25
        var s: [Double] = [], holdoutMedians: [Double] = []
        s.reserveCapacity(sample.lead.count)
        let starts = sample.holdoutStarts.isEmpty ? [0] : sample.holdoutStarts
        for (h, start) in starts.enumerated() {
            let end = h + 1 < starts.count ? starts[h + 1] : sample.lead.count
            let first = s.count
            for i in start..<end {
                let f = sample.forecast[i]
                let v = withinDayVariance + f / 4 * dayVariance
                guard v > 0 else { continue }
                s.append((rootTransform(sample.actual[i]) - rootTransform(f)) / v.squareRoot())
            }
            if s.count > first { holdoutMedians.append(median(Array(s[first...]))) }
        }
        scores = s.sorted()
        unreliableLocation = PredictionRanges.unreliableLocation(holdoutMedians)
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
        for b in merged.indices.dropFirst() where merged[b].errors.count < 30 {
            merged[b].errors += merged[b - 1].errors
        }
        dayBands = merged.map { band in
            let errors = band.errors.sorted()
            let meanSquare = errors.isEmpty ? nil : errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)
            return (band.lastLead, errors, meanSquare)
        }
    }

    /// The part of the holdouts' mean median score `m̄` that is noise: `m̄ − m̄·max(0, 1 − SE²/m̄²)`.
    ///
    /// A holdout's errors share its days' levels, so its median score is the bias of one fortnight;
    /// `m̄` mixes a persistent bias (which the band should carry) with the holdouts' own level
    /// shocks, whose variance is `SE² = var(m_h)/H`. The empirical-Bayes (positive-part
    /// James–Stein) estimate of the bias under a N(0, τ²) prior, τ² = max(0, m̄² − SE²) by
    /// moments, is `m̄·τ²/(τ² + SE²)`; the rest is removed. With fewer than two holdouts nothing
    /// tells the two apart and the whole of `m̄` is removed (the band is centred on the forecast).
    static func unreliableLocation(_ medians: [Double]) -> Double {
        let h = Double(medians.count)
        guard medians.count >= 1 else { return 0 }
        let mean = medians.reduce(0, +) / h
        guard medians.count >= 2, mean != 0 else { return mean }
        let variance = medians.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (h - 1)
        let kept = max(0, 1 - variance / h / (mean * mean))
        return mean * (1 - kept)
    }

    /// The finite-sample conformal order statistic of sorted errors at level `p`.
    static func conformal(_ sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        let x = p * Double(n + 1)
        let k = p < 0.5 ? Int(x.rounded(.down)) : Int(x.rounded(.up))
        return sorted[min(n, max(1, k)) - 1]
    }

    /// The `level` quantile of an interval's volume for point forecast `f` at lead day `lead` (≥ 1).
    ///
    /// - Complexity: O(1).
    func quantile(forecast f: Double, lead: Int, level: Double) -> Double {
        guard f > 0 else { return 0 }
        let q: Double
        if scores.isEmpty {
            q = 0.5 * StandardNormal.quantile(level)
        } else {
            var variance = dayVariance
            if lead > backtestLead, hasLongErrors {
                // Beyond the interval backtest: the long-horizon backtest's day errors at this lead.
                if let meanSquare = dayBand(lead: lead).meanSquare { variance = max(variance, meanSquare) }
            }
            q =
                (PredictionRanges.conformal(scores, level) - unreliableLocation)
                * (withinDayVariance + f / 4 * variance).squareRoot()
        }
        let v = rootBack(rootTransform(f) + q, variance: 0)
        return v.isFinite ? v : 0
    }

    /// The `level` quantile of a day total `total` at lead day `lead`; `total` itself when no errors are known.
    func dayQuantile(total: Double, lead: Int, level: Double) -> Double {
        guard total > 0 else { return 0 }
        let r = dayBand(lead: lead).errors
        guard !r.isEmpty else { return total }
        let v = total * exp(PredictionRanges.conformal(r, level))
        return v.isFinite ? v : total
    }

    /// The day band of a lead day (the last band beyond them all).
    private func dayBand(lead: Int) -> (lastLead: Int, errors: [Double], meanSquare: Double?) {
        dayBands.first { lead <= $0.lastLead } ?? dayBands[dayBands.count - 1]
    }
}
