import CCPlanBase

/// A recurring calendar day whose effect the day-level model can learn from the history without
/// a holiday file: a fixed date (25 December), the n-th or last weekday of a month (the fourth
/// Thursday of November, the last Monday of May) or an offset from Easter Sunday.
///
/// Learning (``learn(residuals:firstDay:sigma:)``): after a first fit without special days, every
/// key that occurs at least twice among the training days gets the mean m and count c of the
/// residuals of its days; a key is kept when its t-statistic |m|·√c / σ̂ is at least 4.5 (a
/// two-sided tail of about 7·10⁻⁶ per key, so that among the ~800 keys tested a false one is
/// rare), at most the 24 strongest. The kept keys become ridge-shrunk effects of the refit.
enum SpecialDayKey: Sendable, Hashable, Comparable {
    case fixed(month: Int, day: Int)
    case nthWeekday(month: Int, weekday: Int, n: Int)
    case lastWeekday(month: Int, weekday: Int)
    case easter(offset: Int)

    /// Easter offsets tested: Holy Week and Easter Week, Ascension, Pentecost, Corpus Christi.
    static let easterOffsets: [Int] = Array(-7...8) + [38, 39, 40, 48, 49, 50, 51, 59, 60, 61]

    /// Every key the date matches.
    static func keys(of date: CivilDate, into keys: inout [SpecialDayKey]) {
        keys.removeAll(keepingCapacity: true)
        keys.append(.fixed(month: date.month, day: date.day))
        let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
        let n = (date.day - 1) / 7 + 1
        if n <= 4 { keys.append(.nthWeekday(month: date.month, weekday: w, n: n)) }
        if date.day + 7 > CivilDate.daysIn(month: date.month, year: date.year) {
            keys.append(.lastWeekday(month: date.month, weekday: w))
        }
        let offset = date.dayNumber - CivilDate.easter(year: date.year).dayNumber
        if easterOffsets.contains(offset) { keys.append(.easter(offset: offset)) }
    }

    /// Whether `date` is this key's day.
    func matches(_ date: CivilDate) -> Bool {
        switch self {
        case .fixed(let m, let d): return date.month == m && date.day == d
        case .nthWeekday(let m, let w, let n):
            return date.month == m && (date.day - 1) / 7 + 1 == n
                && CivilDate.weekdayIndex(dayNumber: date.dayNumber) == w
        case .lastWeekday(let m, let w):
            return date.month == m && date.day + 7 > CivilDate.daysIn(month: m, year: date.year)
                && CivilDate.weekdayIndex(dayNumber: date.dayNumber) == w
        case .easter(let o): return date.dayNumber - CivilDate.easter(year: date.year).dayNumber == o
        }
    }

    /// The keys whose residuals are consistently extreme (see the type's documentation).
    ///
    /// - Complexity: O(residuals · keys per day + keys · log keys).
    static func learn(
        residuals: [(index: Int, value: Double)], firstDay: Int, sigma: Double,
        threshold: Double = 4.5, maximum: Int = 24
    ) -> [SpecialDayKey] {
        guard sigma > 0, residuals.count >= 365 else { return [] }
        var sums: [SpecialDayKey: (sum: Double, count: Int)] = [:]
        var buffer: [SpecialDayKey] = []
        for r in residuals {
            keys(of: CivilDate(dayNumber: firstDay + r.index), into: &buffer)
            for k in buffer {
                let e = sums[k] ?? (0, 0)
                sums[k] = (e.sum + r.value, e.count + 1)
            }
        }
        var kept: [(key: SpecialDayKey, t: Double)] = []
        for (k, e) in sums where e.count >= 2 {
            let t = abs(e.sum / Double(e.count)) * Double(e.count).squareRoot() / sigma
            if t >= threshold { kept.append((k, t)) }
        }
        kept.sort { $0.t > $1.t || ($0.t == $1.t && $0.key < $1.key) }
        return kept.prefix(maximum).map(\.key).sorted()
    }

    private var order: (Int, Int, Int, Int) {
        switch self {
        case .fixed(let m, let d): return (0, m, d, 0)
        case .nthWeekday(let m, let w, let n): return (1, m, w, n)
        case .lastWeekday(let m, let w): return (2, m, w, 0)
        case .easter(let o): return (3, o, 0, 0)
        }
    }

    static func < (a: SpecialDayKey, b: SpecialDayKey) -> Bool { a.order < b.order }
}
