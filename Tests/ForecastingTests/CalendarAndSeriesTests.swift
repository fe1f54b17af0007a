import CCPlanBase
import XCTest

@testable import Forecasting

final class CalendarAndSeriesTests: XCTestCase {
    func testCivilDateArithmeticAndWeekdays() throws {
        let epoch = try XCTUnwrap(CivilDate(year: 1970, month: 1, day: 1))
        XCTAssertEqual(epoch.dayNumber, 0)
        XCTAssertEqual(epoch.isoWeekday, 4)  // Thursday
        let labor = try XCTUnwrap(CivilDate("2003-09-01"))
        XCTAssertEqual(labor.isoWeekday, 1)  // Monday
        XCTAssertEqual(CivilDate("2024-02-29")?.adding(days: 1), CivilDate(year: 2024, month: 3, day: 1))
        XCTAssertNil(CivilDate("2023-02-29"))
        XCTAssertNil(CivilDate("2023-13-01"))
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            XCTAssertEqual(CivilDate(dayNumber: n).dayNumber, n)
        }
        XCTAssertEqual(CivilDate(dayNumber: -1).description, "1969-12-31")
    }

    func testAccumulateSumsTheRepeatedHourAndKeepsMissingApart() throws {
        var series = DailyIntervalSeries(slotsPerDay: 4)
        let day = try XCTUnwrap(CivilDate("2024-10-27"))  // a 25-hour day in Europe
        try series.accumulate(date: day, slot: 1, volume: 5)
        try series.accumulate(date: day, slot: 1, volume: 7)  // the repeated wall-clock hour
        try series.accumulate(date: day, slot: 0, volume: 0)
        let earlier = try XCTUnwrap(CivilDate("2024-10-20"))
        try series.accumulate(date: earlier, slot: 3, volume: 2, handled: 2, handleTimeSeconds: 300)
        XCTAssertEqual(series.dates, [earlier, day])
        XCTAssertEqual(series[day, 1], 12)
        XCTAssertEqual(series[day, 0], 0)
        XCTAssertTrue(series[day, 2].isNaN)  // never observed: missing, not zero
        XCTAssertTrue(series[earlier.adding(days: 1), 0].isNaN)
        XCTAssertEqual(series.handled?.count, 8)
        XCTAssertEqual(series.prefix(before: day).dates, [earlier])
        XCTAssertThrowsError(try series.accumulate(date: day, slot: 4, volume: 1))
        XCTAssertThrowsError(try series.accumulate(date: day, slot: 0, volume: -1))
    }

    func testInvalidSeriesIsRejected() throws {
        let d = try XCTUnwrap(CivilDate("2024-01-01"))
        XCTAssertThrowsError(try DailyIntervalSeries(slotsPerDay: 2, dates: [d], volume: [1]))
        XCTAssertThrowsError(try DailyIntervalSeries(slotsPerDay: 1, dates: [d, d], volume: [1, 1]))
        XCTAssertThrowsError(try DailyIntervalSeries(slotsPerDay: 1, dates: [d], volume: [.infinity]))
        XCTAssertThrowsError(try Forecaster().forecast(history: DailyIntervalSeries(slotsPerDay: 1), horizonDays: 1))
    }

    func testMetricsOnAKnownCase() {
        let m = AccuracyMetrics(forecast: [10, 0, 6, 5], actual: [8, 0, 4, .nan], naiveScale: 2)
        XCTAssertEqual(m.count, 3)
        XCTAssertEqual(m.wape, 4.0 / 12.0, accuracy: 1e-15)
        XCTAssertEqual(m.mape, (2.0 / 8 + 2.0 / 4) / 2, accuracy: 1e-15)
        XCTAssertEqual(m.rmse, (8.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(m.bias, 4.0 / 12.0, accuracy: 1e-15)
        XCTAssertEqual(m.mase, (4.0 / 3) / 2, accuracy: 1e-15)
    }
}
