import CCPlanBase

/// Automatic model choice per series and lead-time band.
///
/// **Days 1 to 28** (the short band): every candidate (and every ensemble of candidates) is
/// evaluated by a rolling-origin backtest on the history itself — the latest `origins`
/// non-overlapping holdouts of `horizonDays` that contain data — and the one with the lowest
/// mean RMSE is refitted on the whole history (Tashman 2000; Hyndman & Athanasopoulos,
/// *FPP3* §5.10 "time series cross-validation"). WAPE is minimised by the median and so rewards
/// under-forecasting skewed counts (Gneiting 2011; Kolassa 2016); squared error is minimised by
/// the mean, what staffing needs. (WAPE + |bias| was tried: on the US bank data three holdouts
/// make the bias too noisy a criterion, 6.4% WAPE against 5.5%.) Ties go to the earlier candidate, so the choice is deterministic. With too
/// little history for one holdout it falls back to a 4-week seasonal average.
///
/// **Beyond 28 days** (the long band, when the forecast reaches that far): the combined day-level
/// regression and the day-level baselines (same day last year, last year × growth, the 8-week
/// average) compete in the ``LongHorizonBacktest`` on day and 28-day totals at the forecast's
/// lead; the forecast is the ``LeadTimeBlend`` of the two winners (short model up to day 7, the
/// long one from day 21, linear in between). The baselines are candidates in both bands, so the
/// choice is never worse than them in its own backtest.
public struct AutoModel: ForecastModel {
    /// The models competing.
    public var candidates: [any ForecastModel]
    /// Ensembles competing too; members found among the candidates (by name) are not recomputed.
    public var ensembles: [EnsembleModel]
    /// When ≥ 2, the pool: the mean of the best `weightedEnsembleSize` candidates by the
    /// selection score (RMSE), weighted by 1 / RMSE.
    public var weightedEnsembleSize: Int
    /// Whether the short band's forecast is the pool (default) rather than the single best
    /// contender. Pooling the few best candidates (Kourentzes, Barrow & Petropoulos 2019,
    /// "forecast pooling"; Aiolfi & Timmermann 2006 on trimmed combinations) is steadier than
    /// picking one by three holdouts: the winner of a close race is partly luck. With pooling on,
    /// the fixed ``ensembles`` are not run (they could not be chosen).
    public var poolsBest: Bool
    /// The number of backtest holdouts.
    public var origins: Int
    /// The length of each holdout; `nil` = the forecast's lead (7…28 days).
    public var horizonDays: Int?
    /// Training days required before the earliest holdout.
    public var minimumTrainingDays: Int
    /// See ``Forecaster/closedLookbackWeeks``.
    public var closedLookbackWeeks: Int
    /// Whether forecasts beyond ``shortBandDays`` get the long-horizon band (the day-level models).
    public var longBand: Bool
    /// The model's name in reports.
    public var name: String { "auto" }

    /// The default competition: seasonal naive, seasonal averages of 2, 4, 6 and 8 weeks,
    /// Holt–Winters, the fixed-effects regression, SVD with 3, 5 and 7 components, two fixed
    /// ensembles (contenders only with `poolsBest` off); the forecast is the 1/RMSE-weighted
    /// mean of the best three candidates.
    ///
    /// - Complexity: O(1).
    public init(
        candidates: [any ForecastModel]? = nil, ensembles: [EnsembleModel]? = nil, weightedEnsembleSize: Int = 3,
        poolsBest: Bool = true, origins: Int = 3,
        horizonDays: Int? = nil, minimumTrainingDays: Int = 35, closedLookbackWeeks: Int = 4,
        longBand: Bool = true
    ) {
        self.longBand = longBand
        let svd5 = SVDInterday(components: 5), sa4 = SeasonalAverage(weeks: 4)
        let regression = FixedEffectsRegression()
        self.candidates =
            candidates ?? [
                SeasonalNaive(), SeasonalAverage(weeks: 2), sa4, SeasonalAverage(weeks: 6), SeasonalAverage(weeks: 8),
                HoltWinters(), regression, SVDInterday(components: 3), svd5, SVDInterday(components: 7),
            ]
        self.ensembles =
            ensembles ?? [
                EnsembleModel(members: [svd5, sa4, regression], combination: .median),
                EnsembleModel(members: [svd5, sa4], combination: .mean),
            ]
        self.weightedEnsembleSize = weightedEnsembleSize
        self.poolsBest = poolsBest && weightedEnsembleSize >= 2
        self.origins = max(1, origins)
        self.horizonDays = horizonDays
        self.minimumTrainingDays = max(14, minimumTrainingDays)
        self.closedLookbackWeeks = closedLookbackWeeks
    }

