import CCPlanBase
import ContactHistory
import Queueing
import XCTest

@testable import Planning

final class StaffingAndRollUpTests: XCTestCase {
    /// The public reference case: 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s → 14 agents,
    /// 20 scheduled at 30 % shrinkage (shared/docs/queueing.md).
    func testIntervalStaffingMatchesTheReferenceTable() throws {
        var a = PlanAssumptions()
        a.shrinkage = 0.3
        a.maxOccupancy = 0.85
        let staffer = IntervalStaffer(
            assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: [0.1, 0.9])
        let s = try staffer.staff(volume: 100, quantiles: [100, 100], aht: 180)
        XCTAssertEqual(s.agents, 14)
        XCTAssertEqual(s.scheduledAgents, 20)
        XCTAssertEqual(s.serviceLevel!, 0.888350, accuracy: 1e-6)
        XCTAssertEqual(s.asaSeconds!, 7.836, accuracy: 1e-3)
        // No spread: the expected service level is the point service level.
        XCTAssertEqual(s.expectedServiceLevel!, s.serviceLevel!, accuracy: 1e-12)
        XCTAssertEqual(s.agentsUpper, 14)
    }

    func testUncertaintyRaisesTheRequirement() throws {
        var a = PlanAssumptions()
        let levels = [0.1, 0.9]
        let point = try IntervalStaffer(assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: levels)
            .staff(volume: 100, quantiles: [80, 125], aht: 180)
        // The p90 requirement is the requirement at the upper quantile's volume.
        let upper = try IntervalStaffer(assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: levels)
            .requiredAgents(volume: 125, aht: 180)
        XCTAssertEqual(point.agentsUpper, upper)
        XCTAssertGreaterThan(point.agentsUpper, point.agents)
        // Service level is concave around the target: the spread lowers the expected SL below the point SL.
        XCTAssertLessThan(point.expectedServiceLevel!, point.serviceLevel!)
        a.staffTo = .expectedSL
        let expected = try IntervalStaffer(
            assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: levels
        )
        .staff(volume: 100, quantiles: [80, 125], aht: 180)
        XCTAssertGreaterThanOrEqual(expected.expectedServiceLevel!, 0.8)
        XCTAssertGreaterThanOrEqual(expected.agents, point.agents)
        XCTAssertLessThanOrEqual(expected.agents, point.agentsUpper)
        // A wide range: the point staffing's expected SL falls below target, so more agents are
        // needed, and the answer is minimal.
        let staffer = IntervalStaffer(assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: levels)
        let wide = try staffer.staff(volume: 100, quantiles: [60, 170], aht: 180)
        let distribution = VolumeDistribution(point: 100, levels: levels, quantiles: [60, 170])
        XCTAssertLessThan(
            staffer.expectedServiceLevel(agents: point.agents, distribution: distribution, aht: 180)!, 0.8)
        XCTAssertGreaterThan(wide.agents, point.agents)
        XCTAssertGreaterThanOrEqual(wide.expectedServiceLevel!, 0.8)
        XCTAssertLessThan(
            staffer.expectedServiceLevel(agents: wide.agents - 1, distribution: distribution, aht: 180)!, 0.8)
        a.staffTo = .p90
        let p90 = try IntervalStaffer(assumptions: a, channel: .voice, intervalSeconds: 1800, quantileLevels: levels)
            .staff(volume: 100, quantiles: [80, 125], aht: 180)
        XCTAssertEqual(p90.agents, point.agentsUpper)
    }

    func testVolumeDistributionIsCentredOnThePointAndMatchesItsQuantiles() {
        let d = VolumeDistribution(point: 100, levels: [0.1, 0.9], quantiles: [90, 120])
        XCTAssertEqual(d.sample.count, 20)
        // Two-piece normal: below the median the lower spread 10 / Φ⁻¹(0.9), above it 20 / Φ⁻¹(0.9),
        // at the mid-probabilities (k − ½)/20. Φ⁻¹ values from mpmath (√2·erfinv(2p − 1), 50 digits).
        let z90 = 1.281551565544600593487, z525 = 0.06270677794321383983507, z975 = 1.959963984540053855604
        XCTAssertEqual(d.sample[9], 100 - z525 * 10 / z90, accuracy: 1e-12)
        XCTAssertEqual(d.sample[10], 100 + z525 * 20 / z90, accuracy: 1e-12)
        XCTAssertEqual(d.sample[19], 100 + z975 * 20 / z90, accuracy: 1e-12)
        XCTAssertEqual(d.sample[0], 100 - z975 * 10 / z90, accuracy: 1e-12)
        // Symmetric pairs in probability are mirror images in z.
        for k in 0..<10 { XCTAssertEqual(d.sample[k] - 100, -(d.sample[19 - k] - 100) / 2, accuracy: 1e-12) }
    }

