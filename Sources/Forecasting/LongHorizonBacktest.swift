import CCPlanBase

/// The rolling-origin backtest of day-level methods on day totals, which ``DayLevelModel`` and the
/// long lead-time band of ``AutoModel`` choose by.
///
/// Origins lie 91 days apart going back from the end of the history (28 days apart when it is
/// shorter than 456 days), at most six, each with at least a year of training (half the history
/// when it is shorter); each forecasts min(H, days left) days from its origin, H the requested
/// lead. A method's score pools its errors over every fold:
///
///     score = ½ (WAPE of day totals + WAPE of 28-day block totals) + |bias|,
///     bias = Σ(F − A) / ΣA,
///
/// so that under-forecasting skewed counts cannot win (WAPE alone is minimised by the median;
/// Gneiting 2011, Kolassa 2016). Ties go to the earlier method.
struct LongHorizonBacktest {
    typealias Score = LongHorizonScore

    /// Backtest (lead, forecast, actual) of day totals of one method.
    struct DayErrors: Sendable {
        /// The fold's origin (index into the day totals: the first forecast day).
        var origin: [Int] = []
        var lead: [Int] = []
        var forecast: [Double] = []
        var actual: [Double] = []
    }

    let scores: [Score]
    /// The index into `scores` of the best method (nil when there was no fold).
    let best: Int?
    /// The best method's day-total errors, for the ranges of day totals.
    let bestErrors: DayErrors
    let folds: [Int]

    /// - Complexity: O(folds · (regression fit + methods · H)).
    init(
        totals: DailyTotals, closedDays: Set<Int>, methods: [DailyMethod], horizonDays: Int,
        harmonics: Int, logScale: Bool
    ) throws {
        let n = totals.days
        let long = n >= 456
        let step = long ? 91 : 28
        let minimumTraining = long ? 365 : max(56, n / 2)
        var origins: [Int] = []
        var o = n - step
        while o >= minimumTraining, origins.count < 6 { origins.append(o); o -= step }
        folds = origins.reversed()
        var absDay = [Double](repeating: 0, count: methods.count), absBlock = absDay, err = absDay
        var sumDay = 0.0, sumBlock = 0.0
        var errors = [DayErrors](repeating: DayErrors(), count: methods.count)
        let needsRegression = methods.contains { $0.isRegression }
        for origin in folds {
            let h = min(horizonDays, n - origin)
            let engine = try DailyEngine(
                totals: totals, trainCount: origin, closedDays: closedDays, harmonics: harmonics,
                logScale: logScale, needsRegression: needsRegression)
            let targets = Array(origin..<(origin + h))
            let actual = targets.map { totals.total[$0] }
            for (m, method) in methods.enumerated() {
                let f = engine.forecast(method, targets: targets)
                var blockF = 0.0, blockA = 0.0, inBlock = 0
                for t in 0..<h {
                    inBlock += 1
                    if !actual[t].isNaN {
                        absDay[m] += abs(f[t] - actual[t]); err[m] += f[t] - actual[t]
                        if m == 0 { sumDay += actual[t] }
                        blockF += f[t]; blockA += actual[t]
                        errors[m].origin.append(origin); errors[m].lead.append(t + 1)
                        errors[m].forecast.append(f[t]); errors[m].actual.append(actual[t])
                    }
                    if inBlock == 28 {
                        absBlock[m] += abs(blockF - blockA)
                        if m == 0 { sumBlock += blockA }
                        blockF = 0; blockA = 0; inBlock = 0
                    }
                }
            }
        }
        var s: [Score] = []
        for m in methods.indices {
            s.append(
                Score(
                    method: methods[m], dayWAPE: sumDay > 0 ? absDay[m] / sumDay : .nan,
                    blockWAPE: sumBlock > 0 ? absBlock[m] / sumBlock : .nan, bias: sumDay > 0 ? err[m] / sumDay : .nan))
        }
        scores = s
        var b: Int? = nil
        for m in s.indices where s[m].score.isFinite {
            if b == nil || s[m].score < s[b!].score { b = m }
        }
        best = b
        bestErrors = b.map { errors[$0] } ?? DayErrors()
    }
}

/// One day-level method's pooled errors in the ``LongHorizonBacktest``.
public struct LongHorizonScore: Sendable {
    /// The method.
    public var method: DailyMethod
    /// Σ|F − A| / ΣA over day totals.
    public var dayWAPE: Double
    /// Σ|F − A| / ΣA over 28-day block totals (NaN when no fold is that long).
    public var blockWAPE: Double
    /// Σ(F − A) / ΣA.
    public var bias: Double
    /// ½(day WAPE + block WAPE) + |bias|: lower is better.
    public var score: Double { (dayWAPE + (blockWAPE.isFinite ? blockWAPE : dayWAPE)) / 2 + abs(bias) }
}
