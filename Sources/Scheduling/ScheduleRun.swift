import CCPlanBase
import Foundation
import Optimization

/// The weekly service level `--objective service-level` must reach.
public enum ServiceLevelTarget: Sendable, Hashable {
    /// The group's `target_sl`, else the plan's targets weighted by volume.
    case plan
    /// A given fraction.
    case value(Double)
    /// The level the coverage schedule of the same group and week delivers: the comparison "paid
    /// hours saved at the same weekly service level".
    case coverage
}

/// Everything a schedule run reads.
public struct ScheduleInputs: Sendable {
    public var shiftsPath: String
    public var rules: ShiftRules
    public var plan: PlanDemand
    /// Mondays of the weeks to schedule.
    public var weeks: [CivilDate]
    public var objective: ScheduleObjective = .coverage
    public var target: ServiceLevelTarget = .plan
    /// Per solve (group, week and objective).
    public var options = Scheduler.solveOptions()
    public var title = "Schedule"
    /// Recorded as `generated_at` (`SOURCE_DATE_EPOCH` makes it reproducible).
    public var generatedAt = Date()

    public init(shiftsPath: String, rules: ShiftRules, plan: PlanDemand, weeks: [CivilDate]) {
        self.shiftsPath = shiftsPath
        self.rules = rules
        self.plan = plan
        self.weeks = weeks
    }
}

/// One group's week: the coverage schedule, and with `--objective service-level` the
/// service-level schedule beside it.
public struct GroupWeek: Sendable {
    public var coverage: WeekSchedule
    public var serviceLevel: WeekSchedule?
    /// The schedule of the objective asked for (the one written to the CSV files).
    public var chosen: WeekSchedule { serviceLevel ?? coverage }
}

/// The result of `ccplan schedule`.
public struct ScheduleResult: Sendable {
    public var inputs: ScheduleInputs
    /// Week by week, groups in file order.
    public var groupWeeks: [GroupWeek]
    /// Queues of the plan in no group.
    public var unassignedQueues: [String]

    /// Whether a chosen schedule leaves intervals uncovered (coverage), misses the weekly target
    /// (service level), or was stopped by the time limit above the gap: exit status 5.
    public var fallsShort: Bool {
        groupWeeks.contains { !$0.chosen.meetsObjective || $0.chosen.stoppedEarly(gap: inputs.options.relativeGap) }
    }
}

/// `ccplan schedule`: a plan's interval requirements + shift rules → shifts, breaks and tours.
public enum ScheduleRun {
    /// Schedules every group in every week.
    ///
    /// - Throws: ``ScheduleError``.
    /// - Complexity: weeks × groups × (one or two) MILPs.
    public static func run(_ inputs: ScheduleInputs) throws(ScheduleError) -> ScheduleResult {
        var out: [GroupWeek] = []
        for monday in inputs.weeks {
            for group in inputs.rules.groups {
                let demand = try inputs.plan.week(monday, group, otherShrinkage: inputs.rules.otherShrinkage)
                let coverage = try Scheduler.solve(
                    demand, rules: inputs.rules, objective: .coverage, options: inputs.options)
                var result = GroupWeek(coverage: coverage)
                if inputs.objective == .serviceLevel, demand.targetServiceLevel != nil {
                    let target: Double?
                    switch inputs.target {
                    case .plan: target = nil
                    case .value(let v): target = v
                    case .coverage: target = coverage.weeklyServiceLevel
                    }
                    result.serviceLevel = try Scheduler.solve(
                        demand, rules: inputs.rules, objective: .serviceLevel, target: target,
                        options: inputs.options, warmStart: coverage)
                }
                out.append(result)
            }
        }
        let grouped = Set(inputs.rules.groups.flatMap(\.queues))
        let unassigned = inputs.plan.description.queues.map(\.queue).filter { !grouped.contains($0) }
        return ScheduleResult(inputs: inputs, groupWeeks: out, unassignedQueues: Array(Set(unassigned)).sorted())
    }
}