    func testChatAndEmail() throws {
        var a = PlanAssumptions()
        a.chatConcurrency = 2
        let chat = try IntervalStaffer(assumptions: a, channel: .chat, intervalSeconds: 1800, quantileLevels: [])
            .staff(volume: 100, quantiles: [], aht: 180)
        // 14 slots are needed (the voice reference), so 7 agents at concurrency 2.
        XCTAssertEqual(chat.agents, 7)
        a.maxOccupancy = 0.8
        let email = try IntervalStaffer(assumptions: a, channel: .email, intervalSeconds: 1800, quantileLevels: [])
            .staff(volume: 100, quantiles: [], aht: 180)
        // Workload 100 × 180 s / 1800 s = 10 agents of work, ÷ 0.8 occupancy = 12.5 → 13.
        XCTAssertEqual(email.agents, 13)
        XCTAssertNil(email.serviceLevel)
        XCTAssertEqual(email.occupancy!, 10.0 / 13, accuracy: 1e-12)
    }

    func testRollUpsByHand() throws {
        // Two days of two one-hour intervals: agents 10, 20 / 5, 5; shrinkage 50 % doubles them.
        var a = PlanAssumptions()
        a.shrinkage = 0.5
        a.fteHoursPerWeek = 40
        a.costPerHour = 30
        let day1 = CivilDate(year: 2026, month: 11, day: 30)!, day2 = CivilDate(year: 2026, month: 12, day: 1)!
        func interval(_ date: CivilDate, _ hour: Int64, _ agents: Int, _ volume: Double, sl: Double) -> PlannedInterval
        {
            PlannedInterval(
                start: Int64(date.dayNumber) * 86_400 + hour * 3600, utcOffset: 0, localDate: date,
                staffing: IntervalStaffing(
                    volume: volume, ahtSeconds: 360, agents: agents, scheduledAgents: agents * 2, serviceLevel: sl,
                    asaSeconds: 1,
                    abandonRate: 0, occupancy: 0.5, agentsUpper: agents, expectedServiceLevel: sl))
        }
        let forecast = QueueForecast(
            queue: "q", channel: .voice, timeZone: TimeZone(identifier: "UTC")!, intervalMinutes: 60,
            quantileLevels: [], intervals: [], model: "test")
        let plan = QueuePlan(
            scenario: "base", queue: "q", channel: .voice, timeZone: forecast.timeZone, intervalMinutes: 60,
            assumptions: a,
            intervals: [
                interval(day1, 8, 10, 100, sl: 0.9), interval(day1, 9, 20, 300, sl: 0.7),
                interval(day2, 8, 5, 50, sl: 1), interval(day2, 9, 5, 50, sl: 0.8),
            ],
            forecast: forecast)
        let days = RollUp.totals(plan, period: .day)
        XCTAssertEqual(days.map(\.period), ["2026-11-30", "2026-12-01"])
        XCTAssertEqual(days[0].agentHours, 30)
        XCTAssertEqual(days[0].scheduledHours, 60)
        XCTAssertEqual(days[0].fte, 60 / 8)  // 40 h a week = 8 h a day
        XCTAssertEqual(days[0].workloadHours, 400 * 360 / 3600)
        XCTAssertEqual(days[0].serviceLevel!, (0.9 * 100 + 0.7 * 300) / 400, accuracy: 1e-12)
        XCTAssertEqual(days[0].peakScheduledAgents, 40)
        XCTAssertEqual(days[0].cost, 60 * 30)
        let months = RollUp.totals(plan, period: .month)
        XCTAssertEqual(months.map(\.period), ["2026-11", "2026-12"])
        XCTAssertEqual(months[1].fte, 20 / (40.0 / 7), accuracy: 1e-12)  // one day covered: pro rata
        let weeks = RollUp.totals(plan, period: .week)
        XCTAssertEqual(weeks.map(\.period), ["2026-W49"])
        XCTAssertEqual(weeks[0].days, 2)
        XCTAssertEqual(weeks[0].scheduledHours, 80)
    }

