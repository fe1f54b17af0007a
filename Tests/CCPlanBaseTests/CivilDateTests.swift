import CCPlanBase
import Foundation
import XCTest

/// The calendar against Foundation's Gregorian calendar (an independent implementation).
final class CivilDateTests: XCTestCase {
    private let gregorian: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    func testDayNumbersAndWeekdaysAgreeWithFoundation() {
        // Every 7th day from 1600 to 2400 (leap centuries 1600, 2000, 2400; not 1700, 1800, 1900, 2100).
        for n in stride(from: -135_140, through: 157_000, by: 7) {
            let date = CivilDate(dayNumber: n)
            let parts = gregorian.dateComponents(
                [.year, .month, .day, .weekday],
                from: Date(timeIntervalSince1970: Double(n) * 86_400))
            XCTAssertEqual([date.year, date.month, date.day], [parts.year!, parts.month!, parts.day!], "day \(n)")
            // Foundation: 1 = Sunday … 7 = Saturday.
            XCTAssertEqual(date.isoWeekday, (parts.weekday! + 5) % 7 + 1, "day \(n)")
            XCTAssertEqual(date.dayNumber, n)
        }
    }

    func testValidationParsingAndText() {
        XCTAssertNil(CivilDate(year: 2003, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2004, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 2026, month: 13, day: 1))
        XCTAssertEqual(CivilDate("2026-03-29"), CivilDate(year: 2026, month: 3, day: 29))
        XCTAssertNil(CivilDate("2026-3-29"))
        XCTAssertNil(CivilDate("2026-02-30"))
        XCTAssertEqual(CivilDate(year: 987, month: 6, day: 5)!.description, "0987-06-05")
        XCTAssertEqual(CivilDate(dayNumber: 0).description, "1970-01-01")
        XCTAssertEqual(
            CivilDate(year: 2026, month: 12, day: 31)!.adding(days: 1), CivilDate(year: 2027, month: 1, day: 1))
        XCTAssertLessThan(CivilDate(year: 2026, month: 1, day: 31)!, CivilDate(year: 2026, month: 2, day: 1)!)
        XCTAssertEqual(CivilDate.weekdayNames[CivilDate(year: 2026, month: 12, day: 1)!.isoWeekday], "Tue")
    }

    func testISO8601AgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        for (instant, offset) in [
            (Int64(0), 0), (1_774_746_000, 3600), (1_774_746_000, -16_200), (-86_401, 19_800),
            (4_102_444_799, 50_400), (1_000_000_000, -36_000),
        ] {
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(instant)))
            let ours = iso8601(instant, offset: offset)
            // Foundation writes Z for a zero offset; ccplan always writes the offset.
            XCTAssertEqual(ours, offset == 0 ? expected.replacingOccurrences(of: "Z", with: "+00:00") : expected)
        }
        // An offset with seconds (Berlin's local mean time, +00:53:28) has no ISO 8601 form: the
        // instant is written in UTC, so that it reads back as the same instant (a fuzzer finding).
        let lmt = Int64(CivilDate(year: 446, month: 10, day: 25)!.dayNumber) * 86_400
        XCTAssertEqual(iso8601(lmt, offset: 3208), "0446-10-25T00:00:00+00:00")
        XCTAssertEqual(try Timestamp.parse(iso8601(lmt + 17, offset: -3208)).get().instant, lmt + 17)
        XCTAssertEqual(floorDiv(-1, 86_400), -1)
        XCTAssertEqual(floorDiv(86_399, 86_400), 0)
    }

    func testZoneClockResolvesTheDaylightSavingChanges() {
        var clock = ZoneClock(TimeZone(identifier: "Europe/Berlin")!)
        let spring = Int64(CivilDate(year: 2026, month: 3, day: 29)!.dayNumber) * 86_400
        XCTAssertEqual(clock.resolve(local: spring + 2 * 3600 + 1800), .gap)
        XCTAssertEqual(clock.resolve(local: spring + 3600), .unique(spring))  // 01:00 CET = 00:00 UTC
        let fall = Int64(CivilDate(year: 2026, month: 10, day: 25)!.dayNumber) * 86_400
        XCTAssertEqual(clock.resolve(local: fall + 2 * 3600 + 1800), .ambiguous(fall + 1800, fall + 3600 + 1800))
        XCTAssertEqual(clock.offset(at: fall), 7200)
        XCTAssertEqual(clock.offset(at: fall + 3600), 3600)
    }
}
