import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Local times in a time zone: DST changes, slots of 23- and 25-hour days, ISO formatting.
final class TimeZoneTests: XCTestCase {
    func testSpringForwardInBerlin() throws {
        let s = try XCTUnwrap(load(["dst-spring-berlin.csv"], HistoryReadOptions(timeZone: berlin)).series.first)
        // 01:00 and 01:30 CET, then 03:00 and 03:30 CEST: four consecutive half-hours in UTC.
        XCTAssertEqual(s.start, utc(2026, 3, 29, 0))
        XCTAssertEqual(s.states, [.observed, .observed, .observed, .observed])
        XCTAssertEqual(s.offered, [1, 2, 3, 4])
        XCTAssertEqual(s.localSlots().map(\.slot), [2, 3, 6, 7])
        XCTAssertEqual(s.isoStart(2), "2026-03-29T03:00:00+02:00")
    }

    func testFallBackInBerlinResolvesTheRepeatedHourInFileOrder() throws {
        let s = try XCTUnwrap(load(["dst-fall-berlin.csv"], HistoryReadOptions(timeZone: berlin)).series.first)
        XCTAssertEqual(s.start, utc(2026, 10, 24, 23, 30))
        XCTAssertEqual(s.count, 6)
        XCTAssertEqual(s.offered, [1, 2, 3, 4, 5, 6], "first 02:00 is summer time, the second winter time")
        let slots = s.localSlots()
        XCTAssertEqual(slots.map(\.slot), [3, 4, 5, 4, 5, 6])
        XCTAssertEqual(slots.map(\.occurrence), [0, 0, 0, 1, 1, 0])
        XCTAssertEqual(slots.map(\.utcOffset), [7200, 7200, 7200, 3600, 3600, 3600])
        XCTAssertEqual(s.localSlot(3), slots[3])
        XCTAssertEqual(s.isoStart(1), "2026-10-25T02:00:00+02:00")
        XCTAssertEqual(s.isoStart(3), "2026-10-25T02:00:00+01:00")
    }

    func testSpringGapIsAnError() throws {
        let error = try issues("err-spring-gap.csv", HistoryReadOptions(timeZone: berlin))
        XCTAssertEqual(error.issues.map(\.line), [3])
        XCTAssertEqual(error.issues.first?.column, 1)
        XCTAssertTrue(error.description.contains("does not exist in Europe/Berlin"), error.description)
    }

    func testLocalSlotsOnTwentyThreeAndTwentyFiveHourDays() throws {
        var s = IntervalSeries(
            queue: "q", channel: .voice, intervalMinutes: 60, timeZone: berlin, start: utc(2026, 3, 28, 23),
            offered: Array(repeating: 1, count: 23), handled: Array(repeating: .nan, count: 23),
            abandoned: Array(repeating: .nan, count: 23), handleSeconds: Array(repeating: .nan, count: 23),
            states: Array(repeating: .observed, count: 23))
        XCTAssertEqual(Set(s.localSlots().map(\.date)), [CivilDate(year: 2026, month: 3, day: 29)!], "23 hours")
        s.start = utc(2026, 10, 24, 22)
        s.offered += [1, 1]
        s.handled += [.nan, .nan]
        s.abandoned += [.nan, .nan]
        s.handleSeconds += [.nan, .nan]
        s.states += [.observed, .observed]
        XCTAssertEqual(Set(s.localSlots().map(\.date)), [CivilDate(year: 2026, month: 10, day: 25)!], "25 hours")
    }
    func testCivilDaysAndISOFormatting() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber, 0)
        XCTAssertEqual(CivilDate(dayNumber: -1), CivilDate(year: 1969, month: 12, day: 31)!)
        XCTAssertEqual(CivilDate(year: 2026, month: 10, day: 25)!.isoWeekday, 7)
        XCTAssertNil(CivilDate(year: 2026, month: 2, day: 29))
        XCTAssertEqual(iso8601(utc(2026, 3, 29, 1), offset: 7200), "2026-03-29T03:00:00+02:00")
        XCTAssertEqual(iso8601(0, offset: -16_200), "1969-12-31T19:30:00-04:30")
    }
}
