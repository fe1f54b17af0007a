import CCPlanBase
import ContactHistory
import Foundation

/// Everything one queue contributes to a plan's files: CSV rows without headers, each ending in
/// a newline, sorted by scenario and time within the queue. A plan's file is its header followed
/// by every queue's rows in (queue, channel) order — which is how a sharded batch run merges into
/// exactly the bytes of a single run.
public struct QueueOutputs: Sendable {
    /// (file name, rows as UTF-8): `forecast.csv`, `intervals.csv`, `daily.csv`, `weekly.csv`,
    /// `monthly.csv`.
    public var rows: [(name: String, bytes: [UInt8])]
    /// The queue's plans, one per scenario (base first).
    public var plans: [QueuePlan]
    /// The roll-ups of each plan (same order as ``plans``).
    public var rollUps: [PlanRollUps]
    /// The queue's forecast.
    public var forecast: QueueForecast

    /// ``rows`` as text.
    public var files: [(name: String, rows: String)] {
        rows.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    }
}

/// Forecasting and planning of one queue: the unit of work of `ccplan plan` and `ccplan batch`.
public enum QueuePlanning {
    /// The files every plan has, in the order they are written.
    public static let fileNames = ["forecast.csv", "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv"]

    /// The header line (with its newline) of one of ``fileNames``.
    public static func header(for file: String, quantileLevels: [Double]) -> String {
        switch file {
        case "forecast.csv": return ForecastCSV.header(levels: quantileLevels)
        case "intervals.csv": return PlanFiles.intervalsHeader(upperLevel: quantileLevels.last { $0 >= 0.5 })
        case "daily.csv": return PlanFiles.rollUpHeader(.day)
        case "weekly.csv": return PlanFiles.rollUpHeader(.week)
        default: return PlanFiles.rollUpHeader(.month)
        }
    }

    /// The scenarios of a scenario file as (name, description, blocks to apply in order).
    public static func scenarioSpecs(_ file: ScenarioFile?) -> [(
        name: String, description: String?, specs: [ScenarioSpec]
    )] {
        var specs: [(String, String?, [ScenarioSpec])] = [
            ("base", file?.base.description, file.map { [$0.base] } ?? [])
        ]
        for s in file?.scenarios ?? [] { specs.append((s.name, s.description, [file!.base, s])) }
        return specs
    }

    /// Plans a forecast under the base and every scenario.
    ///
    /// - Throws: ``PlanError``.
    /// - Complexity: O(scenarios × intervals × solver).
    public static func plan(_ forecast: QueueForecast, assumptions: PlanAssumptions, scenarios: ScenarioFile?)
        throws(PlanError) -> QueueOutputs
    {
        var plans: [QueuePlan] = []
        for s in scenarioSpecs(scenarios) {
            let scenario = try Planner.plan(
                forecasts: [forecast], base: assumptions, specs: s.specs, scenarioFile: scenarios, name: s.name,
                description: s.description)
            plans += scenario.queues
        }
        let rollUps = plans.map(RollUp.totals)
        var forecastRows: [UInt8] = [], intervalRows: [UInt8] = [], daily: [UInt8] = [], weekly: [UInt8] = [],
            monthly: [UInt8] = []
        ForecastCSV.appendRows(forecast, to: &forecastRows)
        for (plan, totals) in zip(plans, rollUps) {
            PlanFiles.appendIntervalRows(plan, to: &intervalRows)
            PlanFiles.appendRollUpRows(totals.daily, to: &daily)
            PlanFiles.appendRollUpRows(totals.weekly, to: &weekly)
            PlanFiles.appendRollUpRows(totals.monthly, to: &monthly)
        }
        let rows = [
            ("forecast.csv", forecastRows), ("intervals.csv", intervalRows), ("daily.csv", daily),
            ("weekly.csv", weekly),
            ("monthly.csv", monthly),
        ]
        return QueueOutputs(rows: rows, plans: plans, rollUps: rollUps, forecast: forecast)
    }

    /// Forecasts one queue's history and plans it.
    ///
    /// - Throws: ``PlanError`` (`badHistory` when the history cannot support the forecast).
    /// - Complexity: O(forecast + scenarios × intervals × solver).
    public static func planQueue(
        _ series: IntervalSeries, request: ForecastRequest, assumptions: PlanAssumptions, scenarios: ScenarioFile?
    ) throws(PlanError) -> QueueOutputs {
        try assumptions.validate()
        let forecast = try ForecastPipeline.forecast(series, request)
        return try plan(forecast, assumptions: assumptions, scenarios: scenarios)
    }
}
