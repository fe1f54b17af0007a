import CCPlanBase
import ContactHistory
import Forecasting
import Foundation

/// The forecasting models a planner can ask for by name (`--model`).
public enum ModelChoice: String, Sendable, CaseIterable {
    case auto
    case seasonalNaive = "seasonal-naive"
    case seasonalAverage = "seasonal-average"
    case holtWinters = "holt-winters"
    case regression
    case svd
    case ensemble
    case dayLevel = "day-level"
    case sameDayLastYear = "same-day-last-year"
    case lastYearGrowth = "last-year-growth"

    /// The model with its default settings.
    public func model() -> any ForecastModel {
        switch self {
        case .auto: return AutoModel()
        case .seasonalNaive: return SeasonalNaive()
        case .seasonalAverage: return SeasonalAverage()
        case .holtWinters: return HoltWinters()
        case .regression: return FixedEffectsRegression()
        case .svd: return SVDInterday()
        case .ensemble: return EnsembleModel(members: [SVDInterday(), SeasonalAverage(), FixedEffectsRegression()])
        case .dayLevel: return DayLevelModel()
        case .sameDayLastYear: return DayLevelModel(.sameDayLastYear)
        case .lastYearGrowth: return DayLevelModel(.lastYearGrowth)
        }
    }
}

/// What to forecast: the horizon and the treatment of special days.
public struct ForecastRequest: Sendable {
    /// The longest horizon ccplan forecasts: 5 years (1,830 days). Capacity plans look 3 to 18
    /// months ahead; beyond this a horizon is a typo (`--horizon 10000000000000000000s`), and
    /// memory and time would follow it.
    public static let maximumHorizonSeconds: Double = 1830 * 86_400

    /// Checks a horizon: positive and at most ``maximumHorizonSeconds``; the message is the reason.
    public static func checkHorizon(_ seconds: Double) -> String? {
        guard seconds.isFinite, seconds > 0 else { return "must be a positive duration, e.g. 28d" }
        guard seconds <= maximumHorizonSeconds else {
            return "must be at most 1830d (5 years), got \(DurationText.format(seconds))"
        }
        return nil
    }

    /// Length of the horizon, seconds (> 0).
    public var horizonSeconds: Double
    /// First instant forecast (UTC seconds); nil for the interval after the last history interval.
    public var start: Int64?
    public var model: ModelChoice = .auto
    public var quantileLevels: [Double] = [0.1, 0.9]
    /// AHT used when the history has no handle time, seconds.
    public var defaultAHT: Double?
    public var holidays: [Holiday] = []
    public var events: [VolumeEvent] = []

    public init(horizonSeconds: Double, start: Int64? = nil) {
        self.horizonSeconds = horizonSeconds
        self.start = start
    }
}

/// History → forecast for one queue and channel: the bridge between the UTC interval grid of
/// `ContactHistory` and the local (date, slot-of-day) grid of `Forecasting`.
public enum ForecastPipeline {
    /// Converts a series to the local-calendar grid the models use. Slots are wall-clock times:
    /// on a 25-hour day the two intervals of the repeated hour share their slot, which holds
    /// their mean (the slot's rate: a sum would read as a doubled hour), on a 23-hour day the
    /// skipped slots stay missing. Absent intervals stay missing (`NaN`), never 0.
    ///
    /// - Complexity: O(intervals).
    public static func dailySeries(_ series: IntervalSeries) throws(PlanError) -> DailyIntervalSeries {
        let slotsPerDay = 1440 / series.intervalMinutes
        var grid = DailyIntervalSeries(slotsPerDay: slotsPerDay)
        let hasHandleTime = series.handleSeconds.contains { $0 > 0 }
        let slots = series.localSlots()
        var first = Set<Int>(), second: [LocalSlot] = []  // observed first and second occurrences
        do {
            for i in series.indices where series.states[i] == .observed {
                let s = slots[i]
                if s.occurrence == 0 { first.insert(s.dayNumber * slotsPerDay + s.slot) } else { second.append(s) }
                // Counts the export left empty stay unknown (NaN is not a value to add). Handle
                // time is per handled contact, or per offered contact (less abandoned) without a
                // handled count: the rule of the reader and of `inspect`.
                let handled = series.handleTimeBase(i), handle = series.handleSeconds[i]
                let known = hasHandleTime && !handled.isNaN && !handle.isNaN
                try grid.accumulate(
                    date: CivilDate(dayNumber: s.date.dayNumber), slot: s.slot, volume: series.offered[i],
                    handled: known ? handled : nil, handleTimeSeconds: known ? handle : nil)
            }
            let repeated = second.filter { first.contains($0.dayNumber * slotsPerDay + $0.slot) }
            if !repeated.isEmpty { grid = try halving(grid, cells: repeated) }
        } catch {
            throw .badHistory("\(series.queue)/\(series.channel.rawValue): \(error)")
        }
        return grid
    }

