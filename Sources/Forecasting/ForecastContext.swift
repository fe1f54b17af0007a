import CCPlanBase

/// Everything a model sees for one forecast: the history, the calendar, the dates to forecast,
/// and a dense calendar grid built once and shared by every model evaluated at this origin.
///
/// The grid has one row per calendar day from the first to the last history date; days absent
/// from the history, closed dates and special days are `NaN` rows, so row `r` always falls on
/// weekday `(firstDay + r)` and no gap can shift the weekly cycle.
public struct ForecastContext: Sendable {
    /// The training history.
    public let history: DailyIntervalSeries
    /// Closed dates, special days and events.
    public let calendar: ForecastCalendar
    /// The dates to forecast, strictly increasing, all after the last history date.
    public let targetDates: [CivilDate]
    /// Intervals per day.
    public var slotsPerDay: Int { history.slotsPerDay }

    let grid: Grid

    /// Days from the last history date to the last target date (nil without targets).
    var leadDays: Int? {
        guard let last = history.dates.last, let target = targetDates.last else { return nil }
        return target.dayNumber - last.dayNumber
    }

    /// Prepares a forecast.
    ///
    /// - Throws: ``ForecastingError/insufficientHistory(_:)`` on an empty history,
    ///   ``ForecastingError/invalidParameter(_:)`` when the target dates are unsorted or not after the history.
    /// - Complexity: O(calendar days spanned · slotsPerDay).
    public init(history: DailyIntervalSeries, calendar: ForecastCalendar = .none, targetDates: [CivilDate]) throws {
        guard let last = history.dates.last else { throw ForecastingError.insufficientHistory("the history is empty") }
        for (i, d) in targetDates.enumerated() {
            guard d > last else {
                throw ForecastingError.invalidParameter("target date \(d) is not after the last history date \(last)")
            }
            if i > 0, !(targetDates[i - 1] < d) {
                throw ForecastingError.invalidParameter("target dates must be strictly increasing")
            }
        }
        self.history = history
        self.calendar = calendar
        self.targetDates = targetDates
        self.grid = Grid(history: history, calendar: calendar)
    }

    /// Convenience: forecast the `horizonDays` calendar days after the last history date.
    ///
    /// - Complexity: as ``init(history:calendar:targetDates:)``.
    public init(history: DailyIntervalSeries, calendar: ForecastCalendar = .none, horizonDays: Int) throws {
        guard let last = history.dates.last else { throw ForecastingError.insufficientHistory("the history is empty") }
        guard horizonDays >= 1 else { throw ForecastingError.invalidParameter("horizonDays must be at least 1") }
        try self.init(
            history: history, calendar: calendar, targetDates: (1...horizonDays).map { last.adding(days: $0) })
    }
}

/// The dense calendar grid of a history (internal working representation of every model).
struct Grid: Sendable {
    /// Day number of row 0.
    let firstDay: Int
    /// Calendar days (rows).
    let days: Int
    /// Slots per day (columns).
    let slots: Int
    /// Training values: `NaN` on missing cells, missing days, closed dates and special days.
    var y: [Double]
    /// Values of special days only (`NaN` elsewhere), for the regression's special-day effects.
    var special: [Double]
    /// Per row: index into `specialLabels`, or -1.
    var specialLabel: [Int]
    /// The special-day labels in sorted order (deterministic).
    var specialLabels: [String]
    /// Per row: whether the row has at least one usable value in `y`.
    var hasData: [Bool]
    /// Per row: whether the day is a closed date.
    var closed: [Bool]
    /// Weekdays (0 = Monday) with any positive volume in the training data.
    var operatingWeekdays: [Bool]
    let closedDates: Set<CivilDate>

