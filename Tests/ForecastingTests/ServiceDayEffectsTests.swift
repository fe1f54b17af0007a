import CCPlanBase
import XCTest

@testable import Forecasting

final class ServiceDayEffectsTests: XCTestCase {
    private func date(_ text: String) -> CivilDate { CivilDate(text)! }

    /// Turn-of-month and catch-up days counted in service days, checked by hand on the 2003 US
    /// calendar (Mon–Fri, Labor Day 1 September closed).
    func testServiceDaysOfTheMonth() throws {
        var series = DailyIntervalSeries(slotsPerDay: 1)
        var d = date("2003-08-04")
        while d <= date("2003-09-12") {
            if d.isoWeekday <= 5 { try series.accumulate(date: d, slot: 0, volume: 10) }
            d = d.adding(days: 1)
        }
        let context = try ForecastContext(
            history: series, calendar: ForecastCalendar(closedDates: [date("2003-09-01")]),
            horizonDays: 1)
        let service = ServiceDayEffects(grid: context.grid)
        var x = [Double](repeating: 0, count: ServiceDayEffects.count)
        func effects(_ text: String) -> [Double] {
            service.fill(dayNumber: date(text).dayNumber, into: &x, at: 0)
            return x
        }
        XCTAssertEqual(effects("2003-08-01"), [1, 0, 0, 0, 0])  // Friday 1 August
        XCTAssertEqual(effects("2003-08-05"), [0, 0, 1, 0, 0])  // Fri 1, Mon 4, Tue 5
        XCTAssertEqual(effects("2003-08-29"), [0, 0, 0, 1, 0])  // the last weekday of August
        XCTAssertEqual(effects("2003-08-30"), [0, 0, 0, 0, 0])  // Saturday: no service
        XCTAssertEqual(effects("2003-09-01"), [0, 0, 0, 0, 0])  // Labor Day, closed
        XCTAssertEqual(effects("2003-09-02"), [1, 0, 0, 0, 0])  // first service day after the closure
        XCTAssertEqual(effects("2003-09-03"), [0, 1, 0, 0, 1])  // second, and the catch-up's second day
        XCTAssertEqual(effects("2003-09-04"), [0, 0, 1, 0, 0])
        XCTAssertEqual(effects("2003-09-30"), [0, 0, 0, 1, 0])
        // Three month turns are needed before the month columns are used.
        let days = (0..<60).map { date("2003-08-04").dayNumber + $0 }
        XCTAssertEqual(service.usable(trainingDays: days), [false, false, false, false, true])
        let more = (0..<100).map { date("2003-07-01").dayNumber + $0 }
        XCTAssertEqual(service.usable(trainingDays: more), [true, true, true, true, true])
    }

    /// A queue 25 % busier on the first service day of each month: SVD and the regression learn
    /// it (the forecast of the next first day is within 6 % of the true rate, against 25 % for a
    /// model without the effect), and keep an ordinary day unbiased.
    func testIntervalModelsLearnTheTurnOfTheMonth() throws {
        let base = Synthetic.rate()
        func isFirstServiceDay(_ d: CivilDate) -> Bool {
            guard d.isoWeekday <= 5 else { return false }
            var e = CivilDate(year: d.year, month: d.month, day: 1)!
            while e.isoWeekday > 5 { e = e.adding(days: 1) }
            return e == d
        }
        let rate: Rate = { d, s in base(d, s) * (isFirstServiceDay(d) ? 1.25 : 1) }
        let all = try Synthetic.series(days: 7 * 30, seed: 31, rate: rate)
        // 2024-08-01 is a Thursday, the first service day of August.
        let history = all.prefix(before: date("2024-07-29"))
        let targets = (0..<7).map { date("2024-07-29").adding(days: $0) }
        let context = try ForecastContext(history: history, targetDates: targets)
        for model in [SVDInterday(components: 3), FixedEffectsRegression()] as [any ForecastModel] {
            let f = try model.forecast(context)
            func dayTotal(_ t: Int) -> Double { (0..<28).reduce(0) { $0 + f[t * 28 + $1] } }
            func trueTotal(_ t: Int) -> Double { (0..<28).reduce(0) { $0 + rate(targets[t], $1) } }
            XCTAssertEqual(dayTotal(3) / trueTotal(3), 1, accuracy: 0.06, "\(model.name) on the first of August")
            XCTAssertEqual(dayTotal(1) / trueTotal(1), 1, accuracy: 0.06, "\(model.name) on an ordinary Tuesday")
        }
    }
}
