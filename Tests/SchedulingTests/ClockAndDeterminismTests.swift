import CCPlanBase
import Foundation
import Optimization
import XCTest

@testable import Scheduling

/// Weeks with a clock change, and the same schedule on every run.
final class ClockAndDeterminismTests: XCTestCase {
    /// Europe/Berlin springs forward on Sunday 2026-03-29 at 02:00: that week has 167 hours. A
    /// 4-hour shift starting Sunday 01:00 runs four elapsed hours, 01:00 CET to 06:00 CEST, and
    /// covers the four intervals of those hours; a 02:00 start does not exist and is not offered.
    func testSpringForwardWeek() throws {
        var plan = TinyPlan()
        plan.zone = "Europe/Berlin"
        plan.monday = CivilDate(year: 2026, month: 3, day: 23)!
        // Interval indices count elapsed hours from Monday 00:00 CET: Sunday 01:00 CET is 6·24 + 1.
        for i in (6 * 24 + 1)...(6 * 24 + 4) { plan.agents["q", default: [:]][i] = 1 }
        let yaml = """
            groups:
              - { name: g, queues: [q] }
            shift_types:
              - { name: dawn, length: 4h, start: { from: "01:00", to: "02:00", every: 1h }, days: [Sun] }
            """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.grid.slotCount, 167)
        XCTAssertEqual(s.demand.intervals.count, 167)
        XCTAssertEqual(s.grid.candidates.map(\.startMinute), [60], "02:00 is skipped on 2026-03-29")
        XCTAssertEqual(s.paidHours, 4)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        let c = s.grid.candidates[s.shifts[0].candidate]
        var clock = ZoneClock(TimeZone(identifier: "Europe/Berlin")!)
        XCTAssertEqual(ScheduleFiles.local(c.start, &clock), "2026-03-29T01:00:00+01:00")
        XCTAssertEqual(ScheduleFiles.local(c.start + 4 * 3600, &clock), "2026-03-29T06:00:00+02:00")
    }

    /// Europe/Berlin falls back on Sunday 2026-10-25 at 03:00: 169 hours, the 02:00 hour twice.
    /// A 4-hour shift from Sunday 00:00 ends at 03:00 CET, having covered 02:00 twice.
    func testFallBackWeek() throws {
        var plan = TinyPlan()
        plan.zone = "Europe/Berlin"
        plan.monday = CivilDate(year: 2026, month: 10, day: 19)!
        for i in (6 * 24)..<(6 * 24 + 4) { plan.agents["q", default: [:]][i] = 2 }
        let yaml = """
            groups:
              - { name: g, queues: [q] }
            shift_types:
              - { name: dawn, length: 4h, start: "00:00", days: [Sun] }
            """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.grid.slotCount, 169)
        XCTAssertEqual(s.paidHours, 8)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        var clock = ZoneClock(TimeZone(identifier: "Europe/Berlin")!)
        XCTAssertEqual(
            ScheduleFiles.local(s.grid.candidates[s.shifts[0].candidate].start + 4 * 3600, &clock),
            "2026-10-25T03:00:00+01:00")
    }

    /// The sample-like week solved twice, and once more with the service-level objective after
    /// it: the same shifts, breaks, tours and coverage every time.
    func testSameScheduleEveryRun() throws {
        var plan = TinyPlan()
        plan.intervalMinutes = 30
        for d in 0..<6 {
            for h in stride(from: 8.0, to: 18, by: 0.5) {
                let peak = 4 + Int(3 * sin((h - 8) / 10 * .pi)) + (d == 0 ? 2 : 0)
                plan.agents["q", default: [:]][plan.index(day: d, hour: h)] = d == 5 ? peak / 2 : peak
                plan.loads["q", default: [:]][plan.index(day: d, hour: h)] = (Double(peak) * 6, 240)
            }
        }
        let yaml = """
            groups:
              - { name: g, queues: [q] }
            shift_types:
              - name: day
                length: 8h30m
                start: { from: "07:30", to: "10:00", every: 30m }
                days: [Mon, Tue, Wed, Thu, Fri, Sat]
                breaks:
                  - { name: break, length: 15m, paid: true, window: { from: 1h30m, to: 2h30m } }
                  - { name: meal, length: 30m, paid: false, window: { from: 3h30m, to: 5h } }
            contracts:
              - { name: full, days: 5, consecutive_days_off: true, shift_types: [day], max_start_variation: 1h }
            """
        let dir = try scratchDirectory(self)
        var runs: [WeekSchedule] = []
        for _ in 0..<2 {
            runs.append(try schedule(yaml, plan, in: dir, objective: .serviceLevel, target: 0.8, gap: 0.001).schedule)
        }
        XCTAssertEqual(
            runs[0].shifts.map { [$0.candidate, $0.agents] }, runs[1].shifts.map { [$0.candidate, $0.agents] })
        XCTAssertEqual(runs[0].breaks, runs[1].breaks)
        XCTAssertEqual(runs[0].tours, runs[1].tours)
        XCTAssertEqual(runs[0].coverage, runs[1].coverage)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(runs[0].weeklyServiceLevel), 0.8 - 1e-9)
        assertToursRespectContracts(runs[0], days: 5...5, consecutiveDaysOff: true, maxVariation: 60)
    }
}
