/// A day of the proleptic Gregorian calendar, without a time zone.
///
/// Forecasting indexes history by (local date, slot of day); holidays and events are given as
/// local dates too. `LocalDate` is a plain value, cheap to hash and compare.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public var year: Int
    /// The month, 1 through 12.
    public var month: Int
    /// The day of the month, 1 through 31.
    public var day: Int

    /// Creates a date from its components; returns `nil` when they do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date that is `daysSinceEpoch` days after 1970-01-01.
    ///
    /// - Complexity: O(1).
    public init(daysSinceEpoch days: Int) {
        (year, month, day) = civilFromDays(days)
    }

    /// The number of days from 1970-01-01 to this date (negative before 1970).
    ///
    /// - Complexity: O(1).
    public var daysSinceEpoch: Int { daysFromCivil(year, month, day) }

    /// The ISO weekday: 1 Monday … 7 Sunday.
    ///
    /// - Complexity: O(1).
    public var weekday: Int { isoWeekday(daysSinceEpoch: daysSinceEpoch) }

    /// The date `n` days later (earlier when `n` is negative).
    ///
    /// - Complexity: O(1).
    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Parses `YYYY-MM-DD`; returns `nil` for anything else.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// The short English names of the ISO weekdays, index 1 (Monday) through 7 (Sunday); index 0 unused.
public let weekdayNames = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

/// Whether `year` is a Gregorian leap year.
@inline(__always)
func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

/// The number of days in a month of the Gregorian calendar.
@inline(__always)
func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// Days since 1970-01-01 of a Gregorian date (H. Hinnant's `days_from_civil`).
@inline(__always)
func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// The Gregorian date of a day number (H. Hinnant's `civil_from_days`).
@inline(__always)
func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

/// The ISO weekday (1 Monday … 7 Sunday) of a day number; 1970-01-01 was a Thursday.
@inline(__always)
func isoWeekday(daysSinceEpoch days: Int) -> Int {
    let w = (days + 3) % 7  // 0 = Monday
    return (w < 0 ? w + 7 : w) + 1
}

/// Floor division, for instants before 1970.
@inlinable
public func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// A non-negative integer left-padded with zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// Formats an instant as ISO 8601 with its UTC offset: `2026-10-25T02:30:00+02:00`.
///
/// - Parameters:
///   - instant: seconds since 1970-01-01T00:00:00Z.
///   - offset: the UTC offset in seconds of the time zone at that instant.
/// - Complexity: O(1).
public func iso8601(_ instant: Int64, offset: Int) -> String {
    let local = instant + Int64(offset)
    let days = Int(floorDiv(local, 86_400))
    let secondOfDay = Int(local - Int64(days) * 86_400)
    let (y, m, d) = civilFromDays(days)
    let sign = offset < 0 ? "-" : "+"
    let magnitude = abs(offset) / 60
    var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T"
    text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    text += "\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
    return text
}
