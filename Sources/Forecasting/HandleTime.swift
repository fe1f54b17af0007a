import CCPlanBase

/// Average handle time (AHT) per interval from a weekday × interval-of-day profile of recent weeks,
/// weighted by handled counts and shrunk towards the series mean where counts are low
/// (a credibility / empirical-Bayes estimate; cf. Aldor-Noiman, Feigin & Mandelbaum 2009 on
/// forecasting arrivals and service times together):
///
///     AHT(w, s) = (T(w, s) + κ · m) / (H(w, s) + κ),   m = ΣT / ΣH over the window,
///
/// where T and H are the total handle seconds and handled contacts of weekday w, slot s over the
/// last `lookbackWeeks` weeks (closed dates excluded) and κ = `pseudoCount` contacts. With no
/// handle time in the history the constant `defaultSeconds` is used (or no AHT at all when it is nil).
public struct HandleTimeModel: Sendable, Equatable {
    /// Weeks of history in the profile.
    public var lookbackWeeks: Int
    /// κ: how many contacts' worth of weight the series mean gets in each cell.
    public var pseudoCount: Double
    /// The AHT in seconds when the history has no handle time.
    public var defaultSeconds: Double?

    /// The model.
    public init(lookbackWeeks: Int = 8, pseudoCount: Double = 30, defaultSeconds: Double? = nil) {
        self.lookbackWeeks = max(1, lookbackWeeks)
        self.pseudoCount = max(0, pseudoCount)
        self.defaultSeconds = defaultSeconds
    }

    /// AHT in seconds for every target date and slot (day-major), or nil when nothing is known.
    ///
    /// - Complexity: O(lookbackWeeks · 7 · slotsPerDay + targetDates · slotsPerDay).
    public func forecast(history: DailyIntervalSeries, calendar: ForecastCalendar, targetDates: [CivilDate])
        -> [Double]?
    {
        let s = history.slotsPerDay
        let constant: Double? = defaultSeconds.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        if let handled = history.handled, let time = history.handleTimeSeconds, let last = history.dates.last {
            let from = last.dayNumber - 7 * lookbackWeeks + 1
            var h = [Double](repeating: 0, count: 7 * s), t = h
            var totalH = 0.0, totalT = 0.0
            var r = history.dates.count - 1
            while r >= 0, history.dates[r].dayNumber >= from {
                let date = history.dates[r]
                if !calendar.closedDates.contains(date) {
                    let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
                    for j in 0..<s {
                        let n = handled[r * s + j], sec = time[r * s + j]
                        guard n > 0, !sec.isNaN, !n.isNaN else { continue }
                        h[w * s + j] += n; t[w * s + j] += sec; totalH += n; totalT += sec
                    }
                }
                r -= 1
            }
            if totalH > 0 {
                let m = totalT / totalH
                var out = [Double](repeating: m, count: targetDates.count * s)
                for (i, date) in targetDates.enumerated() {
                    let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
                    for j in 0..<s {
                        let c = w * s + j
                        let v = (t[c] + pseudoCount * m) / (h[c] + pseudoCount)
                        out[i * s + j] = v.isFinite ? v : m
                    }
                }
                return out
            }
        }
        guard let c = constant else { return nil }
        return [Double](repeating: c, count: targetDates.count * s)
    }
}
