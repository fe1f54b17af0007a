import CCPlanBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the day-level model extrapolates the trend of its regression beyond the history.
public enum DayTrend: Sendable, Hashable {
    /// No slope: the local level of the deseasonalised totals at the end of the history, by
    /// simple exponential smoothing (``DayRegression/localLevel(firstDay:)``).
    case flat
    /// The end slope b damped (Gardner & McKenzie 1985): trend(T + h) = trend(T) + b·Σ_{i=1..h} φⁱ,
    /// φ = ½^(1/halfLife): the slope halves every `halfLifeDays` days and the trend levels off at
    /// trend(T) + b·φ/(1 − φ).
    case damped(halfLifeDays: Double)
}

/// A method that forecasts day totals (``DayLevelModel`` spreads them over the intervals).
///
/// - `regression`: the ``DayRegression`` with a trend extrapolation, optionally combined with
///   "same day last year × the regression's growth":
///   Ŷ_d = (1 − ω)·R̂_d + ω·Y_{d'}·R̂_d / R̃_{d'}, d' = d − 364m the latest weekday-aligned day of
///   the history with a total, R̂ the regression forecast and R̃ its in-sample fit.
/// - `regressionCombination`: the mean of those four forecasts (the default of ``DayLevelModel``).
/// - `sameDayLastYear`: Y_{d − 364m} (weekday-aligned; m = 1, or 2, 3 when that day has no total).
/// - `lastYearGrowth`: the same × G, G = Σ of the last 364 days ÷ Σ of the 364 days before them
///   (days with a total in both).
/// - `seasonalAverage(weeks:)`: the mean of the last k same-weekday totals.
public enum DailyMethod: Sendable, Hashable, CustomStringConvertible {
    case regression(trend: DayTrend, lastYearWeight: Double)
    /// The mean of the four ``regressionChoices`` (flat and damped trend, with and without the
    /// last-year combination): trend hypotheses combined rather than chosen, as the "Comb"
    /// benchmark of the M3/M4 competitions combines exponential smoothing methods.
    case regressionCombination
    /// The combined regression hedged with last year's numbers (see ``longHorizonChoices``): the
    /// equal-weight mean M of the combined regression R, same day last year and last year ×
    /// growth sets the level of every 29-day window, R the days inside it,
    ///
    ///     Ŷ_d = R_d · Σ_{|e−d|≤14} M_e / Σ_{|e−d|≤14} R_e,
    ///
    /// so that last year's single days (their noise) do not reach the day totals.
    case lastYearCombination
    case sameDayLastYear
    case lastYearGrowth
    case seasonalAverage(weeks: Int)

    /// The regression configurations that ``DayLevelModel`` chooses from by backtest.
    public static let regressionChoices: [DailyMethod] = [
        .regression(trend: .flat, lastYearWeight: 0), .regression(trend: .damped(halfLifeDays: 90), lastYearWeight: 0),
        .regression(trend: .flat, lastYearWeight: 0.5),
        .regression(trend: .damped(halfLifeDays: 90), lastYearWeight: 0.5),
    ]

    /// The long-horizon candidates of ``AutoModel``: the combined regression alone, or hedged
    /// with last year's numbers (``lastYearCombination``) — combine or not, chosen by backtest.
    ///
    /// The baselines enter through the combination, not alone: choosing among the regression and
    /// each baseline by a backtest of a few folds follows the folds' luck (a growth spurt in the
    /// folds crowns last year × growth just before growth stops), while an equal-weight
    /// combination is the robust answer when candidates are close (the "forecast combination
    /// puzzle": Smith & Wallis 2009; Claeskens et al. 2016). Measured on 34 quarterly origins of
    /// the two multi-year files (docs/forecasting.md), choosing between these two beats both
    /// selecting among all four and either one alone.
    public static let longHorizonChoices: [DailyMethod] = [.regressionCombination, .lastYearCombination]