    /// The series with the cells of repeated hours halved: the mean of their two intervals.
    private static func halving(_ grid: DailyIntervalSeries, cells: [LocalSlot]) throws -> DailyIntervalSeries {
        var volume = grid.volume, handled = grid.handled, time = grid.handleTimeSeconds
        let s = grid.slotsPerDay
        for cell in cells {
            guard let r = grid.row(of: cell.date) else { continue }
            let i = r * s + cell.slot
            volume[i] /= 2
            handled?[i] /= 2
            time?[i] /= 2
        }
        return try DailyIntervalSeries(
            slotsPerDay: s, dates: grid.dates, volume: volume, handled: handled, handleTimeSeconds: time)
    }

    /// Forecasts one series.
    ///
    /// Training uses every day before the local day of the first forecast interval (a partial
    /// last day of history is left out when the forecast starts inside it).
    ///
    /// - Throws: ``PlanError/badHistory(_:)`` when the history is empty or too short for the model.
    /// - Complexity: that of the model (for `auto`, its rolling-origin backtest) plus O(horizon intervals).
    public static func forecast(_ series: IntervalSeries, _ request: ForecastRequest) throws(PlanError) -> QueueForecast
    {
        let name = "\(series.queue)/\(series.channel.rawValue)"
        guard series.observedCount > 0 else { throw .badHistory("\(name): the history has no observed interval") }
        if let reason = ForecastRequest.checkHorizon(request.horizonSeconds) {
            throw .badAssumption(key: "horizon", reason: reason)
        }
        let step = series.step
        let start = request.start ?? (series.end + step)
        var clock = ZoneClock(series.timeZone)
        let end = horizonEnd(start: start, seconds: request.horizonSeconds, clock: &clock)
        let firstDay = floorDiv(start + clock.offset(at: start), 86_400)
        let lastDay = floorDiv(end - 1 + clock.offset(at: end - 1), 86_400)

        var history = try dailySeries(series)
        history = history.prefix(before: CivilDate(dayNumber: Int(firstDay)))
        guard history.dates.count >= 7 else {
            throw .badHistory(
                "\(name): \(history.dates.count) days of history before the forecast start; at least 7 are needed")
        }
        let calendar = forecastCalendar(queue: series.queue, request: request)
        let targetDates = (firstDay...lastDay).map { CivilDate(dayNumber: Int($0)) }
        let forecaster = Forecaster(
            model: request.model.model(), quantileLevels: request.quantileLevels,
            handleTime: HandleTimeModel(defaultSeconds: request.defaultAHT))
        let forecast: Forecast
        do { forecast = try forecaster.forecast(history: history, calendar: calendar, targetDates: targetDates) } catch
        {
            throw .badHistory("\(name): \(error)")
        }

        // Back onto real intervals: resolve each (date, slot) wall-clock time in the time zone.
        let levels = forecast.quantileLevels
        var intervals: [ForecastInterval] = []
        intervals.reserveCapacity(forecast.volume.count)
        let s = forecast.slotsPerDay
        for (d, date) in forecast.dates.enumerated() {
            let localDate = CivilDate(dayNumber: date.dayNumber)
            for slot in 0..<s {
                let k = d * s + slot
                let local = Int64(date.dayNumber) * 86_400 + Int64(slot) * step
                let instants: [Int64]
                switch clock.resolve(local: local) {
                case .unique(let t): instants = [t]
                case .ambiguous(let a, let b): instants = [a, b]
                case .gap: instants = []
                }
                for t in instants where t >= start && t < end {
                    let aht = forecast.averageHandleTimeSeconds.map { $0[k] }
                        .flatMap { $0.isFinite && $0 > 0 ? PublishedPrecision.seconds($0) : nil }
                    intervals.append(
                        ForecastInterval(
                            start: t, utcOffset: Int(clock.offset(at: t)), localDate: localDate,
                            volume: clean(forecast.volume[k]),
                            quantiles: levels.indices.map { clean(forecast.quantiles[$0][k]) },
                            ahtSeconds: aht ?? request.defaultAHT))
                }
            }
        }
        intervals.sort { $0.start < $1.start }
        let wape = forecast.selection.flatMap { sel in sel.scores.first { $0.model == forecast.method }?.metrics.wape }
        return QueueForecast(
            queue: series.queue, channel: series.channel, timeZone: series.timeZone,
            intervalMinutes: series.intervalMinutes,
            quantileLevels: levels, intervals: intervals, model: forecast.method,
            backtestWAPE: wape.flatMap { $0.isFinite ? PublishedPrecision.score($0) : nil },
            trainingFirstDate: forecast.trainingFirstDate.map { CivilDate(dayNumber: $0.dayNumber) },
            trainingLastDate: forecast.trainingLastDate.map { CivilDate(dayNumber: $0.dayNumber) },
            estimatedPatienceSeconds: PatienceEstimate.seconds(series))
    }

