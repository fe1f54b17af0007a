import CCPlanBase

/// Rolling-origin evaluation (Tashman 2000): for each origin, train on all history strictly before
/// it, forecast the `horizonDays` calendar days from it in one shot, and score every interval that
/// has an actual. Closed dates, closed intervals and events are applied exactly as in ``Forecaster``.
public enum Backtest {
    /// One model's result over all origins.
    public struct Result: Sendable {
        /// The model's ``ForecastModel/name``.
        public var model: String
        /// Metrics at each origin, in the order given.
        public var perOrigin: [AccuracyMetrics]
        /// The mean of ``perOrigin`` (the protocol's summary number).
        public var mean: AccuracyMetrics
        /// Mean wall-clock seconds of fit + predict per origin.
        public var meanSeconds: Double
        /// WAPE and bias of the totals of whole days, ISO weeks (Monday–Sunday) and calendar months
        /// inside each fold's horizon, over its intervals with an actual; the mean over the folds
        /// that have such a period (only `wape`, `bias` and `count` are set).
        public var dayTotals: AccuracyMetrics
        public var weekTotals: AccuracyMetrics
        public var monthTotals: AccuracyMetrics
        /// The share of intervals with an actual inside the forecast's outer range (the lowest to
        /// the highest of `coverageLevels`, e.g. p10–p90), from ``Forecaster`` on each fold; nil
        /// when not asked for.
        public var coverage: Double?
    }

    /// Evaluates `models` at `origins`.
    ///
    /// - Throws: ``ForecastingError/insufficientHistory(_:)`` when an origin has no history before it.
    /// - Complexity: O(origins · Σ model cost).
    public static func run(
        models: [any ForecastModel], history: DailyIntervalSeries,
        calendar: ForecastCalendar = .none, origins: [CivilDate], horizonDays: Int,
        closedLookbackWeeks: Int = 4, coverageLevels: [Double]? = nil
    ) throws -> [Result] {
        guard horizonDays >= 1 else { throw ForecastingError.invalidParameter("horizonDays must be at least 1") }
        var perModel = [[AccuracyMetrics]](repeating: [], count: models.count)
        var periods = [[[AccuracyMetrics]]](repeating: [[], [], []], count: models.count)
        var inside = [Int](repeating: 0, count: models.count), scored = inside
        var seconds = [Double](repeating: 0, count: models.count)
        for origin in origins {
            let fold = try Fold(
                history: history, calendar: calendar, origin: origin, horizonDays: horizonDays,
                closedLookbackWeeks: closedLookbackWeeks)
            for (m, model) in models.enumerated() {
                let clock = ContinuousClock()
                let start = clock.now
                let f = try fold.forecast(model)
                let elapsed = clock.now - start
                seconds[m] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                perModel[m].append(AccuracyMetrics(forecast: f, actual: fold.actual, naiveScale: fold.naiveScale))
                for (k, groups) in fold.periods.enumerated() where !groups.isEmpty {
                    periods[m][k].append(fold.periodMetrics(forecast: f, groups: groups))
                }
                if let levels = coverageLevels, let lo = levels.min(), let hi = levels.max() {
                    let engine = Forecaster(
                        model: model, quantileLevels: Array(Set(levels + [lo, hi])).sorted(),
                        closedLookbackWeeks: closedLookbackWeeks)
                    let r = try engine.forecast(fold.context)
                    let low = r.quantiles.first!, high = r.quantiles.last!
                    for i in fold.actual.indices where !fold.actual[i].isNaN {
                        scored[m] += 1
                        if fold.actual[i] >= low[i] && fold.actual[i] <= high[i] { inside[m] += 1 }
                    }
                }
            }
        }
        return models.indices.map { m in
            Result(
                model: models[m].name, perOrigin: perModel[m], mean: AccuracyMetrics.mean(perModel[m]),
                meanSeconds: origins.isEmpty ? 0 : seconds[m] / Double(origins.count),
                dayTotals: AccuracyMetrics.mean(periods[m][0]), weekTotals: AccuracyMetrics.mean(periods[m][1]),
                monthTotals: AccuracyMetrics.mean(periods[m][2]),
                coverage: coverageLevels == nil || scored[m] == 0 ? nil : Double(inside[m]) / Double(scored[m]))
        }
    }
}

