import CCPlanBase

/// Seasonal naive: the forecast for (date, slot) is the most recent observed value on the same
/// weekday and slot (same interval last week, or the last week that has it).
///
///     ŷ(d, s) = y(d′, s),  d′ = latest training day with weekday(d′) = weekday(d) and y(d′, s) observed
///
/// The standard benchmark of Taylor (2008) and Hyndman & Athanasopoulos, *Forecasting: Principles
/// and Practice*, §5.2.
public struct SeasonalNaive: ForecastModel {
    /// The model's name in reports.
    public var name: String { "seasonal-naive" }

    /// The model (it has no parameters).
    public init() {}

    /// - Complexity: O(training days · slotsPerDay).
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        try SeasonalAverage(weeks: 1).forecast(context)
    }
}

/// Seasonal average: the mean of the last `weeks` observed values on the same weekday and slot.
///
///     ŷ(d, s) = (1/k) Σ_{i=1..k} y(d_i, s),  d_1 > d_2 > … the latest same-weekday days with y(·, s) observed
///
/// Taylor (2008, *Management Science* 54) found it hard to beat beyond two or three days ahead.
/// `k` is chosen by backtest in ``AutoModel`` (candidates 2, 4, 6, 8 by default).
public struct SeasonalAverage: ForecastModel {
    /// The number of weeks averaged (k ≥ 1).
    public var weeks: Int
    /// The model's name in reports.
    public var name: String { weeks == 1 ? "seasonal-naive" : "seasonal-average(k=\(weeks))" }

    /// The model averaging `weeks` weeks.
    public init(weeks: Int = 4) { self.weeks = max(1, weeks) }

    /// - Complexity: O(training days · slotsPerDay).
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        let g = context.grid
        let s = g.slots
        // Per weekday-slot cell: sum and count of the most recent `weeks` observed values.
        var sum = [Double](repeating: 0, count: 7 * s)
        var count = [Int](repeating: 0, count: 7 * s)
        var row = g.days - 1
        while row >= 0 {
            if g.hasData[row] {
                let w = g.weekday(row: row)
                for j in 0..<s {
                    let c = w * s + j
                    let v = g.y[row * s + j]
                    if count[c] < weeks, !v.isNaN { sum[c] += v; count[c] += 1 }
                }
            }
            row -= 1
        }
        var out = [Double](repeating: 0, count: context.targetDates.count * s)
        for (t, date) in context.targetDates.enumerated() {
            let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
            for j in 0..<s where count[w * s + j] > 0 {
                out[t * s + j] = sum[w * s + j] / Double(count[w * s + j])
            }
        }
        return out
    }
}