    /// The end of a horizon of `seconds` from `start`: a whole number of days counts local days
    /// (the same wall-clock time N days later, so a 25-hour day is not cut short and a 23-hour
    /// day does not run into the next), anything else elapsed seconds.
    static func horizonEnd(start: Int64, seconds: Double, clock: inout ZoneClock) -> Int64 {
        let elapsed = start + Int64(seconds.rounded(.up))
        guard seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 else { return elapsed }
        let offset = clock.offset(at: start)
        let local = start + offset + Int64(seconds)
        switch clock.resolve(local: local) {
        case .unique(let t), .ambiguous(let t, _): return t
        case .gap: return local - offset
        }
    }

    /// Holidays and events of one queue as the forecasting calendar: holidays are closed dates
    /// (forecast 0, left out of training); an event multiplies the forecast on its dates and its
    /// dates in the history are special days (left out of training).
    static func forecastCalendar(queue: String, request: ForecastRequest) -> ForecastCalendar {
        var closed = Set<CivilDate>()
        for h in request.holidays where h.queue == nil || h.queue == queue {
            closed.insert(CivilDate(dayNumber: h.date.dayNumber))
        }
        var special: [CivilDate: String] = [:]
        var events: [ForecastEvent] = []
        for e in request.events where e.queue == nil || e.queue == queue {
            let label = "event \(e.start)–\(e.end)"
            let dates = CivilDate(dayNumber: e.start.dayNumber)...CivilDate(dayNumber: e.end.dayNumber)
            events.append(ForecastEvent(name: label, dates: dates, factor: e.factor))
            // In the history, an event's days are special: left out of training (the regression
            // learns their effect instead), never averaged into normal days.
            for day in e.start.dayNumber...e.end.dayNumber { special[CivilDate(dayNumber: day)] = label }
        }
        return ForecastCalendar(closedDates: closed, specialDays: special, events: events)
    }

    /// A finite, non-negative volume at the published precision (NaN from a never-observed slot
    /// becomes 0: closed).
    @inline(__always)
    static func clean(_ x: Double) -> Double { x.isFinite && x > 0 ? PublishedPrecision.volume(x) : 0 }
}
