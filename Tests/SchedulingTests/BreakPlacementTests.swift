import CCPlanBase
import Foundation
import Optimization
import XCTest

@testable import Scheduling

/// The implicit break placement (Bechtold & Jacobs) against the explicit one (Aykin 1996: one
/// variable per shift, break and break start), built independently here: on random days both
/// programs must have the same optimum, and the breaks handed out must lie in their windows.
final class BreakPlacementTests: XCTestCase {
    /// A random Monday: requirements 0–4 in 30-minute intervals 06:00–22:00, two shift types
    /// with random lengths, start windows and one or two ordered breaks.
    func randomCase(seed: UInt64) -> (yaml: String, plan: TinyPlan) {
        var rng = SeededRandom(seed: seed)
        var plan = TinyPlan()
        plan.intervalMinutes = 30
        for i in plan.index(day: 0, hour: 6)..<plan.index(day: 0, hour: 22) {
            plan.agents["q", default: [:]][i] = Int.random(in: 0...4, using: &rng)
        }
        var yaml = "groups:\n  - { name: g, queues: [q] }\nshift_types:\n"
        for t in 0..<2 {
            let length = [4, 5, 6, 8].randomElement(using: &rng)! * 60
            let from = Int.random(in: 6...10, using: &rng) * 60 + (t == 1 ? 240 : 0)
            let to = from + Int.random(in: 1...4, using: &rng) * 60
            var breaks: [String] = []
            var earliest = 60
            for b in 0..<Int.random(in: 1...2, using: &rng) {
                let len = [15, 30].randomElement(using: &rng)!
                let width = Int.random(in: 0...4, using: &rng) * 15
                guard earliest + width + len <= length - 30 else { break }
                breaks.append(
                    "{ name: b\(b), length: \(len)m, paid: \(b == 0 ? "false" : "true"), window: { from: \(earliest)m, to: \(earliest + width)m } }"
                )
                earliest += width + len + Int.random(in: 0...2, using: &rng) * 30
            }
            yaml +=
                "  - { name: t\(t), length: \(length)m, start: { from: \"\(ShiftFile.clock(from))\", to: \"\(ShiftFile.clock(to))\", every: 15m }, days: [Mon], breaks: [\(breaks.joined(separator: ", "))] }\n"
        }
        return (yaml, plan)
    }

    /// Aykin's explicit program for the same week: x_h, and b_hko per shift h, break k and start
    /// offset o in its window with Σ_o b_hko = x_h; agents on the floor per slot; the same costs
    /// and the same penalty per uncovered agent-interval.
    func explicitOptimum(_ s: WeekSchedule, _ rules: ShiftRules) throws -> Double {
        let g = s.grid, k = Double(g.slotsPerInterval)
        var p = LinearProgram()
        var floor = [[(LinearProgram.Variable, Double)]](repeating: [], count: s.demand.intervals.count)
        for c in g.candidates {
            let type = rules.shiftTypes[c.type]
            let x = p.addVariable(cost: Double(type.paidMinutes) / 60 * type.costPerHour, integer: true)
            for slot in c.startSlot..<(c.startSlot + c.lengthSlots) { floor[g.interval(ofSlot: slot)].append((x, 1)) }
            for rule in type.breaks {
                var choices: [(LinearProgram.Variable, Double)] = []
                for offset in stride(from: rule.earliestOffset, through: rule.latestOffset, by: g.slotMinutes) {
                    let b = p.addVariable(integer: true)
                    choices.append((b, 1))
                    let first = c.startSlot + offset / g.slotMinutes
                    for slot in first..<(first + rule.length / g.slotMinutes) {
                        floor[g.interval(ofSlot: slot)].append((b, -1))
                    }
                }
                p.addConstraint(choices + [(x, -1)], .equal, 0)
            }
        }
        for (i, interval) in s.demand.intervals.enumerated() where interval.required > 0 {
            let u = p.addVariable(upper: Double(interval.required), cost: rules.penalties.uncovered(rules))
            p.addConstraint(floor[i] + [(u, k)], .greaterOrEqual, k * Double(interval.required))
        }
        let solution = try p.solve(SolveOptions(timeLimit: 60))
        XCTAssertEqual(solution.status, .optimal)
        return try XCTUnwrap(solution.objective)
    }

    func testImplicitBreaksMatchTheExplicitModel() throws {
        let dir = try scratchDirectory(self)
        for seed in UInt64(1)...8 {
            let (yaml, plan) = randomCase(seed: seed)
            let (s, rules) = try schedule(yaml, plan, in: dir)
            XCTAssertEqual(s.solver.status, .optimal, "seed \(seed)")
            let implicit = try XCTUnwrap(s.solver.objective)
            let explicit = try explicitOptimum(s, rules)
            // Objectives are sums of quarter-hours and penalties of 1/2 agent-interval: the
            // solvers' tolerances (1e-6 relative) are far below the 0.25 steps between values.
            XCTAssertEqual(implicit, explicit, accuracy: 1e-6 * max(1, explicit), "seed \(seed):\n\(yaml)")
            assertBreaksInWindows(s, rules)
            // The objective read back from the schedule: paid cost plus the penalty of what it leaves uncovered.
            let recomputed = s.cost + rules.penalties.uncovered(rules) * s.coverage.reduce(0) { $0 + $1.under }
            XCTAssertEqual(recomputed, implicit, accuracy: 1e-6 * max(1, implicit), "seed \(seed)")
        }
    }

    /// First come, first served hands out any break plan the rows accept: agents at 08:00 (2)
    /// and 09:00 (1) with windows [+1 h, +2 h] in 30-minute slots, breaks at 09:00 (1), 10:00 (1),
    /// 11:00 (1): the 08:00 agents take 09:00 and 10:00, the 09:00 agent 11:00. A plan with a
    /// break too late for the earliest agents cannot be handed out.
    func testFirstComeFirstServedHandOut() {
        var f = BreakFamily(type: 0, day: 0, breakIndex: 0, members: [0, 1], earliest: 2, latest: 4, length: 1)
        f.starts = []
        var p = LinearProgram()
        for slot in [18, 20, 22] { f.starts.append((slot, p.addVariable())) }
        let given = f.assign(shifts: [2, 1], breaks: [1, 1, 1], startSlots: [16, 18])
        XCTAssertEqual(given?.map(\.member), [0, 0, 1])
        XCTAssertEqual(given?.map(\.slot), [18, 20, 22])
        XCTAssertNil(
            f.assign(shifts: [2, 1], breaks: [0, 1, 2], startSlots: [16, 18]), "22 is outside the 08:00 window [18, 20]"
        )
    }
}