    /// The simple day-level baselines a long-horizon choice must beat.
    public static let baselines: [DailyMethod] = [.sameDayLastYear, .lastYearGrowth, .seasonalAverage(weeks: 8)]

    public var description: String {
        switch self {
        case .regression(let trend, let w):
            let t: String
            switch trend {
            case .flat: t = "flat"
            case .damped(let h): t = "damped\(Int(h))"
            }
            return "day-regression(\(t)\(w > 0 ? ",ly=\(w)" : ""))"
        case .regressionCombination: return "day-regression"
        case .lastYearCombination: return "day-regression+last-year"
        case .sameDayLastYear: return "same-day-last-year"
        case .lastYearGrowth: return "last-year-growth"
        case .seasonalAverage(let k): return "day-average(k=\(k))"
        }
    }

    var isRegression: Bool {
        switch self {
        case .regression, .regressionCombination, .lastYearCombination: return true
        default: return false
        }
    }
}

/// Day-total forecasts of several ``DailyMethod``s from one training prefix of ``DailyTotals``,
/// sharing one regression fit.
struct DailyEngine {
    let totals: DailyTotals
    /// Days `0..<trainCount` of `totals` are the training data.
    let trainCount: Int
    let closedDays: Set<Int>
    let regression: DayRegression?
    /// The regression's local level at the end of the training days (the flat trend's level),
    /// computed once for the members that share it; 0, and never read, without a regression.
    let localLevel: Double

    /// Fits what `methods` need on days before `trainCount`.
    ///
    /// - Complexity: two regression fits when a regression method is asked for; O(days) otherwise.
    init(
        totals: DailyTotals, trainCount: Int, closedDays: Set<Int>, harmonics: Int, logScale: Bool,
        needsRegression: Bool
    ) throws {
        self.totals = totals
        self.trainCount = trainCount
        self.closedDays = closedDays
        let indices = (0..<trainCount).filter { !totals.total[$0].isNaN && totals.openWeekday[totals.weekday($0)] }
        guard needsRegression, indices.count >= 56 else {
            regression = nil
            localLevel = 0
            return
        }
        var structure = DayRegression.Structure(harmonics: harmonics, logScale: logScale, specialDays: [])
        var fit = try DayRegression(totals: totals, indices: indices, structure: structure, closedDays: closedDays)
        structure.specialDays = SpecialDayKey.learn(
            residuals: fit.residuals, firstDay: totals.firstDay,
            sigma: fit.residualVariance.squareRoot())
        if !structure.specialDays.isEmpty {
            fit = try DayRegression(totals: totals, indices: indices, structure: structure, closedDays: closedDays)
        }
        regression = fit
        localLevel = fit.localLevel(firstDay: totals.firstDay)
    }

