import CCPlanBase
import ContactHistory
import Foundation

/// One planned interval of one queue and channel under one scenario.
public struct PlannedInterval: Sendable, Hashable {
    public var start: Int64
    public var utcOffset: Int
    public var localDate: CivilDate
    public var staffing: IntervalStaffing

    /// ISO 8601 start with the local offset.
    public var isoStart: String { iso8601(start, offset: utcOffset) }
}

/// The plan of one queue and channel under one scenario.
public struct QueuePlan: Sendable {
    public var scenario: String
    public var queue: String
    public var channel: Channel
    public var timeZone: TimeZone
    public var intervalMinutes: Int
    public var assumptions: PlanAssumptions
    public var intervals: [PlannedInterval]
    /// The forecast it was made from (before scenario adjustments).
    public var forecast: QueueForecast
}

/// One scenario's plan over every queue.
public struct ScenarioPlan: Sendable {
    public var name: String
    public var description: String?
    public var queues: [QueuePlan]
}

/// Staffs forecasts under a base and named scenarios.
public enum Planner {
    /// Plans every forecast under `assumptions` adjusted by `spec` (nil for the plain base).
    ///
    /// Scenario adjustments: volume × `volume_factor` × the factors of the scenario's events on
    /// the interval's local date; AHT × `aht_factor` + `aht_delta` (never below 1 s).
    ///
    /// - Throws: ``PlanError`` for an invalid assumption or an interval that cannot be staffed.
    /// - Complexity: O(intervals × solver).
    public static func plan(
        forecasts: [QueueForecast], base: PlanAssumptions, specs: [ScenarioSpec], scenarioFile: ScenarioFile?,
        name: String, description: String?
    ) throws(PlanError) -> ScenarioPlan {
        var queues: [QueuePlan] = []
        for forecast in forecasts {
            var assumptions = base
            var events: [VolumeEvent] = []
            for spec in specs {
                assumptions = try spec.apply(to: assumptions, queue: forecast.queue)
                events += spec.events
            }
            if assumptions.patience == nil, assumptions.estimatePatience,
                let estimate = forecast.estimatedPatienceSeconds
            {
                assumptions.patience = estimate
            }
            do { try assumptions.validate() } catch {
                if case .badAssumption(let key, let reason) = error {
                    let context = "\(reason) (scenario '\(name)', queue \(forecast.queue))"
                    // Named at the scenario file's setting when one set it.
                    throw scenarioFile?.locate(key, reason: context, specs: specs, queue: forecast.queue)
                        ?? .badAssumption(key: key, reason: context)
                }
                throw error
            }
            queues.append(try plan(forecast, assumptions: assumptions, events: events, scenario: name))
        }
        return ScenarioPlan(name: name, description: description, queues: queues)
    }

    /// Plans one forecast.
    ///
    /// - Complexity: O(intervals × solver).
    public static func plan(
        _ forecast: QueueForecast, assumptions: PlanAssumptions, events: [VolumeEvent], scenario: String
    ) throws(PlanError) -> QueuePlan {
        let staffer = IntervalStaffer(
            assumptions: assumptions, channel: forecast.channel, intervalSeconds: forecast.intervalSeconds,
            quantileLevels: forecast.quantileLevels)
        var intervals: [PlannedInterval] = []
        intervals.reserveCapacity(forecast.intervals.count)
        for f in forecast.intervals {
            var factor = assumptions.volumeFactor
            for e in events where e.applies(to: forecast.queue, on: f.localDate) { factor *= e.factor }
            let volume = f.volume * factor
            let quantiles = f.quantiles.map { $0 * factor }
            let baseAHT = f.ahtSeconds ?? 0
            let aht = volume > 0 || baseAHT > 0 ? max(1, baseAHT * assumptions.ahtFactor + assumptions.ahtDelta) : 0
            if volume > 0 && f.ahtSeconds == nil {
                throw .badForecast(
                    "\(forecast.queue)/\(forecast.channel.rawValue) at \(f.isoStart): no handle time (pass --aht)")
            }
            let staffing: IntervalStaffing
            do { staffing = try staffer.staff(volume: volume, quantiles: quantiles, aht: aht) } catch {
                if case .unstaffable(let why) = error {
                    throw .unstaffable(
                        "\(forecast.queue)/\(forecast.channel.rawValue) at \(f.isoStart) (scenario '\(scenario)'): \(why)"
                    )
                }
                throw error
            }
            intervals.append(
                PlannedInterval(start: f.start, utcOffset: f.utcOffset, localDate: f.localDate, staffing: staffing))
        }
        return QueuePlan(
            scenario: scenario, queue: forecast.queue, channel: forecast.channel, timeZone: forecast.timeZone,
            intervalMinutes: forecast.intervalMinutes, assumptions: assumptions, intervals: intervals,
            forecast: forecast)
    }
}
