import CCPlanBase
import Foundation
import Optimization
import XCTest

@testable import Scheduling

/// The service level a schedule delivers and the service-level objective, against Erlang C
/// written out here from its closed form and against brute force.
final class ServiceLevelTests: XCTestCase {
    /// Erlang C service level, independently of Queueing: Erlang B by its recursion,
    /// C = n·B / (n − A(1 − B)), SL = 1 − C·exp(−(n − A)·t / AHT); 0 when n ≤ A.
    static func erlangC(agents n: Int, load a: Double, threshold t: Double, aht: Double) -> Double {
        guard Double(n) > a else { return 0 }
        var b = 1.0
        for k in 1...n { b = a * b / (Double(k) + a * b) }
        let c = Double(n) * b / (Double(n) - a * (1 - b))
        return 1 - c * exp(-(Double(n) - a) * t / aht)
    }

    /// Two queues sharing a group's agents in proportion to the plan's (3 and 1): with n on the
    /// floor queue 1 gets 0.75·n, queue 2 0.25·n, each interpolated between whole agents.
    /// g(n) must equal λ₁·SL₁(0.75 n) + λ₂·SL₂(0.25 n) computed from the closed form; the floor
    /// is at or above both stability points and the increments above it do not increase.
    func testCurveOfTwoQueuesAgainstTheClosedForm() throws {
        var plan = TinyPlan()
        plan.queues = ["a", "b"]
        let i = plan.index(day: 0, hour: 10)
        plan.agents = ["a": [i: 3], "b": [i: 1]]
        plan.loads = ["a": [i: (40, 270)], "b": [i: (9, 400)]]  // A = 3 and 1 Erlang
        let demand = try PlanDemand.load(directory: try plan.write(in: try scratchDirectory(self)), scenario: nil)
        let week = try demand.week(plan.monday, ScheduleGroup(name: "g", queues: ["a", "b"]), otherShrinkage: 0)
        let curve = ServiceCurve(interval: week.intervals[i], queues: week.queues, otherShrinkage: 0, upTo: 20)
        func interpolated(_ x: Double, load: Double, aht: Double) -> Double {
            let low = Int(x.rounded(.down)), theta = x - Double(low)
            let sl = Self.erlangC(agents: low, load: load, threshold: 20, aht: aht)
            return theta == 0
                ? sl : (1 - theta) * sl + theta * Self.erlangC(agents: low + 1, load: load, threshold: 20, aht: aht)
        }
        XCTAssertEqual(curve.volume, 49)
        for n in 0...20 {
            let expected =
                40 * interpolated(0.75 * Double(n), load: 3, aht: 270) + 9
                * interpolated(0.25 * Double(n), load: 1, aht: 400)
            // Both evaluate the same closed form in double precision: agreement to 1e-9 of the volume.
            XCTAssertEqual(curve.answered[n], expected, accuracy: 1e-9 * 49, "n = \(n)")
        }
        let floor = curve.concaveFrom
        XCTAssertGreaterThanOrEqual(Double(floor) * 0.75, 3, "queue a is stable only above 3 agents")
        for m in (floor + 2)..<curve.answered.count {
            XCTAssertLessThanOrEqual(
                curve.answered[m] - curve.answered[m - 1], curve.answered[m - 1] - curve.answered[m - 2] + 1e-12)
        }
        XCTAssertEqual(
            try XCTUnwrap(curve.serviceLevel(at: 6.5)), (curve.answered[6] + curve.answered[7]) / 2 / 49,
            accuracy: 1e-15)
    }

    /// Two hours with 30 and 60 calls (AHT 360 s and 300 s: 3 and 5 Erlang), one-hour shifts at
    /// 08:00 and 09:00, a weekly target of 85 % within 20 s. Brute force over the agents of both
    /// hours (closed form above) gives the fewest agents whose answered-in-time calls reach 85 %
    /// of 90; the service-level MILP must need exactly that many paid hours and deliver ≥ 85 %.
    func testServiceLevelObjectiveAgainstBruteForce() throws {
        var plan = TinyPlan()
        let h8 = plan.index(day: 0, hour: 8), h9 = plan.index(day: 0, hour: 9)
        plan.agents = ["q": [h8: 5, h9: 8]]
        plan.loads = ["q": [h8: (30, 360), h9: (60, 300)]]
        for target in [0.7, 0.85, 0.95] {
            var best = Int.max
            for n1 in 0...20 {
                for n2 in 0...20 {
                    let answered =
                        30 * Self.erlangC(agents: n1, load: 3, threshold: 20, aht: 360) + 60
                        * Self.erlangC(agents: n2, load: 5, threshold: 20, aht: 300)
                    if answered >= target * 90 { best = min(best, n1 + n2) }
                }
            }
            let yaml = """
                groups:
                  - { name: g, queues: [q] }
                shift_types:
                  - { name: hour, length: 1h, start: { from: "08:00", to: "09:00", every: 1h }, days: [Mon] }
                """
            let (s, _) = try schedule(
                yaml, plan, in: try scratchDirectory(self), objective: .serviceLevel, target: target)
            XCTAssertEqual(s.solver.status, .optimal, "target \(target)")
            XCTAssertEqual(s.paidHours, Double(best), "target \(target)")
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(s.weeklyServiceLevel), target - 1e-9)
            XCTAssertTrue(s.meetsObjective)
        }
    }

    /// The weekly target defaults to the plan's targets weighted by volume.
    func testDefaultTargetIsThePlansVolumeWeighted() throws {
        var plan = TinyPlan()
        plan.target = 0.75
        let i = plan.index(day: 0, hour: 8)
        plan.agents = ["q": [i: 4]]
        plan.loads = ["q": [i: (30, 360)]]
        let demand = try PlanDemand.load(directory: try plan.write(in: try scratchDirectory(self)), scenario: nil)
        let week = try demand.week(plan.monday, ScheduleGroup(name: "g", queues: ["q"]), otherShrinkage: 0)
        XCTAssertEqual(try XCTUnwrap(week.targetServiceLevel), 0.75, accuracy: 1e-15)
        let own = try demand.week(
            plan.monday, ScheduleGroup(name: "g", queues: ["q"], targetServiceLevel: 0.9), otherShrinkage: 0)
        XCTAssertEqual(own.targetServiceLevel, 0.9)
    }
}