/// One backtest origin: the training context, the actuals of the horizon and the MASE scale.
struct Fold: Sendable {
    let context: ForecastContext
    let post: PostProcessor
    /// Actuals, `horizonDays × slots`, `NaN` where unobserved.
    let actual: [Double]
    let naiveScale: Double

    init(
        history: DailyIntervalSeries, calendar: ForecastCalendar, origin: CivilDate, horizonDays: Int,
        closedLookbackWeeks: Int
    ) throws {
        let train = history.prefix(before: origin)
        let targets = (0..<horizonDays).map { origin.adding(days: $0) }
        context = try ForecastContext(history: train, calendar: calendar, targetDates: targets)
        post = PostProcessor(context: context, closedLookbackWeeks: closedLookbackWeeks)
        let s = history.slotsPerDay
        var a = [Double](repeating: .nan, count: horizonDays * s)
        for (t, d) in targets.enumerated() {
            guard let r = history.row(of: d) else { continue }
            for j in 0..<s { a[t * s + j] = history.volume[r * s + j] }
        }
        actual = a
        naiveScale = Fold.seasonalNaiveScale(context.grid)
        periods = Fold.wholePeriods(targets)
    }

    /// Target-day indices of the whole days, ISO weeks and calendar months of the horizon.
    let periods: [[[Int]]]

    static func wholePeriods(_ targets: [CivilDate]) -> [[[Int]]] {
        var weeks: [[Int]] = [], months: [[Int]] = []
        for (t, d) in targets.enumerated() {
            if d.isoWeekday == 1, t + 6 < targets.count { weeks.append(Array(t...(t + 6))) }
            if d.day == 1 {
                let n = CivilDate.daysIn(month: d.month, year: d.year)
                if t + n - 1 < targets.count { months.append(Array(t..<(t + n))) }
            }
        }
        return [targets.indices.map { [$0] }, weeks, months]
    }

    /// WAPE and bias of period totals (intervals with an actual).
    func periodMetrics(forecast f: [Double], groups: [[Int]]) -> AccuracyMetrics {
        let s = context.slotsPerDay
        var fs: [Double] = [], ys: [Double] = []
        for g in groups {
            var a = 0.0, b = 0.0, any = false
            for t in g {
                for j in 0..<s where !actual[t * s + j].isNaN { a += f[t * s + j]; b += actual[t * s + j]; any = true }
            }
            if any { fs.append(a); ys.append(b) }
        }
        return AccuracyMetrics(forecast: fs, actual: ys)
    }

    /// The model's forecast before post-processing.
    func rawForecast(_ model: any ForecastModel) throws -> [Double] {
        try checked(model.forecast(context), model: model)
    }

    /// `f` when it has one value per interval of the horizon.
    func checked(_ f: [Double], model: any ForecastModel) throws -> [Double] {
        guard f.count == actual.count else {
            throw ForecastingError.invalidSeries(
                "model \(model.name) returned \(f.count) values, expected \(actual.count)")
        }
        return f
    }

    /// The model's forecast after closed dates, closed intervals and events.
    func forecast(_ model: any ForecastModel) throws -> [Double] {
        var f = try rawForecast(model)
        post.apply(&f, context: context)
        return f
    }

    /// Mean |y(d, s) − y(d − 7, s)| over the training grid (both observed).
    static func seasonalNaiveScale(_ g: Grid) -> Double {
        var sum = 0.0, n = 0.0
        let s = g.slots
        if g.days > 7 {
            for i in (7 * s)..<(g.days * s) {
                let a = g.y[i], b = g.y[i - 7 * s]
                if !a.isNaN, !b.isNaN { sum += abs(a - b); n += 1 }
            }
        }
        return n > 0 ? sum / n : .nan
    }
}
