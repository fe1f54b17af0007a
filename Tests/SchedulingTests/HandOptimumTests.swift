import CCPlanBase
import Foundation
import Optimization
import XCTest

@testable import Scheduling

/// Tiny weeks whose optimal schedule is worked out by hand in each test's comment; the solver
/// must find it (gap 0) and the schedule read back must be what it claims.
final class HandOptimumTests: XCTestCase {
    /// Paid hours are sums of whole shift lengths: exact in binary, compared to 1e-9.
    let tolerance = 1e-9

    func group(_ extra: String = "") -> String { "groups:\n  - { name: g, queues: [q]\(extra) }\n" }

    /// Two agents 08:00–12:00 on Monday; 4-hour shifts may start 06:00–10:00. Only the 08:00
    /// start covers the four hours, so the optimum is two shifts at 08:00: 8 paid hours.
    func testTwoAgentsOnTheOnlyCoveringStart() throws {
        var plan = TinyPlan()
        for h in 8..<12 { plan.agents["q", default: [:]][plan.index(day: 0, hour: Double(h))] = 2 }
        let yaml =
            group() + """
                shift_types:
                  - { name: half, length: 4h, start: { from: "06:00", to: "10:00", every: 1h }, days: [Mon] }
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.solver.status, .optimal)
        XCTAssertEqual(s.paidHours, 8, accuracy: tolerance)
        XCTAssertEqual(s.shifts.count, 1)
        XCTAssertEqual(s.grid.candidates[s.shifts[0].candidate].startMinute, 8 * 60)
        XCTAssertEqual(s.shifts[0].agents, 2)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        XCTAssertEqual(s.requiredHours, 8, accuracy: tolerance)
        XCTAssertEqual(try XCTUnwrap(s.efficiency), 1, accuracy: tolerance)
    }

    /// One agent Monday 22:00 to Tuesday 02:00. A 4-hour night shift may start 20:00–23:00 on
    /// Mondays and runs past midnight: one shift at 22:00 (4 paid hours) covers it, its last
    /// two hours on Tuesday (not wrapped into Monday's early hours).
    func testOvernightShiftCoversTheNextMorning() throws {
        var plan = TinyPlan()
        for h in [22.0, 23, 24, 25] { plan.agents["q", default: [:]][plan.index(day: 0, hour: h)] = 1 }
        let yaml =
            group() + """
                shift_types:
                  - { name: night, length: 4h, start: { from: "20:00", to: "23:00", every: 1h }, days: [Mon], overnight: true }
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.solver.status, .optimal)
        XCTAssertEqual(s.paidHours, 4, accuracy: tolerance)
        XCTAssertEqual(s.grid.candidates[s.shifts[0].candidate].startMinute, 22 * 60)
        for h in [22.0, 23, 24, 25] { XCTAssertEqual(s.coverage[plan.index(day: 0, hour: h)].onFloor, 1, "hour \(h)") }
        for h in [0.0, 1] {
            XCTAssertEqual(s.coverage[plan.index(day: 0, hour: h)].onFloor, 0, "Monday \(h):00 stays empty")
        }
    }

    /// The week repeats: a Sunday 22:00 shift of 4 hours covers Sunday 22:00–24:00 and, in the
    /// repeating week, Monday 00:00–02:00. One shift (4 paid hours) covers both.
    func testSundayNightShiftWrapsIntoMonday() throws {
        var plan = TinyPlan()
        for h in [0.0, 1] { plan.agents["q", default: [:]][plan.index(day: 0, hour: h)] = 1 }
        for h in [22.0, 23] { plan.agents["q", default: [:]][plan.index(day: 6, hour: h)] = 1 }
        let yaml =
            group() + """
                shift_types:
                  - { name: night, length: 4h, start: "22:00", days: [Sun], overnight: true }
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.paidHours, 4, accuracy: tolerance)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
    }

    /// Three agents are required 10:00–12:00 but at most two may work the only shift type:
    /// two shifts (4 paid hours) and one agent short in both intervals. The schedule is still
    /// returned, the two intervals listed as uncovered.
    func testRequirementThatCannotBeCovered() throws {
        var plan = TinyPlan()
        for h in [10.0, 11] { plan.agents["q", default: [:]][plan.index(day: 0, hour: h)] = 3 }
        let yaml =
            group() + """
                shift_types:
                  - { name: short, length: 2h, start: "10:00", days: [Mon], max_agents: 2 }
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.solver.status, .optimal)
        XCTAssertEqual(s.paidHours, 4, accuracy: tolerance)
        XCTAssertEqual(s.uncoveredIntervals, [plan.index(day: 0, hour: 10), plan.index(day: 0, hour: 11)])
        XCTAssertEqual(s.uncoveredHours, 2, accuracy: tolerance)
        XCTAssertFalse(s.meetsObjective)
    }

    /// One agent 08:00–12:00 in 30-minute intervals. The shift lasts 4h30 with an unpaid
    /// 30-minute break that must start 1h–3h after the start, so it always falls inside the
    /// four hours: one agent leaves a gap, two agents (8 paid hours) with breaks at different
    /// times cover it. Both breaks lie in their windows.
    func testBreakNeedsASecondAgent() throws {
        var plan = TinyPlan()
        plan.intervalMinutes = 30
        for h in stride(from: 8.0, to: 12, by: 0.5) { plan.agents["q", default: [:]][plan.index(day: 0, hour: h)] = 1 }
        let yaml =
            group() + """
                shift_types:
                  - name: long
                    length: 4h30m
                    start: { from: "07:30", to: "08:00", every: 30m }
                    days: [Mon]
                    breaks: [{ name: meal, length: 30m, paid: false, window: { from: 1h, to: 3h } }]
                """
        let (s, rules) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.solver.status, .optimal)
        XCTAssertEqual(s.paidHours, 8, accuracy: tolerance)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        XCTAssertEqual(s.breaks.reduce(0) { $0 + $1.agents }, 2)
        assertBreaksInWindows(s, rules)
    }

    /// The second objective moves breaks to where the floor is fullest. Two agents 08:00–09:00,
    /// one 09:00–12:00 except 10:00–10:30, when nobody is needed: two 4h30 shifts (8 paid hours)
    /// must start by 08:00, and their meals (09:00–11:00) can go anywhere at the same cost. A
    /// meal at 10:00 is the only way not to have two agents too many there (a spike above 1).
    func testBreakGoesWhereTheFloorIsFullest() throws {
        var plan = TinyPlan()
        plan.intervalMinutes = 30
        for h in stride(from: 8.0, to: 12, by: 0.5) where h != 10 {
            plan.agents["q", default: [:]][plan.index(day: 0, hour: h)] = h < 9 ? 2 : 1
        }
        let yaml =
            group() + """
                shift_types:
                  - name: long
                    length: 4h30m
                    start: { from: "07:30", to: "08:00", every: 30m }
                    days: [Mon]
                    breaks: [{ name: meal, length: 30m, paid: false, window: { from: 1h, to: 3h } }]
                penalties: { over: 0.01, spike: 1, spike_above: 1 }
                """
        let (s, rules) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.paidHours, 8, accuracy: tolerance)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        XCTAssertLessThanOrEqual(s.coverage[plan.index(day: 0, hour: 10)].onFloor, 1, "a meal starts at 10:00")
        assertBreaksInWindows(s, rules)
    }

    /// The post-office problem: requirements 17, 13, 15, 19, 14, 16, 11 (Monday … Sunday, one
    /// hour at 08:00), agents work five consecutive days in a cyclic week. Its optimum is 23
    /// agents (LP bound 67/3; shared/docs/optimization.md, checked with CBC, HiGHS and GLPK):
    /// 115 one-hour shifts. Every tour has five days and its two days off together.
    func testPostOfficeTours() throws {
        var plan = TinyPlan()
        for (d, r) in [17, 13, 15, 19, 14, 16, 11].enumerated() {
            plan.agents["q", default: [:]][plan.index(day: d, hour: 8)] = r
        }
        let yaml =
            group() + """
                shift_types:
                  - { name: hour, length: 1h, start: "08:00" }
                contracts:
                  - { name: five, days: 5, consecutive_days_off: true, shift_types: [hour] }
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.solver.status, .optimal)
        XCTAssertEqual(s.agents, 23)
        XCTAssertEqual(s.paidHours, 115, accuracy: tolerance)
        XCTAssertTrue(s.uncoveredIntervals.isEmpty)
        assertToursRespectContracts(s, days: 5...5, consecutiveDaysOff: true)
        // The tours add up to the shifts worked each day.
        for d in 0..<7 {
            let fromTours = s.tours.reduce(0) { $0 + ($1.days[d] != nil ? $1.agents : 0) }
            let fromShifts = s.shifts.filter { s.grid.candidates[$0.candidate].day == d }.reduce(0) { $0 + $1.agents }
            XCTAssertEqual(fromTours, fromShifts, "day \(d)")
        }
    }

    /// One agent Monday 08:00 and one Tuesday 12:00; one-hour shifts start 08:00–12:00; agents
    /// work exactly two days. Without a start-time limit one agent does both (2 paid hours); with
    /// starts at most 1 h apart each needed shift takes its own agent, who must work a second
    /// day: 4 paid hours, and every tour's starts lie within the hour.
    func testStartTimeVariation() throws {
        var plan = TinyPlan()
        plan.agents["q", default: [:]][plan.index(day: 0, hour: 8)] = 1
        plan.agents["q", default: [:]][plan.index(day: 1, hour: 12)] = 1
        for (variation, expected) in [("", 2.0), (", max_start_variation: 1h", 4.0)] {
            let yaml =
                group() + """
                    shift_types:
                      - { name: hour, length: 1h, start: { from: "08:00", to: "12:00", every: 1h } }
                    contracts:
                      - { name: two, days: 2, shift_types: [hour]\(variation) }
                    """
            let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
            XCTAssertEqual(s.solver.status, .optimal, variation)
            XCTAssertEqual(s.paidHours, expected, accuracy: tolerance, variation)
            XCTAssertTrue(s.uncoveredIntervals.isEmpty)
            assertToursRespectContracts(
                s, days: 2...2, consecutiveDaysOff: false, maxVariation: variation.isEmpty ? nil : 60)
        }
    }

    /// One agent 08:00–12:00. A 4-hour part-time shift would do (4 hours), but with a part-time
    /// share of 50 % a part-time shift needs a full-time one beside it: the optimum is one 8-hour
    /// shift (8 hours). With a share of 100 % it is the part-time shift.
    func testPartTimeShare() throws {
        var plan = TinyPlan()
        for h in 8..<12 { plan.agents["q", default: [:]][plan.index(day: 0, hour: Double(h))] = 1 }
        for (share, expected) in [("50%", 8.0), ("100%", 4.0)] {
            let yaml =
                group() + """
                    shift_types:
                      - { name: short, length: 4h, start: "08:00", days: [Mon], part_time: true }
                      - { name: full, length: 8h, start: "08:00", days: [Mon] }
                    part_time_share: \(share)
                    """
            let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
            XCTAssertEqual(s.paidHours, expected, accuracy: tolerance, share)
        }
    }

    /// Other shrinkage grosses up the requirement: 3 plan agents at 25 % need ⌈3 / 0.75⌉ = 4 on
    /// the floor; 4 one-hour shifts.
    func testOtherShrinkage() throws {
        var plan = TinyPlan()
        plan.agents["q", default: [:]][plan.index(day: 2, hour: 9)] = 3
        let yaml =
            group() + """
                shift_types:
                  - { name: hour, length: 1h, start: "09:00" }
                other_shrinkage: 25%
                """
        let (s, _) = try schedule(yaml, plan, in: try scratchDirectory(self))
        XCTAssertEqual(s.coverage[plan.index(day: 2, hour: 9)].required, 4)
        XCTAssertEqual(s.paidHours, 4, accuracy: tolerance)
    }
}

/// Every break starts inside its window, relative to the start of the shift it belongs to, and
/// no more agents take a break of a shift than work it.
func assertBreaksInWindows(_ s: WeekSchedule, _ rules: ShiftRules, file: StaticString = #filePath, line: UInt = #line) {
    for b in s.breaks {
        let c = s.grid.candidates[b.candidate], rule = rules.shiftTypes[c.type].breaks[b.breakIndex]
        let offset = (b.slot - c.startSlot) * s.grid.slotMinutes
        XCTAssertTrue(
            offset >= rule.earliestOffset && offset <= rule.latestOffset,
            "break \(rule.name) at +\(offset) min outside [\(rule.earliestOffset), \(rule.latestOffset)]", file: file,
            line: line)
    }
    for (h, n) in s.shifts {
        let types = rules.shiftTypes[s.grid.candidates[h].type].breaks.indices
        for k in types {
            let taken = s.breaks.filter { $0.candidate == h && $0.breakIndex == k }.reduce(0) { $0 + $1.agents }
            XCTAssertEqual(taken, n, "every agent of shift \(h) takes break \(k) once", file: file, line: line)
        }
    }
}

/// Every tour works a number of days in `days`, with its days off in one run when asked, and
/// starts within `maxVariation` minutes.
func assertToursRespectContracts(
    _ s: WeekSchedule, days: ClosedRange<Int>, consecutiveDaysOff: Bool, maxVariation: Int? = nil,
    file: StaticString = #filePath, line: UInt = #line
) {
    for t in s.tours {
        let on = t.days.indices.filter { t.days[$0] != nil }
        XCTAssertTrue(days.contains(on.count), "tour works \(on.count) days", file: file, line: line)
        if consecutiveDaysOff && on.count < 7 {
            // Days off in one cyclic run: exactly one off day follows a working day.
            let runs = (0..<7).filter { t.days[$0] == nil && t.days[($0 + 6) % 7] != nil }.count
            XCTAssertEqual(runs, 1, "days off of \(t.days) are not together", file: file, line: line)
        }
        if let maxVariation {
            let starts = t.days.compactMap { $0.map { s.grid.candidates[$0].startMinute } }
            XCTAssertLessThanOrEqual(starts.max()! - starts.min()!, maxVariation, file: file, line: line)
        }
        for (d, h) in t.days.enumerated() {
            if let h { XCTAssertEqual(s.grid.candidates[h].day, d, file: file, line: line) }
        }
    }
}
