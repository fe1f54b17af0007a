import CCPlanBase

extension CivilDate {
    /// Easter Sunday of `year` in the Gregorian calendar: the anonymous Gregorian algorithm of
    /// 1876 ("Meeus/Jones/Butcher", Meeus, *Astronomical Algorithms*, 1991):
    ///
    ///     a = Y mod 19, b = Y div 100, c = Y mod 100, d = b div 4, e = b mod 4,
    ///     f = (b + 8) div 25, g = (b − f + 1) div 3, h = (19a + b − d − g + 15) mod 30,
    ///     i = c div 4, k = c mod 4, l = (32 + 2e + 2i − h − k) mod 7, m = (a + 11h + 22l) div 451,
    ///     month = (h + l − 7m + 114) div 31, day = (h + l − 7m + 114) mod 31 + 1
    ///
    /// Valid for every year from 1583 on (2025 → 20 April, 2026 → 5 April, 2027 → 28 March).
    /// Derived holidays are offsets from it: Shrove Tuesday −47, Good Friday −2, Easter Monday +1,
    /// Ascension +39, Whit Monday +50, Corpus Christi +60.
    ///
    /// - Complexity: O(1).
    public static func easter(year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return CivilDate(year: year, month: n / 31, day: n % 31 + 1)!
    }

    /// The day of the year, 1 = 1 January.
    ///
    /// - Complexity: O(1).
    public var dayOfYear: Int { dayNumber - CivilDate(year: year, month: 1, day: 1)!.dayNumber + 1 }
}

/// A rule that names one date in every year, as holiday files may give it instead of a date:
/// `easter`, `easter+1`, `easter-2` (days from Easter Sunday) or `*-12-25` (a fixed month and day).
public enum RecurringDate: Sendable, Hashable, CustomStringConvertible {
    /// Easter Sunday plus `offset` days (Good Friday is −2, Easter Monday +1, Whit Monday +50).
    case easter(offset: Int)
    /// The same month and day every year (years without the day, e.g. 29 February, are skipped).
    case fixed(month: Int, day: Int)

    /// Parses `easter`, `easter+N`, `easter-N` or `*-MM-DD`; nil for anything else.
    ///
    /// - Complexity: O(length of the text).
    public init?(_ text: some StringProtocol) {
        let t = text.lowercased()
        if t == "easter" { self = .easter(offset: 0); return }
        if t.hasPrefix("easter+") || t.hasPrefix("easter-") {
            let sign = t.dropFirst(6).first == "-" ? -1 : 1
            guard let n = Int(t.dropFirst(7)), n >= 0, n <= 366 else { return nil }
            self = .easter(offset: sign * n)
            return
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "*", parts[1].count == 2, parts[2].count == 2,
            let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            d >= 1, d <= CivilDate.daysIn(month: m, year: 2000)
        else { return nil }
        self = .fixed(month: m, day: d)
    }

    /// The rule's date in `year`, if that year has one.
    ///
    /// - Complexity: O(1).
    public func date(in year: Int) -> CivilDate? {
        switch self {
        case .easter(let offset): return CivilDate.easter(year: year).adding(days: offset)
        case .fixed(let m, let d): return CivilDate(year: year, month: m, day: d)
        }
    }

    /// The rule's dates in `years`.
    ///
    /// - Complexity: O(years.count).
    public func dates(in years: ClosedRange<Int>) -> [CivilDate] { years.compactMap { date(in: $0) } }

    public var description: String {
        switch self {
        case .easter(let o): return o == 0 ? "easter" : (o > 0 ? "easter+\(o)" : "easter\(o)")
        case .fixed(let m, let d): return "*-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        }
    }
}