    /// Runs the backtest and picks the model.
    ///
    /// - Complexity: O(origins · Σ candidate cost).
    public func select(_ context: ForecastContext) throws -> AutoSelection {
        let history = context.history
        guard let last = history.dates.last, !history.dates.isEmpty else {
            throw ForecastingError.insufficientHistory("the history is empty")
        }
        let lead = (context.targetDates.last?.dayNumber ?? last.dayNumber + 1) - last.dayNumber
        let h = horizonDays ?? min(28, max(7, lead))
        let originDates = AutoModel.holdoutOrigins(
            history: history, horizonDays: h, count: origins,
            minimumTrainingDays: minimumTrainingDays)
        let fallback = SeasonalAverage(weeks: 4)
        guard !originDates.isEmpty else {
            return AutoSelection(chosen: fallback, scores: [], origins: [], horizonDays: h, residuals: ResidualSample())
        }
        let activeEnsembles = poolsBest ? [] : ensembles
        var models: [any ForecastModel] = candidates + activeEnsembles
        var metrics = [[AccuracyMetrics]](repeating: [], count: models.count)
        var forecasts = [[[Double]]](repeating: [], count: models.count)  // per model, per origin
        var rawForecasts = [[[Double]]](repeating: [], count: candidates.count)  // before post-processing
        var failed = [Bool](repeating: false, count: models.count)
        var folds: [Fold] = []
        for origin in originDates {
            let fold = try Fold(
                history: history, calendar: context.calendar, origin: origin, horizonDays: h,
                closedLookbackWeeks: closedLookbackWeeks)
            folds.append(fold)
            var byName: [String: [Double]] = [:]
            let raw = batchForecasts(candidates, fold.context)
            for (m, model) in candidates.enumerated() {
                // A candidate that fails (e.g. a numerical failure on odd data) drops out of the
                // competition instead of failing the whole selection.
                var f: [Double]
                do { f = try fold.checked(raw[m].get(), model: model) } catch {
                    failed[m] = true
                    f = [Double](repeating: 0, count: fold.actual.count)
                }
                byName[model.name] = f
                rawForecasts[m].append(f)
                fold.post.apply(&f, context: fold.context)
                forecasts[m].append(f)
            }
            for (e, ensemble) in activeEnsembles.enumerated() {
                var parts: [[Double]] = []
                for member in ensemble.members {
                    if let i = candidates.firstIndex(where: { $0.name == member.name }), failed[i] {
                        failed[candidates.count + e] = true
                    }
                    if let f = byName[member.name] {
                        parts.append(f)
                    } else if let f = try? fold.rawForecast(member) {
                        parts.append(f)
                    } else {
                        failed[candidates.count + e] = true
                    }
                }
                var f = ensemble.combine(parts)
                fold.post.apply(&f, context: fold.context)
                forecasts[candidates.count + e].append(f)
            }
            for m in models.indices {
                metrics[m].append(
                    AccuracyMetrics(
                        forecast: forecasts[m][folds.count - 1], actual: fold.actual,
                        naiveScale: fold.naiveScale))
            }
        }

        var means = metrics.map { AccuracyMetrics.mean($0) }
        for m in models.indices where failed[m] {
            means[m] = AccuracyMetrics(wape: .nan, mape: .nan, rmse: .nan, bias: .nan, mase: .nan, count: 0)
        }
        if weightedEnsembleSize >= 2 {
            // The best candidates (not ensembles) by RMSE, ties to the earlier one.
            let score = means.map(AutoModel.selectionScore)
            var remaining = candidates.indices.filter { score[$0].isFinite && score[$0] > 0 }
            var ranked: [Int] = []
            while ranked.count < weightedEnsembleSize, let next = AutoModel.best(of: remaining, score: { score[$0] }) {
                ranked.append(next)
                remaining.removeAll { $0 == next }
            }
            if ranked.count >= 2 {
                let weights = ranked.map { 1 / score[$0] }
                let ensemble = EnsembleModel(members: ranked.map { candidates[$0] }, combination: .weighted(weights))
                var perFold: [AccuracyMetrics] = []
                var combined: [[Double]] = []
                for (i, fold) in folds.enumerated() {
                    var f = ensemble.combine(ranked.map { rawForecasts[$0][i] })
                    fold.post.apply(&f, context: fold.context)
                    combined.append(f)
                    perFold.append(AccuracyMetrics(forecast: f, actual: fold.actual, naiveScale: fold.naiveScale))
                }
                models.append(ensemble)
                forecasts.append(combined)
                means.append(AccuracyMetrics.mean(perFold))
            }
        }
        let scores = models.indices.map { AutoSelection.Score(model: models[$0].name, metrics: means[$0]) }
        let pooled = poolsBest && models.count > candidates.count + activeEnsembles.count
        guard
            let best = pooled
                ? models.count - 1
                : AutoModel.best(of: Array(models.indices), score: { AutoModel.selectionScore(means[$0]) })
        else {
            return AutoSelection(
                chosen: fallback, scores: scores, origins: originDates, horizonDays: h, residuals: ResidualSample())
        }
        var sample = ResidualSample()
        for (i, fold) in folds.enumerated() {
            sample.add(forecast: forecasts[best][i], actual: fold.actual, slots: context.slotsPerDay)
        }
        var selection = AutoSelection(
            chosen: models[best], scores: scores, origins: originDates, horizonDays: h, residuals: sample)
        if longBand, lead > AutoModel.shortBandDays {
            try selectLongBand(context, folds: folds, shortForecasts: forecasts[best], into: &selection)
        }
        return selection
    }

