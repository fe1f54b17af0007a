import CCPlanBase
import Capacity
import ContactHistory
import Optimization
import XCTest

/// Hiring plans whose optimum is known by hand or by enumeration.
final class OptimumTests: XCTestCase {
    static let monday = CivilDate(year: 2026, month: 1, day: 5)!

    static func problem(
        requirement: [Double], headcount: Double = 10, attrition: Attrition = Attrition(monthlyRate: 0),
        training: Int = 1, graduation: Double = 1, ramp: [Double] = [], minClass: Int = 1, maxClass: Int = 10,
        lead: Int = 0, overtimeCap: Double = 0, every: Int = 1, planned: [Int: Int] = [:],
        costs: CostRates = CostRates(
            wagePerHour: 10, fteHours: 40, hireCost: 1000, overtimePremium: 0.5, shortfallPenalty: 10_000)
    ) -> GroupProblem {
        let group = StaffGroup(
            name: "g", queues: ["q"], staff: .headcount(headcount), ftePerHead: 1, attrition: attrition)
        let policy = HiringPolicy(
            trainingWeeks: training, graduationRate: graduation, ramp: ramp,
            classStarts: .every(weeks: every, from: monday), minClassSize: minClass, maxClassSize: maxClass,
            leadTimeWeeks: lead, overtimeCap: overtimeCap)
        return GroupProblem(
            group: group, policy: policy, costs: costs, start: monday, requirement: requirement, planned: planned)
    }

    /// No attrition, one week of training, 10 people, requirement 10, 10, 13, 13; wage 400 per
    /// FTE-week, hire cost 1,000. Three more FTE are needed from week 2. A hire starting in week 1
    /// is productive from week 2 and costs 1,000 + 3·400 = 2,200; starting in week 0 costs 2,600;
    /// starting in week 2 leaves week 2 short (penalty 10,000 per FTE). So: 3 hires in week 1,
    /// cost 10·400·4 + 3·2,200 = 22,600.
    func testThreeHiresJustInTime() throws {
        let p = Self.problem(requirement: [10, 10, 13, 13])
        let plan = try HiringOptimizer.optimise(p, options: HiringOptimizer.solveOptions())
        XCTAssertEqual(plan.classes, [1: 3])
        XCTAssertEqual(plan.totalCost, 22_600, accuracy: 1e-6)
        XCTAssertEqual(plan.solver?.status, .optimal)
        XCTAssertEqual(plan.weeks.map(\.shortfallFTE), [0, 0, 0, 0])
    }

    /// As above but 1 FTE short in weeks 2 and 3, classes of at least 5, and overtime up to 20 %
    /// of productive FTE at 1.5 × wage (600 per FTE-week). A class costs at least
    /// 5·2,200 = 11,000; 1 FTE of overtime in each week costs 1,200 (within the cap of 2). The
    /// optimum hires nobody: 16,000 + 1,200 = 17,200. The rule of thumb hires the minimum class
    /// of 5 in week 1: 16,000 + 11,000 = 27,000.
    func testOvertimeBeatsAMinimumClass() throws {
        let p = Self.problem(requirement: [10, 10, 11, 11], minClass: 5, overtimeCap: 0.2)
        let plan = try HiringOptimizer.optimise(p, options: HiringOptimizer.solveOptions())
        XCTAssertEqual(plan.classes, [:])
        XCTAssertEqual(plan.totalCost, 17_200, accuracy: 1e-6)
        XCTAssertEqual(plan.weeks.map(\.overtimeFTE), [0, 0, 1, 1])
        let rule = HiringOptimizer.ruleOfThumb(p)
        XCTAssertEqual(rule.classes, [1: 5])
        XCTAssertEqual(rule.totalCost, 27_000, accuracy: 1e-6)
    }

    /// The MILP's optimum equals the cheapest plan found by enumerating every class size
    /// ({0} ∪ [3, 6]) in the three decision weeks (attrition, ramp and graduation included).
    /// The enumeration costs each plan with `outcome`, whose arithmetic the hand cases above pin
    /// down; the optimiser's objective plus the fixed cost must match too.
    func testOptimumEqualsEnumeration() throws {
        let requirement: [Double] = [9.5, 9.5, 10, 11, 12.5, 13, 14, 14, 13.5, 13, 13, 12]
        let p = Self.problem(
            requirement: requirement, attrition: Attrition(monthlyRate: 0.04), training: 2, graduation: 0.8,
            ramp: [0.5, 0.8], minClass: 3, maxClass: 6, lead: 1, overtimeCap: 0.1, every: 3)
        XCTAssertEqual(p.decisionWeeks, [3, 6, 9])
        let sizes = [0, 3, 4, 5, 6]
        var best = Double.infinity
        for a in sizes {
            for b in sizes {
                for c in sizes {
                    let classes = [3: a, 6: b, 9: c].filter { $0.value > 0 }
                    best = min(best, p.totalCost(p.outcome(classes: classes)))
                }
            }
        }
        let plan = try HiringOptimizer.optimise(p, options: HiringOptimizer.solveOptions())
        XCTAssertEqual(plan.solver?.status, .optimal)
        XCTAssertEqual(plan.totalCost, best, accuracy: 1e-6 * best)
        let fixedWages = p.outcome(classes: [:]).reduce(0) { $0 + 400 * $1.paidFTE }
        XCTAssertEqual(try XCTUnwrap(plan.solver?.fixedCost), fixedWages, accuracy: 1e-9 * best)
        XCTAssertEqual(try XCTUnwrap(plan.solver?.objective), plan.totalCost, accuracy: 1e-6 * best)
        XCTAssertLessThanOrEqual(plan.totalCost, HiringOptimizer.ruleOfThumb(p).totalCost + 1e-6)
    }

    /// A class cannot be larger than 2 and 6 more FTE are needed: the best plan still falls short,
    /// and the shortfall weeks are the ones reported.
    func testPolicyThatCannotMeetTheRequirement() throws {
        let p = Self.problem(requirement: [10, 10, 16, 16], maxClass: 2, every: 4)
        let plan = try HiringOptimizer.optimise(p, options: HiringOptimizer.solveOptions())
        XCTAssertEqual(plan.classes, [0: 2])
        XCTAssertEqual(plan.weeks.map(\.shortfallFTE), [0, 0, 4, 4])
        XCTAssertEqual(p.firstInfluencedWeek, 1)
    }
}
