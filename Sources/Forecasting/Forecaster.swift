import CCPlanBase

/// The forecasting engine's entry point: a model (``AutoModel`` by default), then the treatment
/// every forecast gets — closed dates and closed intervals exactly 0, events applied — plus
/// prediction ranges from backtest errors by lead time and an AHT forecast.
///
///     let forecaster = Forecaster()                       // auto, p10/p90
///     let f = try forecaster.forecast(history: series, calendar: calendar, horizonDays: 28)
///     f.volume(on: date, slot: 18); f.quantile(0.9, on: date, slot: 18)
public struct Forecaster: Sendable {
    /// The version of the forecasting engine, recorded in every ``Forecast``.
    public static let engineVersion = "ccplan-forecasting 0.1.0"

    /// The point-forecast model.
    public var model: any ForecastModel
    /// Quantile levels of the ranges, each in (0, 1).
    public var quantileLevels: [Double]
    /// A (weekday, slot) with no volume on the last this-many days of that weekday is closed (forecast 0).
    public var closedLookbackWeeks: Int
    /// Backtest holdouts whose errors make the ranges, the newest: for ``AutoModel``, the ones it
    /// chose by, then older ones up to this count (older holdouts train on less history and
    /// err more; a choice among close contenders on three of six costs little); for another
    /// model, its latest holdouts.
    public var rangeOrigins: Int
    /// The AHT model.
    public var handleTime: HandleTimeModel

    /// An engine.
    public init(
        model: any ForecastModel = AutoModel(), quantileLevels: [Double] = [0.1, 0.9],
        closedLookbackWeeks: Int = 4, rangeOrigins: Int = 6, handleTime: HandleTimeModel = HandleTimeModel()
    ) {
        self.model = model
        self.quantileLevels = quantileLevels
        self.closedLookbackWeeks = max(1, closedLookbackWeeks)
        self.rangeOrigins = max(1, rangeOrigins)
        self.handleTime = handleTime
    }

    /// Forecasts the `horizonDays` calendar days after the last history date.
    ///
    /// - Throws: ``ForecastingError`` on an empty history, bad parameters or a numerical failure.
    /// - Complexity: that of the model (for ``AutoModel``: its backtest) plus O(intervals · levels).
    public func forecast(history: DailyIntervalSeries, calendar: ForecastCalendar = .none, horizonDays: Int) throws
        -> Forecast
    {
        try forecast(ForecastContext(history: history, calendar: calendar, horizonDays: horizonDays))
    }

    /// Forecasts the given dates (strictly increasing, after the history).
    ///
    /// - Complexity: as ``forecast(history:calendar:horizonDays:)``.
    public func forecast(history: DailyIntervalSeries, calendar: ForecastCalendar = .none, targetDates: [CivilDate])
        throws -> Forecast
    {
        try forecast(ForecastContext(history: history, calendar: calendar, targetDates: targetDates))
    }

    /// Forecasts a prepared context.
    ///
    /// - Complexity: as ``forecast(history:calendar:horizonDays:)``.
    public func forecast(_ context: ForecastContext) throws -> Forecast {
        for q in quantileLevels where !(q > 0 && q < 1) {
            throw ForecastingError.invalidParameter("quantile level \(q) is not in (0, 1)")
        }
        let isAuto = model is AutoModel
        let auto =
            (model as? AutoModel)
            ?? AutoModel(
                candidates: [model], ensembles: [], origins: rangeOrigins,
                closedLookbackWeeks: closedLookbackWeeks, longBand: false)
        let selection = try auto.select(context)
        let chosen: any ForecastModel = isAuto ? selection.chosen : model
        var volume = try chosen.forecast(context)
        let s = context.slotsPerDay
        guard volume.count == context.targetDates.count * s else {
            throw ForecastingError.invalidSeries("model \(chosen.name) returned \(volume.count) values")
        }
        PostProcessor(context: context, closedLookbackWeeks: closedLookbackWeeks).apply(&volume, context: context)
        let ranges = try predictionRanges(context, selection: selection, auto: auto, isAuto: isAuto)
        let (quantiles, dailyQuantiles) = quantiles(context, volume: volume, ranges: ranges)
        let aht = handleTime.forecast(
            history: context.history, calendar: context.calendar, targetDates: context.targetDates)
        return Forecast(
            dates: context.targetDates, slotsPerDay: s, volume: volume, quantileLevels: quantileLevels.sorted(),
            quantiles: quantiles, averageHandleTimeSeconds: aht, dailyQuantiles: dailyQuantiles, method: chosen.name,
            selection: isAuto ? selection : nil,
            trainingFirstDate: context.history.dates.first, trainingLastDate: context.history.dates.last)
    }
}

/// A forecast of volume, ranges and AHT per interval, with a record of how it was made.
public struct Forecast: Sendable {
    /// The forecast dates.
    public var dates: [CivilDate]
    /// Intervals per day.
    public var slotsPerDay: Int
    /// Point forecast of the volume, `dates.count × slotsPerDay`, day-major; finite, ≥ 0.
    public var volume: [Double]
    /// The quantile levels, ascending.
    public var quantileLevels: [Double]
    /// `quantiles[l]` is the forecast at `quantileLevels[l]`, same layout as ``volume``; non-crossing.
    public var quantiles: [[Double]]
    /// AHT in seconds per interval (same layout), or nil when the history has none and no default was given.
    public var averageHandleTimeSeconds: [Double]?
    /// `dailyQuantiles[l][t]` is the range of the day total of `dates[t]` at `quantileLevels[l]`
    /// (day totals are not sums of interval quantiles); empty when no range was computed.
    public var dailyQuantiles: [[Double]] = []
    /// The model that made the point forecast (for ``AutoModel``: the one it chose).
    public var method: String
    /// The engine version (``Forecaster/engineVersion``).
    public var engineVersion: String = Forecaster.engineVersion
    /// ``AutoModel``'s backtest and choice, when it was used.
    public var selection: AutoSelection?
    /// The first date of the training history.
    public var trainingFirstDate: CivilDate?
    /// The last date of the training history.
    public var trainingLastDate: CivilDate?

    /// The point forecast at (date, slot), or nil outside the forecast.
    ///
    /// - Complexity: O(log dates.count).
    public func volume(on date: CivilDate, slot: Int) -> Double? {
        index(date, slot).map { volume[$0] }
    }

    /// The forecast at quantile `level` (one of ``quantileLevels``) at (date, slot), or nil.
    ///
    /// - Complexity: O(log dates.count + levels).
    public func quantile(_ level: Double, on date: CivilDate, slot: Int) -> Double? {
        guard let l = quantileLevels.firstIndex(where: { abs($0 - level) < 1e-12 }), let i = index(date, slot) else {
            return nil
        }
        return quantiles[l][i]
    }

    func index(_ date: CivilDate, _ slot: Int) -> Int? {
        guard slot >= 0, slot < slotsPerDay else { return nil }
        var lo = 0, hi = dates.count
        while lo < hi { let mid = (lo + hi) / 2; if dates[mid] < date { lo = mid + 1 } else { hi = mid } }
        return lo < dates.count && dates[lo] == date ? lo * slotsPerDay + slot : nil
    }
}
