import CCPlanBase
import ContactHistory
import Planning
import XCTest

@testable import Monitoring

/// Period figures and the attribution, computed by hand from interval reviews with known values.
final class PeriodReviewTests: XCTestCase {
    /// An interval review with the given values (the model values are inputs here, not computed).
    private func interval(
        _ day: Int, forecast: Double, actual: Double, fAHT: Double = 200, aAHT: Double? = 220,
        planned: Int = 10, scheduled: Int = 14, required: Int? = 11, staffed: Double? = 9,
        target: Double? = 0.8, plannedSL: Double? = 0.82, actualSL: Double? = 0.7,
        atPlan: Double? = 0.78, atStaff: Double? = 0.72, abandoned: Double? = 2
    ) -> IntervalReview {
        IntervalReview(
            start: Int64(day) * 86_400, utcOffset: 0, localDate: CivilDate(dayNumber: day), forecastVolume: forecast,
            forecastAHT: fAHT, actualVolume: actual, actualAHT: aAHT, abandoned: abandoned, plannedAgents: planned,
            plannedScheduledAgents: scheduled, requiredAgents: required, staffedAgents: staffed,
            targetServiceLevel: target,
            plannedServiceLevel: plannedSL, actualServiceLevel: actualSL, modelledServiceLevel: atStaff,
            plannedAgentsAtActualServiceLevel: atPlan)
    }

    func testFiguresAndAttributionByHand() {
        let day = CivilDate(year: 2026, month: 11, day: 2)!.dayNumber
        var p = PeriodReview(
            queue: "q", channel: .voice, period: .day, label: "2026-11-02", firstDate: CivilDate(dayNumber: day))
        p.add(
            interval(day, forecast: 100, actual: 120, plannedSL: 0.82, actualSL: 0.70, atPlan: 0.75, atStaff: 0.72),
            hours: 0.5)
        p.add(
            interval(
                day, forecast: 50, actual: 40, aAHT: 180, planned: 6, scheduled: 8, required: 5, staffed: 6,
                plannedSL: 0.90, actualSL: 0.95, atPlan: 0.93, atStaff: 0.93, abandoned: 1), hours: 0.5)
        XCTAssertEqual(p.forecastVolume, 150)
        XCTAssertEqual(p.actualVolume, 160)
        XCTAssertEqual(p.volumeError, -10)
        XCTAssertEqual(p.bias!, -10.0 / 160, accuracy: 1e-15)
        XCTAssertEqual(p.intervalWAPE!, 30.0 / 160, accuracy: 1e-15)  // |100−120| + |50−40|
        XCTAssertEqual(p.forecastAHT!, 200, accuracy: 1e-12)
        XCTAssertEqual(p.actualAHT!, (120 * 220 + 40 * 180) / 160.0, accuracy: 1e-12)  // 210
        XCTAssertEqual(p.ahtError!, (200 - 210) / 210.0, accuracy: 1e-12)
        XCTAssertEqual(p.abandonRate!, 3.0 / 160, accuracy: 1e-15)
        XCTAssertEqual(p.requiredAgentHours!, (11 + 5) * 0.5)
        XCTAssertEqual(p.plannedHours, (10 + 6) * 0.5)
        XCTAssertEqual(p.scheduledHours, (14 + 8) * 0.5)
        XCTAssertEqual(p.staffedHours!, (9 + 6) * 0.5)
        // Planned SL by forecast volume; the others by actual volume.
        let planned = (100 * 0.82 + 50 * 0.90) / 150
        let actual = (120 * 0.70 + 40 * 0.95) / 160
        let atPlan = (120 * 0.75 + 40 * 0.93) / 160
        let atStaff = (120 * 0.72 + 40 * 0.93) / 160
        XCTAssertEqual(p.plannedServiceLevel!, planned, accuracy: 1e-15)
        XCTAssertEqual(p.actualServiceLevel!, actual, accuracy: 1e-15)
        XCTAssertEqual(p.gapForecast!, atPlan - planned, accuracy: 1e-15)
        XCTAssertEqual(p.gapDelivery!, atStaff - atPlan, accuracy: 1e-15)
        XCTAssertEqual(p.gapOther!, actual - atStaff, accuracy: 1e-15)
        XCTAssertEqual(p.gapForecast! + p.gapDelivery! + p.gapOther!, p.serviceLevelGap!, accuracy: 1e-15)
        XCTAssertEqual(p.shareMeetingTarget!, 0.5)  // 0.70 misses 0.8, 0.95 meets it
        // Written with 4 decimals, the parts add up to the written gap exactly.
        let written = MonitorFiles.attribution(p).map { $0! }
        XCTAssertEqual(((written[1] + written[2] + written[3]) * 1e4).rounded(), (written[0] * 1e4).rounded())
    }

    func testPartsAreMissingWhereTheirInputsAre() {
        var p = PeriodReview(queue: "q", channel: .voice, period: .week, label: "w", firstDate: CivilDate(dayNumber: 0))
        p.add(interval(0, forecast: 10, actual: 10, staffed: nil, atStaff: nil), hours: 0.5)
        XCTAssertNotNil(p.gapForecast)
        XCTAssertNil(p.gapDelivery)
        XCTAssertNil(p.gapOther)
        XCTAssertNil(p.staffedHours)
        var q = PeriodReview(queue: "q", channel: .voice, period: .week, label: "w", firstDate: CivilDate(dayNumber: 0))
        q.add(interval(0, forecast: 10, actual: 10, actualSL: nil), hours: 0.5)
        XCTAssertNotNil(q.gapDelivery)
        XCTAssertNil(q.gapOther)
        XCTAssertNil(q.serviceLevelGap)
        XCTAssertEqual(MonitorFiles.attribution(q).compactMap { $0 }.count, 2)
    }

    func testTolerancesPerPeriodAndQueue() {
        var t = Tolerances()
        t.byPeriod[.month] = Tolerances.Limits(volume: 0.10)
        t.all = Tolerances.Limits(serviceLevelPoints: 0.05, abandonRate: 0.08, intervalWAPE: 0.25)
        var vip = Tolerances()
        vip.all = Tolerances.Limits(serviceLevelPoints: 0.01)
        t.perQueue["vip"] = vip
        var p = PeriodReview(
            queue: "q", channel: .voice, period: .month, label: "2026-11", firstDate: CivilDate(dayNumber: 0))
        // Forecast 100, actual 120: |bias| 1/6 > 10 %; SL 0.78 vs 0.8: 2 points, within 5;
        // abandons 12/120 = 10 % > 8 %; WAPE 20/120 within 25 %.
        p.add(interval(0, forecast: 100, actual: 120, actualSL: 0.78, abandoned: 12), hours: 0.5)
        XCTAssertEqual(t.breaches(p).map(\.key), ["monthly_volume", "monthly_abandon_rate"])
        p.queue = "vip"
        XCTAssertEqual(t.breaches(p).map(\.key), ["monthly_volume", "monthly_service_level", "monthly_abandon_rate"])
        p.period = .day
        XCTAssertEqual(t.breaches(p).map(\.key), ["daily_service_level", "daily_abandon_rate"])
    }
}
