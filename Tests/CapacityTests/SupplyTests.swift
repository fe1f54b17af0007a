import CCPlanBase
import Capacity
import ContactHistory
import Foundation
import Optimization
import XCTest

/// The supply in capacity.csv recomputed independently (the formulas, written out here)
/// from hiring-plan.csv; tenure bands and rosters against survival computed by hand.
final class SupplyTests: XCTestCase {
    static let staffYAML = """
        groups:
          - name: general
            queues: [billing, vip]
            headcount: 40
            fte_per_head: 0.9
            attrition: 4%
        policy:
          training: 3w
          graduation: 85%
          ramp: [40%, 70%]
          class_starts: { every: 2w, from: 2026-01-05 }
          class_size: { min: 4, max: 12 }
          lead_time: 2w
          overtime_cap: 5%
        costs:
          wage_per_hour: 20
          fte_hours: 37.5
          hire_cost: 3000
          overtime_premium: 50%
          shortfall_penalty: 4000
        planned_classes:
          - { group: general, start: 2025-12-29, hires: 6 }
        """

    /// Weekly requirement rising from 36 to 46 FTE over 20 weeks, split over two queues.
    static func requirementCSV() -> String {
        var text = "queue,week_start,required_fte\n"
        let start = CivilDate(year: 2026, month: 1, day: 5)!
        for w in 0..<20 {
            let total = 36 + 10 * Double(w) / 19
            text +=
                "billing,\(start.adding(days: 7 * w)),\(total * 0.75)\nvip,\(start.adding(days: 7 * w)),\(total * 0.25)\n"
        }
        return text
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = NSTemporaryDirectory() + "capacity-tests-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func testSupplyRecomputedFromHiringPlanMatchesCapacityCSV() throws {
        let staff = try StaffFile.parse(yaml: Self.staffYAML, path: "staff.yaml") { _ throws(CapacityError) in [] }
        let req = try Requirements.csv(try Self.temporaryFile("req.csv", Self.requirementCSV()))
        let result = try CapacityRun.run(CapacityInputs(staffPath: "staff.yaml", staff: staff, requirements: req))
        let capacity = Self.rows(CapacityFiles.capacity(result))
        let classes = Self.rows(CapacityFiles.hiringPlan(result))
        XCTAssertGreaterThan(classes.count, 1, "the plan should hire")
        XCTAssertEqual(capacity.count, 20)

        // The model of the issue, written out independently.
        let s = pow(1 - 0.04, 12.0 / 52), g = 0.85, f = 0.9, T = 3, ramp = [0.4, 0.7]
        let week0 = CivilDate(year: 2026, month: 1, day: 5)!
        func p(_ j: Int) -> Double { j < T ? 0 : (j - T < ramp.count ? ramp[j - T] : 1) }
        let hires = classes.map {
            (t: (CivilDate($0["class_start"]!)!.dayNumber - week0.dayNumber) / 7, x: Double($0["hires"]!)!)
        }
        XCTAssertTrue(hires.contains { $0.t == -1 && $0.x == 6 }, "the planned class is in the hiring plan")
        for row in capacity {
            let w = (CivilDate(row["week_start"]!)!.dayNumber - week0.dayNumber) / 7
            var heads = 40 * pow(s, Double(w)), productive = 40 * pow(s, Double(w)), training = 0.0
            for (t, x) in hires where t <= w {
                let j = w - t
                heads += x * pow(s, Double(j)) * (j >= T ? g : 1)
                productive += x * pow(s, Double(j)) * g * p(j)
                if j < T { training += x * pow(s, Double(j)) }
            }
            XCTAssertEqual(Double(row["headcount"]!)!, heads, accuracy: 1e-4, "week \(w)")
            XCTAssertEqual(Double(row["productive_fte"]!)!, f * productive, accuracy: 1e-4, "week \(w)")
            XCTAssertEqual(Double(row["in_training"]!)!, training, accuracy: 1e-4, "week \(w)")
            let required = 36 + 10 * Double(w) / 19
            XCTAssertEqual(Double(row["required_fte"]!)!, required, accuracy: 1e-4)
            // Overtime and shortfall fill the gap as the cost rates dictate (overtime 1,125 < 4,000).
            let need = max(0, required - f * productive)
            let overtime = min(0.05 * f * productive, need)
            XCTAssertEqual(Double(row["overtime_fte"]!)!, overtime, accuracy: 1e-4)
            XCTAssertEqual(Double(row["shortfall_fte"]!)!, need - overtime, accuracy: 1e-4)
            let hiresNow = hires.filter { $0.t == w }.reduce(0) { $0 + $1.x }
            XCTAssertEqual(Double(row["hires_starting"]!)!, hiresNow)
            let cost = 750 * f * heads + 1125 * overtime + 4000 * (need - overtime) + 3000 * hiresNow
            XCTAssertEqual(Double(row["cost"]!)!, cost, accuracy: 0.01)
        }
    }