    /// Day totals of `method` for day indices `targets` (all ≥ `trainCount`); 0 on closed weekdays and dates.
    ///
    /// - Complexity: O(targets · columns) for a regression; O(targets + days) for the baselines.
    func forecast(_ method: DailyMethod, targets: [Int]) -> [Double] {
        switch method {
        case .regressionCombination:
            let parts = DailyMethod.regressionChoices.map { forecast($0, targets: targets) }
            return targets.indices.map { t in parts.reduce(0) { $0 + $1[t] } / Double(parts.count) }
        case .lastYearCombination:
            let regression = forecast(.regressionCombination, targets: targets)
            let ly = forecast(.sameDayLastYear, targets: targets), growth = forecast(.lastYearGrowth, targets: targets)
            let mean = targets.indices.map { (regression[$0] + ly[$0] + growth[$0]) / 3 }
            return DailyEngine.rescaled(regression, toSmoothed: mean, targets: targets)
        case .regression(let trend, let w):
            guard let fit = regression else { return forecast(.seasonalAverage(weeks: 8), targets: targets) }
            var x = [Double](repeating: 0, count: fit.columnCount)
            let endLevel = trend == .flat ? localLevel : fit.trend(at: fit.endDay)
            let slope = fit.endSlope
            return targets.map { i in
                guard isOpen(i) else { return 0 }
                let d = totals.firstDay + i
                let h = Double(d - fit.endDay)
                var extra = 0.0
                if case .damped(let half) = trend, h > 0 {
                    let phi = pow(0.5, 1 / half)
                    extra = slope * phi * (1 - pow(phi, h)) / (1 - phi)
                }
                let r = fit.mean(fit.seasonal(at: d, buffer: &x) + endLevel + extra)
                guard w > 0, let j = lastYear(i) else { return r }
                let fitted = fit.mean(
                    fit.seasonal(at: totals.firstDay + j, buffer: &x) + fit.trend(at: totals.firstDay + j))
                let ly = fitted > 0 ? totals.total[j] * r / fitted : r
                return (1 - w) * r + w * ly
            }
        case .sameDayLastYear, .lastYearGrowth:
            let g = method == .lastYearGrowth ? growth() : 1
            let fallback = forecast(.seasonalAverage(weeks: 8), targets: targets)
            return targets.enumerated().map { t, i in
                guard isOpen(i) else { return 0 }
                guard let j = lastYear(i) else { return fallback[t] }
                return totals.total[j] * g
            }
        case .seasonalAverage(let k):
            var sum = [Double](repeating: 0, count: 7), count = sum
            var i = trainCount - 1
            while i >= 0, count.contains(where: { $0 < Double(k) }) {
                let w = totals.weekday(i)
                if !totals.total[i].isNaN, count[w] < Double(k) { sum[w] += totals.total[i]; count[w] += 1 }
                i -= 1
            }
            return targets.map { i in
                let w = totals.weekday(i)
                return isOpen(i) && count[w] > 0 ? sum[w] / count[w] : 0
            }
        }
    }

    /// `base` × the ratio of `level`'s to `base`'s sums over the 29 days centred on each day
    /// (days ±14 that are targets): `level`'s month-scale level and season with `base`'s days.
    static func rescaled(_ base: [Double], toSmoothed level: [Double], targets: [Int]) -> [Double] {
        let n = targets.count
        var prefixBase = [Double](repeating: 0, count: n + 1), prefixLevel = prefixBase
        for t in 0..<n { prefixBase[t + 1] = prefixBase[t] + base[t]; prefixLevel[t + 1] = prefixLevel[t] + level[t] }
        // Targets are increasing day indices; the window is by calendar day.
        var lo = 0, hi = 0
        return (0..<n).map { t in
            while targets[lo] < targets[t] - 14 { lo += 1 }
            while hi < n, targets[hi] <= targets[t] + 14 { hi += 1 }
            let b = prefixBase[hi] - prefixBase[lo], l = prefixLevel[hi] - prefixLevel[lo]
            return b > 0 ? base[t] * l / b : level[t]
        }
    }

    private func isOpen(_ i: Int) -> Bool {
        totals.openWeekday[totals.weekday(i)] && !closedDays.contains(totals.firstDay + i)
    }

    /// The latest training day d − 364m (m = 1…3) with a total.
    private func lastYear(_ i: Int) -> Int? {
        var j = i - 364
        while j >= trainCount { j -= 364 }
        var tries = 0
        while j >= 0, tries < 3 {
            if !totals.total[j].isNaN { return j }
            j -= 364; tries += 1
        }
        return nil
    }

    /// Σ of the last 364 training days ÷ Σ of the 364 days before them, over days with a total in both.
    private func growth() -> Double {
        guard trainCount >= 728 else { return 1 }
        var recent = 0.0, before = 0.0
        for i in (trainCount - 364)..<trainCount where !totals.total[i].isNaN && !totals.total[i - 364].isNaN {
            recent += totals.total[i]; before += totals.total[i - 364]
        }
        return before > 0 && recent > 0 ? recent / before : 1
    }
}
