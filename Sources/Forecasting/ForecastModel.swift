import CCPlanBase

/// A point-forecasting method for one interval series.
///
/// A model reads a ``ForecastContext`` (history, calendar, target dates) and returns point
/// forecasts of the volume for every target date and slot, day-major
/// (`result[t * slotsPerDay + s]` for `targetDates[t]`). Models need not handle closed dates,
/// closed intervals or events: ``Forecaster`` and ``Backtest`` apply those afterwards, the same
/// way for every model. Results must be deterministic: the same context gives bit-identical output.
public protocol ForecastModel: Sendable {
    /// A short stable identifier for reports, e.g. `svd(k=5)`.
    var name: String { get }
    /// Point forecasts, `targetDates.count × slotsPerDay`, day-major; finite and non-negative.
    func forecast(_ context: ForecastContext) throws -> [Double]
}

/// The treatment every forecast gets after its model: closed dates and closed intervals are
/// exactly 0, events multiply, non-finite or negative values become 0.
struct PostProcessor: Sendable {
    let closedMask: [Bool]
    let slots: Int

    init(context: ForecastContext, closedLookbackWeeks: Int) {
        closedMask = context.grid.closedIntervalMask(weeks: closedLookbackWeeks)
        slots = context.slotsPerDay
    }

    func apply(_ f: inout [Double], context: ForecastContext) {
        let cal = context.calendar
        for (t, date) in context.targetDates.enumerated() {
            let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
            let isClosed = cal.closedDates.contains(date)
            for s in 0..<slots {
                let i = t * slots + s
                if isClosed || closedMask[w * slots + s] { f[i] = 0; continue }
                var v = f[i]
                if !cal.events.isEmpty { v *= cal.eventFactor(date: date, slot: s) }
                f[i] = v.isFinite && v > 0 ? v : 0
            }
        }
    }
}

/// √(y + ¼): the variance-stabilising transform for Poisson-like counts (Anscombe-type; used by
/// Weinberg, Brown & Stroud 2007 and Shen & Huang 2008).
@inline(__always) func rootTransform(_ y: Double) -> Double { (y + 0.25).squareRoot() }

/// Back-transform of a √-scale forecast `z` with residual variance `v`: E[y] = z² + v − ¼, at least 0.
@inline(__always) func rootBack(_ z: Double, variance v: Double) -> Double {
    let zz = max(0, z)
    let y = zz * zz + v - 0.25
    return y.isFinite && y > 0 ? y : 0
}
