import CCPlanBase
import ContactHistory
import Foundation
import Optimization

/// Everything a capacity run reads.
public struct CapacityInputs: Sendable {
    public var staffPath: String
    public var staff: StaffPlan
    /// Roster files named by the staff file.
    public var rosterPaths: [String] = []
    public var requirements: Requirements
    public var scenarioPath: String?
    /// What-ifs solved after the base scenario.
    public var scenarios: [CapacityScenario] = []
    /// Use only the first `weeks` weeks of the requirement.
    public var weeks: Int?
    /// Per group and scenario.
    public var options = HiringOptimizer.solveOptions()
    public var title = "Capacity plan"
    /// Recorded as `generated_at` (`SOURCE_DATE_EPOCH` makes it reproducible).
    public var generatedAt = Date()

    public init(staffPath: String, staff: StaffPlan, requirements: Requirements) {
        self.staffPath = staffPath
        self.staff = staff
        self.requirements = requirements
    }
}

/// A week in which the best plan still misses the requirement.
public struct Shortfall: Sendable, Hashable {
    public var group: String
    public var week: Int
    public var weekStart: CivilDate
    public var shortfallFTE: Double
    public var serviceLevel: Double?
}

/// One scenario solved for every group.
public struct ScenarioOutcome: Sendable {
    public var scenario: CapacityScenario
    /// The plan's requirement scenario used.
    public var requirementScenario: String
    /// The optimiser's plans, one per group (staff file order).
    public var plans: [GroupPlan]
    /// The rule of thumb's plans, same order.
    public var ruleOfThumb: [GroupPlan]
    /// Per group, per week: the service level the optimised supply delivers (nil without intervals).
    public var serviceLevels: [[Double?]]

    public var totalCost: Double { plans.reduce(0) { $0 + $1.totalCost } }
    public var ruleOfThumbCost: Double { ruleOfThumb.reduce(0) { $0 + $1.totalCost } }

    /// Shortfalls above 0.005 FTE (half the last printed digit of 0.01) in the weeks each group's
    /// policy can still influence (from its first decision week plus training).
    public var shortfalls: [Shortfall] {
        var out: [Shortfall] = []
        for (g, plan) in plans.enumerated() {
            for week in plan.weeks where week.week >= plan.problem.firstInfluencedWeek && week.shortfallFTE > 0.005 {
                out.append(
                    Shortfall(
                        group: plan.problem.group.name, week: week.week, weekStart: plan.problem.weekStart(week.week),
                        shortfallFTE: week.shortfallFTE, serviceLevel: serviceLevels[g][week.week]))
            }
        }
        return out
    }
}

/// The result of `ccplan capacity`.
public struct CapacityResult: Sendable {
    public var inputs: CapacityInputs
    /// Base first, then the what-ifs.
    public var outcomes: [ScenarioOutcome]
    /// Queues of the requirement that no group takes.
    public var unassignedQueues: [String]
    /// The Mondays of the horizon.
    public var weeks: [CivilDate]
}

/// `ccplan capacity`: requirement + staff → optimal hiring plan per scenario.
public enum CapacityRun {
    /// Solves the base and every scenario for every group, and costs the rule of thumb alongside.
    ///
    /// - Throws: ``CapacityError``.
    /// - Complexity: groups × scenarios × MILP.
    public static func run(_ inputs: CapacityInputs) throws(CapacityError) -> CapacityResult {
        let req = inputs.requirements
        var weeks = req.weeks
        if let n = inputs.weeks {
            guard n >= 1, n <= weeks.count else {
                throw .inconsistent("--weeks: the requirement has \(weeks.count) weeks, cannot plan \(n)")
            }
            weeks = Array(weeks.prefix(n))
        }
        let start = weeks[0]
        for g in inputs.staff.groups {
            if case .roster(let people) = g.staff, let late = people.first(where: { $0.hireDate > start }) {
                throw .badData(
                    "roster of group '\(g.name)': \(late.person) is hired on \(late.hireDate), after the first week (\(start)); put future hires in planned_classes"
                )
            }
        }
        let replay = try req.intervalsPath.map { path throws(CapacityError) in
            try ServiceLevelReplay.load(intervals: path, start: start)
        }
        var outcomes: [ScenarioOutcome] = []
        for scenario in [CapacityScenario.base] + inputs.scenarios {
            let requirementScenario = scenario.planScenario ?? req.scenarios[0]
            guard let byQueue = req.fte[requirementScenario] else {
                throw .inconsistent(
                    "scenario '\(scenario.name)': the plan has no scenario '\(requirementScenario)' (it has \(req.scenarios.joined(separator: ", ")))"
                )
            }
            let staff = scenario.apply(to: inputs.staff)
            var plans: [GroupPlan] = [], rule: [GroupPlan] = [], levels: [[Double?]] = []
            for group in staff.groups {
                var requirement = [Double](repeating: 0, count: weeks.count)
                for q in group.queues {
                    guard let series = byQueue[q] else {
                        throw .inconsistent("group '\(group.name)': queue '\(q)' has no requirement in \(req.source)")
                    }
                    for w in weeks.indices { requirement[w] += series[w] }
                }
                requirement = requirement.map { $0 * scenario.volumeFactor }
                var planned: [Int: Int] = [:]
                for c in staff.plannedClasses where c.group == group.name {
                    let t = (monday(of: c.start).dayNumber - start.dayNumber) / 7
                    if t < weeks.count { planned[t, default: 0] += c.hires }
                }
                let problem = GroupProblem(
                    group: group, policy: staff.policy, costs: staff.costs, start: start,
                    requirement: requirement, planned: planned)
                let plan = try HiringOptimizer.optimise(problem, options: inputs.options)
                plans.append(plan)
                rule.append(HiringOptimizer.ruleOfThumb(problem))
                let factors = plan.weeks.map {
                    $0.requiredFTE > 0 ? ($0.productiveFTE + $0.overtimeFTE) / $0.requiredFTE : 0
                }
                levels.append(
                    replay.map { $0.weekly(scenario: requirementScenario, queues: group.queues, factors: factors) }
                        ?? Array(repeating: nil, count: weeks.count))
            }
            outcomes.append(
                ScenarioOutcome(
                    scenario: scenario, requirementScenario: requirementScenario, plans: plans,
                    ruleOfThumb: rule, serviceLevels: levels))
        }
        let grouped = Set(inputs.staff.groups.flatMap(\.queues))
        let unassigned = req.queues(req.scenarios[0]).filter { !grouped.contains($0) }
        return CapacityResult(inputs: inputs, outcomes: outcomes, unassignedQueues: unassigned, weeks: weeks)
    }
}
