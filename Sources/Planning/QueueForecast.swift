import CCPlanBase
import ContactHistory
import Foundation

/// The forecast of one interval of one queue and channel.
public struct ForecastInterval: Sendable, Hashable {
    /// Start of the interval, seconds since 1970 UTC.
    public var start: Int64
    /// The UTC offset of the queue's time zone at `start`, seconds.
    public var utcOffset: Int
    /// The local date of the interval.
    public var localDate: CivilDate
    /// Forecast contacts offered (finite, ≥ 0; 0 when closed).
    public var volume: Double
    /// The forecast at each of the forecast's quantile levels (same order).
    public var quantiles: [Double]
    /// Forecast mean handle time, seconds; nil when unknown.
    public var ahtSeconds: Double?

    public init(
        start: Int64, utcOffset: Int, localDate: CivilDate, volume: Double, quantiles: [Double], ahtSeconds: Double?
    ) {
        self.start = start
        self.utcOffset = utcOffset
        self.localDate = localDate
        self.volume = volume
        self.quantiles = quantiles
        self.ahtSeconds = ahtSeconds
    }

    /// ISO 8601 start with the local offset, e.g. `2026-11-02T08:30:00+01:00`.
    public var isoStart: String { iso8601(start, offset: utcOffset) }
}

/// The forecast of one queue and channel over a horizon, on real (UTC) intervals, with how it
/// was made.
public struct QueueForecast: Sendable {
    public var queue: String
    public var channel: Channel
    public var timeZone: TimeZone
    public var intervalMinutes: Int
    /// Quantile levels of ``ForecastInterval/quantiles``, ascending.
    public var quantileLevels: [Double]
    /// The intervals, in time order.
    public var intervals: [ForecastInterval]
    /// The model that made the point forecast (`auto` records the model it chose).
    public var model: String
    /// The chosen model's backtest WAPE on the history, when a backtest ran.
    public var backtestWAPE: Double?
    /// The training window (local dates), when the forecast came from history.
    public var trainingFirstDate: CivilDate?
    public var trainingLastDate: CivilDate?
    /// The callers' mean patience estimated from the history's abandons and waits, seconds.
    public var estimatedPatienceSeconds: Double?

    public init(
        queue: String, channel: Channel, timeZone: TimeZone, intervalMinutes: Int, quantileLevels: [Double],
        intervals: [ForecastInterval], model: String, backtestWAPE: Double? = nil,
        trainingFirstDate: CivilDate? = nil, trainingLastDate: CivilDate? = nil, estimatedPatienceSeconds: Double? = nil
    ) {
        self.queue = queue
        self.channel = channel
        self.timeZone = timeZone
        self.intervalMinutes = intervalMinutes
        self.quantileLevels = quantileLevels
        self.intervals = intervals
        self.model = model
        self.backtestWAPE = backtestWAPE
        self.trainingFirstDate = trainingFirstDate
        self.trainingLastDate = trainingLastDate
        self.estimatedPatienceSeconds = estimatedPatienceSeconds
    }

    /// Interval length in seconds.
    public var intervalSeconds: Double { Double(intervalMinutes * 60) }
}

/// The column name of a quantile level: 0.1 → `p10`, 0.025 → `p2.5`.
public func quantileName(_ level: Double) -> String {
    let percent = (level * 1000).rounded() / 10
    return percent == percent.rounded() ? "p\(Int(percent))" : "p\(percent)"
}