    /// The last lead day of the short band.
    public static let shortBandDays = 28

    /// The short band's selection score: the RMSE (lower is better). Squared error is consistent
    /// for the mean (Gneiting 2011), so an under-forecast of skewed counts cannot win it in
    /// expectation, as it can win WAPE (minimised by the median); the mean is what staffing needs.
    ///
    /// - Complexity: O(1).
    public static func selectionScore(_ m: AccuracyMetrics) -> Double { m.rmse }

    /// The long band: day-level candidates by the long-horizon backtest, blended with the short
    /// choice by lead week with the weights of Bates & Granger (1969) estimated on the short
    /// band's holdouts (see ``LeadTimeBlend/weights(shortErrors:longErrors:)``).
    private func selectLongBand(
        _ context: ForecastContext, folds: [Fold], shortForecasts: [[Double]],
        into selection: inout AutoSelection
    ) throws {
        let totals = DailyTotals(grid: context.grid)
        let history = totals.days
        // A flat 8-week average ignores the yearly cycle: a candidate only without a year of history.
        let methods = DailyMethod.longHorizonChoices + (history < 456 ? [.seasonalAverage(weeks: 8)] : [])
        let day = DayLevelModel(methods: methods)
        let long = try day.select(context, totals: totals)
        let longModel = DayLevelModel(long.method, harmonics: long.harmonics, logScale: long.logScale)
        // Day-total errors of both models by lead week: on the short holdouts, and on the first
        // four weeks of the long-horizon backtest's folds (their day-level errors are known; the
        // short model is run on them), so that the weights rest on a year or more of origins.
        let s = context.slotsPerDay
        var shortErrors: [[Double]] = [], longErrors: [[Double]] = []
        func add(week: Int, short fs: Double, long fl: Double, actual a: Double) {
            while shortErrors.count <= week { shortErrors.append([]); longErrors.append([]) }
            shortErrors[week].append(fs - a); longErrors[week].append(fl - a)
        }
        let short = selection.chosen
        var longFolds: [Int: [(lead: Int, forecast: Double, actual: Double)]] = [:]
        for k in long.errors.lead.indices where long.errors.lead[k] <= AutoModel.shortBandDays {
            let e = long.errors
            longFolds[e.origin[k], default: []].append((e.lead[k], e.forecast[k], e.actual[k]))
        }
        for origin in longFolds.keys.sorted() {
            let date = CivilDate(dayNumber: totals.firstDay + origin)
            guard
                let fold = try? Fold(
                    history: context.history, calendar: context.calendar, origin: date,
                    horizonDays: AutoModel.shortBandDays, closedLookbackWeeks: closedLookbackWeeks),
                let f = try? fold.forecast(short)
            else { continue }
            for e in longFolds[origin]! {
                var fs = 0.0
                for j in 0..<s { fs += f[(e.lead - 1) * s + j] }
                add(week: (e.lead - 1) / 7, short: fs, long: e.forecast, actual: e.actual)
            }
        }
        for (i, fold) in folds.enumerated() {
            guard var f = try? longModel.forecast(fold.context) else { continue }
            fold.post.apply(&f, context: fold.context)
            for t in 0..<(fold.actual.count / s) {
                var a = 0.0, fs = 0.0, fl = 0.0, any = false
                for j in 0..<s where !fold.actual[t * s + j].isNaN {
                    a += fold.actual[t * s + j]; fs += shortForecasts[i][t * s + j]; fl += f[t * s + j]; any = true
                }
                guard any else { continue }
                add(week: t / 7, short: fs, long: fl, actual: a)
            }
        }
        selection.shortChosen = selection.chosen
        selection.longChoice = long
        selection.chosen = LeadTimeBlend(
            short: selection.chosen, long: longModel,
            weeklyShortWeights: LeadTimeBlend.weights(shortErrors: shortErrors, longErrors: longErrors))
    }

