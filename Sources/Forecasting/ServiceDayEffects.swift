import CCPlanBase

/// Day-level calendar regressors of the interval models (``SVDInterday``,
/// ``FixedEffectsRegression``): the turn of the month and the second day of a catch-up after a
/// closure. Counted in **service days**, the days the queue is open (an operating weekday that is
/// not a closed date), so that "the first service day of the month" is Tuesday 2 September after
/// a Labor Day closure, and "the last" is Friday 29 August:
///
///     x₁ = 1[d is the 1st service day of its month]     x₂ = 1[2nd]     x₃ = 1[3rd]
///     x₄ = 1[d is the last service day of its month]
///     x₅ = 1[d is the second service day after a closed date (the next day follows it directly)]
///
/// Statements, salaries, bills and direct debits cluster at the turn of the month, so many
/// contact centres (banks, utilities, insurers) see 5–20 % more contacts on its first and last
/// service days; a closure's deferred contacts spill over into the second day after it (the
/// long-horizon guide's "catch-up on the next 1–2 open days"). The effects are learnt, never
/// assumed: the interval models fit them with a ridge penalty (``ridge``), so an effect that the
/// history does not show shrinks towards 0, and the turn-of-month columns are used only when the
/// history covers ``minimumMonthTurns`` month turns.
struct ServiceDayEffects: Sendable {
    /// The number of regressors.
    static let count = 5
    /// The ridge penalty λ on each effect, in units of one observation: an effect seen c times
    /// keeps c/(c + λ) of its least-squares size (4 of 5 at c = 4).
    static let ridge = 1.0
    /// The month turns (first service days) the training rows must contain before the
    /// turn-of-month columns are used: fewer cannot separate them from noise.
    static let minimumMonthTurns = 3

    let operatingWeekdays: [Bool]
    let closed: Set<Int>

    /// Effects on the calendar of `grid` (its operating weekdays and closed dates).
    init(grid g: Grid) {
        operatingWeekdays = g.operatingWeekdays
        closed = Set(g.closedDates.map(\.dayNumber))
    }

    /// Whether the queue serves on day `d`.
    @inline(__always) func isServiceDay(_ d: Int) -> Bool {
        operatingWeekdays[CivilDate.weekdayIndex(dayNumber: d)] && !closed.contains(d)
    }

    /// x₁…x₅ of day `d` into `x` starting at `offset`.
    ///
    /// - Complexity: O(31).
    func fill(dayNumber d: Int, into x: inout [Double], at offset: Int) {
        for c in 0..<ServiceDayEffects.count { x[offset + c] = 0 }
        guard isServiceDay(d) else { return }
        let date = CivilDate(dayNumber: d)
        let monthStart = d - (date.day - 1)
        let monthEnd = monthStart + CivilDate.daysIn(month: date.month, year: date.year) - 1
        var fromStart = 0
        for e in monthStart...d where isServiceDay(e) { fromStart += 1 }
        var later = false
        if d < monthEnd { for e in (d + 1)...monthEnd where isServiceDay(e) { later = true; break } }
        if fromStart <= 3 { x[offset + fromStart - 1] = 1 }
        if !later { x[offset + 3] = 1 }
        if isSecondAfterClosure(d) { x[offset + 4] = 1 }
    }

    /// Whether `d` is the second service day after a closed date: the previous service day (at
    /// most a weekend back) directly follows a closed date.
    func isSecondAfterClosure(_ d: Int) -> Bool {
        guard !closed.isEmpty else { return false }
        var p = d - 1
        while p > d - 4, !isServiceDay(p), !closed.contains(p) { p -= 1 }  // skip a non-operating weekend
        return isServiceDay(p) && closed.contains(p - 1)
    }

    /// Which of the five columns the days `dayNumbers` (the training days) support: the month-turn
    /// columns when they contain ``minimumMonthTurns`` first service days of a month, the
    /// catch-up column when one of them is a second day after a closure.
    func usable(trainingDays dayNumbers: [Int]) -> [Bool] {
        var x = [Double](repeating: 0, count: ServiceDayEffects.count)
        var turns = 0, catchUp = false
        for d in dayNumbers {
            fill(dayNumber: d, into: &x, at: 0)
            if x[0] == 1 { turns += 1 }
            if x[4] == 1 { catchUp = true }
        }
        let month = turns >= ServiceDayEffects.minimumMonthTurns
        return [month, month, month, month, catchUp]
    }
}
