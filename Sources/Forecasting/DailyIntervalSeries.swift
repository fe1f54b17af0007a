import CCPlanBase

/// Contact volume (and optionally handled counts and handle time) on a local-calendar grid:
/// a strictly increasing list of local dates, each with `slotsPerDay` wall-clock intervals.
///
/// Values are indexed by (date, slot of day), never by position, so missing days, holidays and
/// unequal opening hours cannot shift the weekly cycle. `NaN` means missing or unobserved; `0`
/// is an observed zero (a closed or silent interval).
///
/// Daylight-saving days are mapped by local wall-clock time: on a 25-hour day the two intervals
/// that share a wall-clock slot are **summed** into it (use ``accumulate(date:slot:volume:handled:handleTimeSeconds:)``),
/// on a 23-hour day the slots that do not exist stay `NaN` (missing, not zero). Every model treats
/// `NaN` as "no information", so either choice keeps the weekly alignment.
public struct DailyIntervalSeries: Sendable, Equatable {
    /// Intervals per day (48 for 30-minute intervals over 24 hours, 28 for 07:00–21:00, …).
    public let slotsPerDay: Int
    /// The dates that have a row, strictly increasing; days absent here are missing.
    public private(set) var dates: [CivilDate]
    /// Offered contacts, `dates.count × slotsPerDay`, day-major: `volume[d * slotsPerDay + s]`.
    public private(set) var volume: [Double]
    /// Handled contacts per interval (same layout), when known.
    public private(set) var handled: [Double]?
    /// Total handle time in seconds of the contacts handled in each interval, when known.
    public private(set) var handleTimeSeconds: [Double]?

    /// An empty series to be filled by ``accumulate(date:slot:volume:handled:handleTimeSeconds:)``.
    ///
    /// - Complexity: O(1).
    public init(slotsPerDay: Int) {
        self.slotsPerDay = max(1, slotsPerDay)
        self.dates = []
        self.volume = []
        self.handled = nil
        self.handleTimeSeconds = nil
    }

    /// A series from whole rows.
    ///
    /// - Throws: ``ForecastingError/invalidSeries(_:)`` when the dates are not strictly increasing
    ///   or an array has the wrong length; ``ForecastingError/invalidValue(_:)`` on a negative or
    ///   infinite value.
    /// - Complexity: O(dates.count · slotsPerDay).
    public init(
        slotsPerDay: Int, dates: [CivilDate], volume: [Double],
        handled: [Double]? = nil, handleTimeSeconds: [Double]? = nil
    ) throws {
        guard slotsPerDay >= 1 else { throw ForecastingError.invalidSeries("slotsPerDay must be at least 1") }
        let n = dates.count * slotsPerDay
        guard volume.count == n else {
            throw ForecastingError.invalidSeries(
                "\(dates.count) dates × \(slotsPerDay) slots need \(n) volumes, got \(volume.count)")
        }
        if let h = handled, h.count != n {
            throw ForecastingError.invalidSeries("handled has \(h.count) values, expected \(n)")
        }
        if let t = handleTimeSeconds, t.count != n {
            throw ForecastingError.invalidSeries("handleTimeSeconds has \(t.count) values, expected \(n)")
        }
        for i in 1..<max(1, dates.count) where !(dates[i - 1] < dates[i]) {
            throw ForecastingError.invalidSeries("dates must be strictly increasing (\(dates[i - 1]) then \(dates[i]))")
        }
        for array in [volume, handled ?? [], handleTimeSeconds ?? []] {
            for v in array where v < 0 || v.isInfinite {
                throw ForecastingError.invalidValue("counts and handle times must be finite and non-negative, got \(v)")
            }
        }
        self.slotsPerDay = slotsPerDay
        self.dates = dates
        self.volume = volume
        self.handled = handled
        self.handleTimeSeconds = handleTimeSeconds
    }

    /// Adds one observation to a cell, creating the date's row (all `NaN`) when needed. Adding to a
    /// `NaN` cell replaces it, adding to a number sums (the repeated hour of a 25-hour day).
    ///
    /// - Throws: ``ForecastingError/invalidValue(_:)`` on a slot out of range or a negative value.
    /// - Complexity: amortised O(slotsPerDay) when dates arrive in order; O(dates.count · slotsPerDay) for an earlier date.
    public mutating func accumulate(
        date: CivilDate, slot: Int, volume v: Double,
        handled h: Double? = nil, handleTimeSeconds t: Double? = nil
    ) throws {
        guard slot >= 0, slot < slotsPerDay else {
            throw ForecastingError.invalidValue("slot \(slot) outside 0..<\(slotsPerDay)")
        }
        for x in [v, h ?? 0, t ?? 0] where x < 0 || !x.isFinite {
            throw ForecastingError.invalidValue("counts and handle times must be finite and non-negative, got \(x)")
        }
        let row = rowInserting(date)
        let i = row * slotsPerDay + slot
        func add(_ a: inout [Double], _ x: Double) { a[i] = a[i].isNaN ? x : a[i] + x }
        add(&volume, v)
        if let h {
            var a = handled ?? [Double](repeating: .nan, count: volume.count)
            handled = nil  // keep `a` uniquely referenced: no copy
            add(&a, h)
            handled = a
        }
        if let t {
            var a = handleTimeSeconds ?? [Double](repeating: .nan, count: volume.count)
            handleTimeSeconds = nil
            add(&a, t)
            handleTimeSeconds = a
        }
    }

    /// The row index of `date`, if the series has a row for it.
    ///
    /// - Complexity: O(log dates.count).
    public func row(of date: CivilDate) -> Int? {
        let i = lowerBound(date)
        return i < dates.count && dates[i] == date ? i : nil
    }

    /// The volume at (date, slot); `NaN` when the day or the cell is missing.
    ///
    /// - Complexity: O(log dates.count).
    public subscript(date: CivilDate, slot: Int) -> Double {
        guard slot >= 0, slot < slotsPerDay, let r = row(of: date) else { return .nan }
        return volume[r * slotsPerDay + slot]
    }

    /// The rows strictly before `date` (a training set for an origin at `date`).
    ///
    /// - Complexity: O(rows kept · slotsPerDay).
    public func prefix(before date: CivilDate) -> DailyIntervalSeries {
        let k = lowerBound(date)
        var s = self
        s.dates = Array(dates[0..<k])
        s.volume = Array(volume[0..<(k * slotsPerDay)])
        s.handled = handled.map { Array($0[0..<(k * slotsPerDay)]) }
        s.handleTimeSeconds = handleTimeSeconds.map { Array($0[0..<(k * slotsPerDay)]) }
        return s
    }

    func lowerBound(_ date: CivilDate) -> Int {
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dates[mid] < date { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private mutating func rowInserting(_ date: CivilDate) -> Int {
        if let last = dates.last, last == date { return dates.count - 1 }
        let i = lowerBound(date)
        if i < dates.count, dates[i] == date { return i }
        let blank = [Double](repeating: .nan, count: slotsPerDay)
        dates.insert(date, at: i)
        volume.insert(contentsOf: blank, at: i * slotsPerDay)
        handled?.insert(contentsOf: blank, at: i * slotsPerDay)
        handleTimeSeconds?.insert(contentsOf: blank, at: i * slotsPerDay)
        return i
    }
}