    /// Tenure bands: 10 % a month below 3 weeks of tenure, 1 % from then on. A new cohort keeps
    /// s_b, s_b², s_b³, s_b³·s_a, … (s = (1 − a)^(12/52)); people of a headcount count as tenured.
    func testTenureBandAttrition() throws {
        let band = Attrition(monthlyRate: 0.10, band: .init(tenureWeeks: 3, monthlyRateAbove: 0.01))
        let sb = pow(0.9, 12.0 / 52), sa = pow(0.99, 12.0 / 52)
        let curve = band.survivalCurve(initialTenure: 0, weeks: 6)
        let expected = [1, sb, sb * sb, sb * sb * sb, sb * sb * sb * sa, sb * sb * sb * sa * sa]
        for (c, e) in zip(curve, expected) { XCTAssertEqual(c, e, accuracy: 1e-15) }
        let p = OptimumTests.problem(
            requirement: Array(repeating: 0, count: 6), headcount: 100, attrition: band, training: 10,
            planned: [0: 10])
        let weeks = p.outcome(classes: p.planned)
        for w in 0..<6 {
            XCTAssertEqual(weeks[w].headcount, 100 * pow(sa, Double(w)) + 10 * expected[w], accuracy: 1e-12)
            XCTAssertEqual(weeks[w].inTraining, 10 * expected[w], accuracy: 1e-12)
        }
        // Expected leavers in week 1: the tenured at 1 − s_a, the class (tenure 1) at 1 − s_b.
        XCTAssertEqual(weeks[1].attrition, 100 * sa * (1 - sa) + 10 * sb * (1 - sb), accuracy: 1e-12)
    }

    /// A roster: each person's tenure in week 0 from their hire date, each at their own FTE.
    func testRosterForm() throws {
        let roster = """
            person,fte,hire_date
            ana,1,2025-12-22
            ben,0.5,2025-12-29
            cho,0.8,2024-06-03
            """
        let path = try Self.temporaryFile("roster.csv", roster)
        let people = try Roster.load(path)
        XCTAssertEqual(people.map(\.person), ["ana", "ben", "cho"])
        let band = Attrition(monthlyRate: 0.10, band: .init(tenureWeeks: 3, monthlyRateAbove: 0.01))
        var p = OptimumTests.problem(requirement: Array(repeating: 1, count: 5))
        p = GroupProblem(
            group: StaffGroup(name: "g", queues: ["q"], staff: .roster(people), ftePerHead: 1, attrition: band),
            policy: p.policy, costs: p.costs, start: OptimumTests.monday, requirement: p.requirement, planned: [:])
        let sb = pow(0.9, 12.0 / 52), sa = pow(0.99, 12.0 / 52)
        func survival(_ tenure: Int, _ w: Int) -> Double { (0..<w).reduce(1) { $0 * (tenure + $1 < 3 ? sb : sa) } }
        let weeks = p.outcome(classes: [:])
        for w in 0..<5 {
            // ana: tenure 2 weeks, ben: 1 week, cho: tenured.
            let heads = survival(2, w) + survival(1, w) + survival(100, w)
            let fte = 1 * survival(2, w) + 0.5 * survival(1, w) + 0.8 * survival(100, w)
            XCTAssertEqual(weeks[w].headcount, heads, accuracy: 1e-12)
            XCTAssertEqual(weeks[w].productiveFTE, fte, accuracy: 1e-12)
            XCTAssertEqual(weeks[w].paidFTE, fte, accuracy: 1e-12)
        }
        let bad = try Self.temporaryFile("bad-roster.csv", "person,fte,hire_date\nana,1.5,2025-12-22\n")
        XCTAssertThrowsError(try Roster.load(bad)) { error in
            XCTAssertTrue("\(error)".contains("bad-roster.csv:2:5:"), "\(error)")
        }
    }
}