    init(history: DailyIntervalSeries, calendar: ForecastCalendar) {
        let s = history.slotsPerDay
        let first = history.dates.first?.dayNumber ?? 0
        let last = history.dates.last?.dayNumber ?? first
        firstDay = first
        days = history.dates.isEmpty ? 0 : last - first + 1
        slots = s
        closedDates = calendar.closedDates
        y = [Double](repeating: .nan, count: days * s)
        special = y
        specialLabel = [Int](repeating: -1, count: days)
        specialLabels = Array(Set(calendar.specialDays.values)).sorted()
        hasData = [Bool](repeating: false, count: days)
        closed = [Bool](repeating: false, count: days)
        operatingWeekdays = [Bool](repeating: false, count: 7)
        var labelIndex: [String: Int] = [:]
        for (i, l) in specialLabels.enumerated() { labelIndex[l] = i }
        for (r, date) in history.dates.enumerated() {
            let row = date.dayNumber - first
            if calendar.closedDates.contains(date) { closed[row] = true; continue }
            let src = r * s, dst = row * s
            if let label = calendar.specialDays[date], let li = labelIndex[label] {
                specialLabel[row] = li
                for j in 0..<s { special[dst + j] = history.volume[src + j] }
                continue
            }
            var any = false
            for j in 0..<s {
                let v = history.volume[src + j]
                y[dst + j] = v
                if !v.isNaN {
                    any = true; if v > 0 { operatingWeekdays[CivilDate.weekdayIndex(dayNumber: date.dayNumber)] = true }
                }
            }
            hasData[row] = any
        }
        for date in calendar.closedDates {
            let row = date.dayNumber - first
            if row >= 0, row < days { closed[row] = true }
        }
    }

    @inline(__always) func weekday(row: Int) -> Int { CivilDate.weekdayIndex(dayNumber: firstDay + row) }

    /// Whether the day directly follows a closed date (the day that absorbs the calls deferred by
    /// the closure, e.g. the Tuesday after Labor Day). A weekend in between breaks the link.
    func followsClosure(dayNumber: Int) -> Bool {
        !closedDates.isEmpty && closedDates.contains(CivilDate(dayNumber: dayNumber - 1))
            && !closedDates.contains(CivilDate(dayNumber: dayNumber))
    }

    /// Rows with data, most recent last.
    func dataRows() -> [Int] { (0..<days).filter { hasData[$0] } }

    /// Closed intervals: mask[w · slots + s] is true when the weekday-slot cell is closed, i.e.
    /// when the weekday has no day with data, or the cell never had volume in the training
    /// history, or its latest run of zeros is both at least `weeks` same-weekday days long and
    /// improbable for an open cell: L · r ≥ 5, L the run's length and r the cell's mean over up to
    /// 26 observed days before the run (at least 4), so that a Poisson cell of that rate shows
    /// such a run with probability e^(−L·r) ≤ e⁻⁵ ≈ 0.7 %. A quiet open cell (0.5 contacts a
    /// week) is not closed by a few empty weeks; a cell that had 10 a week is closed after 4.
    /// Unobserved cells neither extend nor break a run.
    func closedIntervalMask(weeks: Int) -> [Bool] {
        let cells = 7 * slots
        var run = [Int](repeating: 0, count: cells)
        var inRun = [Bool](repeating: true, count: cells)
        var beforeSum = [Double](repeating: 0, count: cells)
        var beforeCount = [Int](repeating: 0, count: cells)
        var weekdayHasData = [Bool](repeating: false, count: 7)
        var row = days - 1
        while row >= 0 {
            if hasData[row] {
                let w = weekday(row: row)
                weekdayHasData[w] = true
                for j in 0..<slots {
                    let v = y[row * slots + j]
                    if v.isNaN { continue }
                    let c = w * slots + j
                    if inRun[c] {
                        if v > 0 { inRun[c] = false; beforeSum[c] = v; beforeCount[c] = 1 } else { run[c] += 1 }
                    } else if beforeCount[c] < 26 {
                        beforeSum[c] += v; beforeCount[c] += 1
                    }
                }
            }
            row -= 1
        }
        var mask = [Bool](repeating: true, count: cells)
        for c in 0..<cells where weekdayHasData[c / slots] && !inRun[c] {
            let improbable =
                run[c] >= max(1, weeks) && beforeCount[c] >= 4
                && Double(run[c]) * beforeSum[c] / Double(beforeCount[c]) >= 5
            mask[c] = improbable
        }
        return mask
    }
}
