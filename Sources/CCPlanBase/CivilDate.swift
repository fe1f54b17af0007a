/// A calendar date in the local (wall-clock) calendar of a contact centre, without time or zone:
/// the one date type of ccplan (history, forecasts, calendars, roll-ups, reports).
///
/// Dates are proleptic Gregorian. ``dayNumber`` counts days since 1970-01-01 (which is day 0), so
/// date arithmetic and weekday computation never depend on `Foundation` or on the process time
/// zone (H. Hinnant's `days_from_civil` and `civil_from_days` algorithms).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2003.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// A validated date; `nil` when the day does not exist (e.g. 2003-02-29).
    ///
    /// - Complexity: O(1).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01.
    ///
    /// - Complexity: O(1).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Parses `YYYY-MM-DD`; `nil` on anything else.
    ///
    /// - Complexity: O(length of the text).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// - Complexity: O(1).
    public var dayNumber: Int { CivilDate.dayNumber(year: year, month: month, day: day) }

    /// The day number of a (valid) Gregorian date, without building a `CivilDate`.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO 8601 weekday: 1 = Monday … 7 = Sunday.
    ///
    /// - Complexity: O(1).
    public var isoWeekday: Int { CivilDate.weekdayIndex(dayNumber: dayNumber) + 1 }

    /// The date `days` days later (earlier when negative).
    ///
    /// - Complexity: O(1).
    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// 0 = Monday … 6 = Sunday for a day number (1970-01-01 was a Thursday).
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func weekdayIndex(dayNumber: Int) -> Int {
        let r = (dayNumber + 3) % 7
        return r < 0 ? r + 7 : r
    }

    /// Whether `year` is a Gregorian leap year.
    @inlinable @inline(__always)
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in a month of the Gregorian calendar.
    @inlinable @inline(__always)
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The short English names of the ISO weekdays, index 1 (Monday) through 7 (Sunday); index 0 unused.
    public static let weekdayNames = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}

/// A non-negative integer left-padded with zeros to `width` digits.
///
/// - Complexity: O(width).
public func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
