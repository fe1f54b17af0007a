import CCPlanBase
import ContactHistory
import Forecasting
import Foundation

/// One model's rolling-origin accuracy on one queue.
public struct BacktestRow: Sendable {
    public var queue: String
    public var channel: Channel
    public var model: String
    public var folds: Int
    public var wape: Double
    public var mape: Double
    public var rmse: Double
    public var bias: Double
    public var mase: Double
    /// Mean seconds of fit + predict per fold.
    public var seconds: Double
    /// Whether `auto` picks this model on the full history.
    public var chosenByAuto: Bool
    /// WAPE and bias of the totals of whole days, ISO weeks and calendar months in each fold's
    /// horizon (mean over the folds that have one; NaN when none has).
    public var dayWAPE: Double, dayBias: Double
    public var weekWAPE: Double, weekBias: Double
    public var monthWAPE: Double, monthBias: Double
    /// The share of scored intervals inside the model's p10–p90 range.
    public var coverage: Double
}

/// `ccplan backtest`: rolling-origin evaluation of models on each queue's history.
public enum BacktestRun {
    /// Evaluates `models` on one series: `folds` origins, `stepDays` apart, the last one
    /// `horizonDays` before the end of the history; each fold trains on everything before its
    /// origin and forecasts the horizon in one shot.
    ///
    /// - Throws: ``PlanError/badHistory(_:)`` when the history is too short for the folds.
    /// - Complexity: O(folds × Σ model cost).
    public static func run(
        _ series: IntervalSeries, models: [ModelChoice], horizonDays: Int, folds: Int, stepDays: Int,
        holidays: [Holiday], events: [VolumeEvent]
    ) throws(PlanError) -> [BacktestRow] {
        let name = "\(series.queue)/\(series.channel.rawValue)"
        let history = try ForecastPipeline.dailySeries(series)
        guard let last = history.dates.last, let first = history.dates.first else {
            throw .badHistory("\(name): the history is empty")
        }
        let lastOrigin = last.dayNumber + 1 - horizonDays
        let origins = (0..<folds).map { CivilDate(dayNumber: lastOrigin - $0 * stepDays) }.reversed()
        guard let earliest = origins.first, earliest.dayNumber - first.dayNumber >= 28 else {
            throw .badHistory(
                "\(name): \(history.dates.count) days of history are too few for \(folds) folds of \(horizonDays) days \(stepDays) days apart (each fold needs 4 weeks of training)"
            )
        }
        var request = ForecastRequest(horizonSeconds: Double(horizonDays) * 86_400)
        request.holidays = holidays
        request.events = events
        let calendar = ForecastPipeline.forecastCalendar(queue: series.queue, request: request)
        let results: [Backtest.Result]
        let chosen: String?
        let used: Set<String>
        do {
            results = try Backtest.run(
                models: models.map { $0.model() }, history: history, calendar: calendar, origins: Array(origins),
                horizonDays: horizonDays, coverageLevels: [0.1, 0.9])
            let context = try ForecastContext(history: history, calendar: calendar, horizonDays: horizonDays)
            let model = try AutoModel().select(context).chosen
            chosen = model.name
            used = BacktestRun.components(model)
        } catch {
            throw .badHistory("\(name): \(error)")
        }
        let score = PublishedPrecision.score
        return zip(models, results).map { choice, r in
            BacktestRow(
                queue: series.queue, channel: series.channel,
                model: choice == .auto ? "auto (\(chosen ?? "?"))" : r.model,
                folds: r.perOrigin.count, wape: score(r.mean.wape), mape: score(r.mean.mape), rmse: score(r.mean.rmse),
                bias: score(r.mean.bias), mase: score(r.mean.mase), seconds: r.meanSeconds,
                chosenByAuto: used.contains(r.model),
                dayWAPE: score(r.dayTotals.wape), dayBias: score(r.dayTotals.bias), weekWAPE: score(r.weekTotals.wape),
                weekBias: score(r.weekTotals.bias), monthWAPE: score(r.monthTotals.wape),
                monthBias: score(r.monthTotals.bias),
                coverage: score(r.coverage ?? .nan))
        }
    }

    /// The names of a model and of the models it is made of (a pool's members, a lead-time
    /// blend's two sides), for marking what `auto` uses.
    static func components(_ model: any ForecastModel) -> Set<String> {
        var names: Set<String> = [model.name]
        if let pool = model as? EnsembleModel { for m in pool.members { names.formUnion(components(m)) } }
        if let blend = model as? LeadTimeBlend {
            names.formUnion(components(blend.short))
            names.formUnion(components(blend.long))
        }
        return names
    }
}