    /// Scores closer than this (relative) are a tie, which the earlier contender wins.
    ///
    /// OpenBLAS kernels of different CPUs agree on a backtest score only to about 1e-14 relative,
    /// and contenders can score the same in exact arithmetic (an ensemble equal to one of its
    /// members, two SVD ranks that fit alike): a plain `<` would let the last bit pick the model,
    /// and two machines would publish different forecasts. A real difference in accuracy is many
    /// orders of magnitude above 1e-9.
    static let tieTolerance = 1e-9

    /// The contender with the lowest finite score, ties (within ``tieTolerance``) to the earliest in
    /// `indices`; nil when no score is finite.
    ///
    /// - Complexity: O(indices.count).
    static func best(of indices: [Int], score: (Int) -> Double) -> Int? {
        var best: Int?
        var bestScore = Double.infinity
        for i in indices {
            let x = score(i)
            guard x.isFinite else { continue }
            if best == nil || x < bestScore - tieTolerance * max(abs(x), abs(bestScore)) {
                best = i
                bestScore = x
            }
        }
        return best
    }

    /// The latest `count` non-overlapping holdouts of `horizonDays` ending at the history's end,
    /// oldest first, skipping holdouts without any observed day (gaps in the history) and
    /// stopping when the training before a holdout would be shorter than `minimumTrainingDays`.
    static func holdoutOrigins(
        history: DailyIntervalSeries, horizonDays h: Int, count: Int,
        minimumTrainingDays: Int, skip: Int = 0
    ) -> [CivilDate] {
        guard let first = history.dates.first, let last = history.dates.last else { return [] }
        var result: [CivilDate] = []
        var skipped = 0
        var r = 1
        while result.count < count {
            let o = last.adding(days: 1 - r * h)
            if o.dayNumber - first.dayNumber < minimumTrainingDays { break }
            let k = history.lowerBound(o)
            let hasData = k < history.dates.count && history.dates[k].dayNumber < o.dayNumber + h
            if hasData {
                if skipped < skip { skipped += 1 } else { result.append(o) }
            }
            r += 1
        }
        return result.reversed()
    }

    /// Selects by backtest, then forecasts with the chosen model on the whole history.
    ///
    /// - Complexity: as ``select(_:)`` plus one fit of the chosen model.
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        try select(context).chosen.forecast(context)
    }
}

/// What ``AutoModel`` chose and why.
public struct AutoSelection: Sendable {
    /// A candidate's backtest score.
    public struct Score: Sendable {
        /// The candidate's name.
        public var model: String
        /// Its mean metrics over the holdouts.
        public var metrics: AccuracyMetrics
    }
    /// The winning model (refitted on the whole history by ``AutoModel/forecast(_:)``): for a
    /// forecast beyond the short band, the ``LeadTimeBlend`` of the two bands' winners.
    public var chosen: any ForecastModel
    /// The short band's winner when the forecast reaches the long band (else nil: `chosen` is it).
    public var shortChosen: (any ForecastModel)?
    /// The long band's choice and every day-level candidate's score, when the forecast reaches it.
    public var longChoice: DayLevelModel.Selection?
    /// Every candidate's score, in candidate order (empty when the history was too short).
    public var scores: [Score]
    /// The holdout origins used.
    public var origins: [CivilDate]
    /// The holdout length in days.
    public var horizonDays: Int
    /// Backtest errors of the chosen model, for prediction ranges.
    var residuals: ResidualSample
}

/// Backtest (forecast, actual) pairs by lead day, for empirical prediction ranges: every scored
/// interval, and the sums over each day's scored intervals.
struct ResidualSample: Sendable {
    /// Lead day (1 = the first day of the holdout), forecast and actual of every scored interval,
    /// and the index of its day in the day arrays below.
    var lead: [Int] = []
    var day: [Int] = []
    var forecast: [Double] = []
    var actual: [Double] = []
    /// The same for day sums (over the day's intervals with an actual).
    var dayLead: [Int] = []
    var dayForecast: [Double] = []
    var dayActual: [Double] = []
    /// The index in ``lead`` where each holdout's intervals start.
    var holdoutStarts: [Int] = []

    mutating func add(forecast f: [Double], actual y: [Double], slots: Int) {
        let n = min(f.count, y.count)
        holdoutStarts.append(lead.count)
        var day = 0
        while day * slots < n {
            var fs = 0.0, ys = 0.0, any = false
            for i in (day * slots)..<min(n, (day + 1) * slots) where !y[i].isNaN {
                fs += f[i]; ys += y[i]; any = true
                if f[i] > 0 {
                    lead.append(day + 1); self.day.append(dayLead.count); forecast.append(f[i]); actual.append(y[i])
                }
            }
            if any, fs > 0 { dayLead.append(day + 1); dayForecast.append(fs); dayActual.append(ys) }
            day += 1
        }
    }
}