    func testRollUpsWhenTheLocalDateGoesBack() throws {
        // A fall-back transition after local midnight (23:30 → 00:30 → back to 23:45 of the day
        // before): the third interval belongs to the first day again. Sums by hand.
        var a = PlanAssumptions()
        a.fteHoursPerWeek = 35
        let sun = CivilDate(year: 2026, month: 11, day: 29)!, mon = CivilDate(year: 2026, month: 11, day: 30)!
        let dec = CivilDate(year: 2026, month: 12, day: 1)!
        func interval(_ date: CivilDate, _ n: Int64, agents: Int, volume: Double) -> PlannedInterval {
            PlannedInterval(
                start: 1_800_000_000 + n * 1_800, utcOffset: 0, localDate: date,
                staffing: IntervalStaffing(
                    volume: volume, ahtSeconds: 180, agents: agents, scheduledAgents: agents, serviceLevel: 0.5,
                    asaSeconds: 1,
                    abandonRate: 0, occupancy: 0.5, agentsUpper: agents, expectedServiceLevel: nil))
        }
        let forecast = QueueForecast(
            queue: "q", channel: .chat, timeZone: TimeZone(identifier: "UTC")!, intervalMinutes: 30,
            quantileLevels: [], intervals: [], model: "test")
        let plan = QueuePlan(
            scenario: "s", queue: "q", channel: .chat, timeZone: forecast.timeZone, intervalMinutes: 30, assumptions: a,
            intervals: [
                interval(sun, 0, agents: 2, volume: 10), interval(mon, 1, agents: 4, volume: 30),
                interval(sun, 2, agents: 6, volume: 0), interval(dec, 3, agents: 8, volume: 50),
            ],
            forecast: forecast)
        let r = RollUp.totals(plan)
        XCTAssertEqual(r.daily.map(\.period), ["2026-11-29", "2026-11-30", "2026-12-01"])
        XCTAssertEqual(r.daily.map(\.agentHours), [4, 2, 4])  // (2 + 6) × ½ h, 4 × ½ h, 8 × ½ h
        XCTAssertEqual(r.daily.map(\.peakAgents), [6, 4, 8])
        XCTAssertEqual(r.daily.map(\.days), [1, 1, 1])
        XCTAssertEqual(r.daily[0].fte, 4 / 7.0, accuracy: 1e-15)  // 35 h a week = 7 h a day
        // Sunday is in ISO week 48, Monday and Tuesday in week 49.
        XCTAssertEqual(r.weekly.map(\.period), ["2026-W48", "2026-W49"])
        XCTAssertEqual(r.weekly.map(\.days), [1, 2])
        XCTAssertEqual(r.weekly[1].firstDate, mon)
        XCTAssertEqual(r.monthly.map(\.period), ["2026-11", "2026-12"])
        XCTAssertEqual(r.monthly.map(\.days), [2, 1])
        XCTAssertEqual(r.monthly[0].volume, 40)
        XCTAssertEqual(r.monthly[0].workloadHours, 40 * 180 / 3600.0)
        // The SL is volume-weighted over intervals with contacts; no expected SL given: the point SL.
        XCTAssertEqual(r.monthly[0].serviceLevel, 0.5)
        XCTAssertEqual(r.monthly[0].expectedServiceLevel, 0.5)
        XCTAssertNil(r.monthly[0].cost)
        XCTAssertEqual(RollUp.totals(plan, period: .week).map(\.period), r.weekly.map(\.period))
    }
}

final class PatienceTests: XCTestCase {
    /// 100 offered, 10 abandoned and a mean wait of 12 s per interval: θ̂ = 10 / (100 · 12) per
    /// second, so the mean patience is 120 s.
    func testPatienceIsTotalWaitOverAbandons() throws {
        let csv =
            "interval_start,offered,handled,abandoned,aht_seconds,wait_seconds\n"
            + (0..<48).map {
                "2026-11-02T\($0 / 2 < 10 ? "0" : "")\($0 / 2):\($0 % 2 == 0 ? "00" : "30"):00Z,100,90,10,200,12\n"
            }.joined()
        let path = try Fixtures.write(csv, name: "waits.csv")
        let series = try XCTUnwrap(try HistoryReader().read([path]).series.first)
        XCTAssertEqual(try XCTUnwrap(PatienceEstimate.seconds(series)), 120, accuracy: 1e-9)
        // Without waits, or with too few abandons, there is no estimate.
        XCTAssertNil(PatienceEstimate.seconds(series, minimumAbandons: 1e6))
        let plain = try Fixtures.write(
            csv.replacingOccurrences(of: ",wait_seconds", with: "").replacingOccurrences(of: ",12\n", with: "\n"),
            name: "plain.csv")
        XCTAssertNil(PatienceEstimate.seconds(try XCTUnwrap(try HistoryReader().read([plain]).series.first)))
    }

    func testAnEstimatedPatienceSwitchesThePlanToErlangAUnlessTurnedOff() throws {
        let forecast = QueueForecast(
            queue: "q", channel: .voice, timeZone: TimeZone(identifier: "UTC")!, intervalMinutes: 30,
            quantileLevels: [],
            intervals: [
                ForecastInterval(
                    start: 0, utcOffset: 0, localDate: CivilDate(dayNumber: 0), volume: 100, quantiles: [],
                    ahtSeconds: 180)
            ],
            model: "test", estimatedPatienceSeconds: 120)
        let estimated = try Planner.plan(
            forecasts: [forecast], base: PlanAssumptions(), specs: [], scenarioFile: nil, name: "base", description: nil
        )
        XCTAssertEqual(estimated.queues[0].assumptions.patience, 120)
        // Erlang A, A = 10, 2 min patience: 12 agents give 82.6 % in 20 s (shared/docs/queueing.md), 11 do not.
        XCTAssertEqual(estimated.queues[0].intervals[0].staffing.agents, 12)
        XCTAssertEqual(estimated.queues[0].intervals[0].staffing.serviceLevel!, 0.825583, accuracy: 1e-6)
        var off = PlanAssumptions()
        try off.set("patience", to: "none")
        let erlangC = try Planner.plan(
            forecasts: [forecast], base: off, specs: [], scenarioFile: nil, name: "base", description: nil)
        XCTAssertNil(erlangC.queues[0].assumptions.patience)
        XCTAssertEqual(erlangC.queues[0].intervals[0].staffing.agents, 14)
    }
}
