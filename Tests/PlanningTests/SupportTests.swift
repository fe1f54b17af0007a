import CCPlanBase
import ContactHistory
import XCTest

@testable import Planning

/// The small pieces the plan files rest on, checked against independent references.
final class SupportTests: XCTestCase {
    func testISOWeeksAcrossTheYearBoundary() {
        // 2026 has 53 ISO weeks (it starts on a Thursday); 2027-01-04 is the Monday of week 1.
        let cases: [(CivilDate, String)] = [
            (CivilDate(year: 2026, month: 12, day: 31)!, "2026-W53"),
            (CivilDate(year: 2027, month: 1, day: 3)!, "2026-W53"),
            (CivilDate(year: 2027, month: 1, day: 4)!, "2027-W01"),
            (CivilDate(year: 2024, month: 12, day: 30)!, "2025-W01"),
            (CivilDate(year: 2026, month: 11, day: 2)!, "2026-W45"),
        ]
        for (date, label) in cases { XCTAssertEqual(RollUpPeriod.week.key(date).label, label, "\(date)") }
        XCTAssertEqual(
            RollUpPeriod.week.key(CivilDate(year: 2027, month: 1, day: 3)!).first,
            CivilDate(year: 2026, month: 12, day: 28)!)
        XCTAssertEqual(RollUpPeriod.month.key(CivilDate(year: 2026, month: 2, day: 28)!).label, "2026-02")
    }

    /// Holiday files: plain dates and rules that name a date in every year; a bad date names
    /// the file, line and column.
    func testHolidayFileRules() throws {
        let path = try Fixtures.write(
            "date,name\n2026-12-24,Christmas Eve\neaster+1,Easter Monday\n*-05-01,Labour Day\n",
            name: "holidays.csv")
        let holidays = try CalendarFiles.holidays(path)
        let dates = Set(holidays.map(\.date))
        XCTAssertTrue(dates.contains(CivilDate("2026-12-24")!))
        XCTAssertTrue(dates.contains(CivilDate("2026-04-06")!), "Easter Monday 2026")
        XCTAssertTrue(dates.contains(CivilDate("2003-04-21")!), "Easter Monday 2003")
        XCTAssertTrue(dates.contains(CivilDate("2031-05-01")!))
        XCTAssertEqual(holidays.count, 1 + 2 * CalendarFiles.ruleYears.count)
        let bad = try Fixtures.write("date,name\neaster+x,oops\n", name: "bad.csv")
        XCTAssertThrowsError(try CalendarFiles.holidays(bad)) { error in
            XCTAssertTrue("\(error)".contains("bad.csv:2:1:"), "\(error)")
        }
    }

    func testDurations() throws {
        XCTAssertEqual(try DurationText.seconds("13w"), 13 * 7 * 86_400)
        XCTAssertEqual(try DurationText.seconds("2.5m"), 150)
        XCTAssertEqual(try DurationText.seconds("45"), 45)
        XCTAssertThrowsError(try DurationText.seconds("-3s"))
        XCTAssertThrowsError(try DurationText.seconds("1e3"))
        XCTAssertThrowsError(try DurationText.seconds("3y"))
        XCTAssertEqual(DurationText.format(1800), "30m")
    }

    func testJSONTextIsDeterministicAndNeverPrintsNonFiniteNumbers() {
        let value = JSONText.object([
            ("b", .finite(.infinity)), ("a", .finite(.nan)), ("c", .number(0.1)), ("d", .integer(3)),
            ("e", .string("quote \" and \u{1}\u{1F}")),
        ])
        XCTAssertEqual(
            value.rendered(pretty: false), #"{"b":null,"a":null,"c":0.1,"d":3,"e":"quote \" and \u0001\u001f"}"#)
    }

    func testFixedFormattingHasNoNegativeZero() {
        XCTAssertEqual(fixed(-0.0001, 2), "0.00")
        XCTAssertEqual(fixed(1.005, 1), "1.0")
        XCTAssertEqual(groupThousands(1_234_567), "1,234,567")
    }

    func testTimestampsParseOffsetsAndLocalTimes() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        XCTAssertEqual(Timestamps.parse("2026-11-02T08:30:00+01:00", timeZone: berlin), 1_793_604_600)
        XCTAssertEqual(Timestamps.parse("2026-11-02T07:30Z", timeZone: berlin), 1_793_604_600)
        XCTAssertEqual(Timestamps.parse("2026-11-02 08:30", timeZone: berlin), 1_793_604_600)
        XCTAssertNil(Timestamps.parse("2026-03-29T02:30", timeZone: berlin), "inside the spring-forward gap")
        XCTAssertNil(Timestamps.parse("2026-13-02T08:30", timeZone: berlin))
    }
}
