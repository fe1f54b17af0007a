import CCPlanBase

/// The day totals of a training grid, the input of the day-level model and of the long-horizon
/// backtest.
///
/// A day with every open interval observed has its plain sum. A day with unobserved intervals
/// (absent rows: unknown, not zero) is scaled up by the share of the day's volume its observed
/// intervals usually carry,
///
///     Y_d = Σ_{s observed} y(d, s) / Σ_{s observed} P_{w(d)}(s),
///
/// where P_w is the weekday's intraday profile over the last 52 weeks (mean volume of each slot,
/// normalised to sum 1). Days whose observed share is below ½, closed dates, special days and
/// days without data have no total (`NaN`).
struct DailyTotals: Sendable {
    /// Day number of index 0 (the grid's first day).
    let firstDay: Int
    /// Per calendar day: the total, `NaN` when unknown or not used for training.
    let total: [Double]
    /// Per calendar day: whether it is a closed date.
    let closed: [Bool]
    /// Weekdays (0 = Monday) on which the queue is open: some volume in the last 8 weeks of that weekday.
    let openWeekday: [Bool]

    /// - Complexity: O(days · slots).
    init(grid g: Grid) {
        let s = g.slots
        firstDay = g.firstDay
        closed = g.closed
        // Weekday profiles of the last 52 weeks (slot means over observed cells).
        var sum = [Double](repeating: 0, count: 7 * s), count = sum
        let start = max(0, g.days - 364)
        for r in start..<g.days where g.hasData[r] {
            let w = g.weekday(row: r)
            for j in 0..<s {
                let v = g.y[r * s + j]
                if !v.isNaN { sum[w * s + j] += v; count[w * s + j] += 1 }
            }
        }
        var profile = [Double](repeating: 0, count: 7 * s)
        for w in 0..<7 {
            var t = 0.0
            for j in 0..<s where count[w * s + j] > 0 {
                profile[w * s + j] = sum[w * s + j] / count[w * s + j]; t += profile[w * s + j]
            }
            if t > 0 { for j in 0..<s { profile[w * s + j] /= t } }
        }
        var totals = [Double](repeating: .nan, count: g.days)
        for r in 0..<g.days where g.hasData[r] {
            let w = g.weekday(row: r)
            var observed = 0.0, share = 0.0, cells = 0
            for j in 0..<s {
                let v = g.y[r * s + j]
                if !v.isNaN { observed += v; share += profile[w * s + j]; cells += 1 }
            }
            let allZeroWeekday = profile[(w * s)..<(w * s + s)].allSatisfy { $0 == 0 }
            if allZeroWeekday { totals[r] = cells > 0 ? observed : .nan; continue }
            if share >= 0.5 { totals[r] = observed / share }
        }
        total = totals
        var open = [Bool](repeating: false, count: 7)
        var seen = [Int](repeating: 0, count: 7)
        var r = g.days - 1
        while r >= 0, seen.contains(where: { $0 < 8 }) {
            let w = g.weekday(row: r)
            if !totals[r].isNaN, seen[w] < 8 {
                seen[w] += 1
                if totals[r] > 0 { open[w] = true }
            }
            r -= 1
        }
        openWeekday = open
    }

    /// Number of calendar days covered.
    var days: Int { total.count }

    /// The weekday (0 = Monday) of index `i`.
    @inline(__always) func weekday(_ i: Int) -> Int { CivilDate.weekdayIndex(dayNumber: firstDay + i) }

    /// Indices with a usable total on an open weekday.
    func trainingIndices() -> [Int] {
        (0..<days).filter { !total[$0].isNaN && openWeekday[weekday($0)] }
    }
}
