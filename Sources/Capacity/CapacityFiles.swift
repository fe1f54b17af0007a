import CCPlanBase
import ContactHistory
import Optimization
import Planning

/// The text of capacity's CSV files. Numbers are fixed-decimal (FTE and people 4 decimals,
/// money 2), so the files are byte-identical for the same inputs.
public enum CapacityFiles {
    public static let capacityHeader =
        "scenario,group,week_start,required_fte,headcount,productive_fte,in_training,hires_starting,attrition,overtime_fte,shortfall_fte,gap_fte,cost,service_level\n"

    /// `capacity.csv`: one row per scenario, group and week.
    ///
    /// - Complexity: O(scenarios × groups × weeks).
    public static func capacity(_ result: CapacityResult) -> String {
        var out = capacityHeader
        for o in result.outcomes {
            for (g, plan) in o.plans.enumerated() {
                let prefix = csvField(o.scenario.name) + "," + csvField(plan.problem.group.name) + ","
                for w in plan.weeks {
                    out += prefix + "\(plan.problem.weekStart(w.week)),"
                    out += [w.requiredFTE, w.headcount, w.productiveFTE, w.inTraining].map { fixed($0, 4) }.joined(
                        separator: ",")
                    out += ",\(w.hiresStarting),"
                    out += [w.attrition, w.overtimeFTE, w.shortfallFTE, w.gapFTE].map { fixed($0, 4) }.joined(
                        separator: ",")
                    out += "," + fixed(w.cost, 2) + "," + (o.serviceLevels[g][w.week].map { fixed($0, 4) } ?? "") + "\n"
                }
            }
        }
        return out
    }

    public static let hiringPlanHeader = "scenario,group,class_start,hires,productive_from,fully_productive_from\n"

    /// `hiring-plan.csv`: every class of every scenario and group, planned ones included,
    /// by start; `productive_from` is the first week with productivity above 0,
    /// `fully_productive_from` the first week at productivity 1.
    ///
    /// - Complexity: O(classes).
    public static func hiringPlan(_ result: CapacityResult) -> String {
        var out = hiringPlanHeader
        for o in result.outcomes {
            for plan in o.plans {
                let p = plan.problem
                let classes = p.allClasses(plan.classes)
                let firstProductive =
                    (0...(p.policy.trainingWeeks + p.policy.ramp.count)).first {
                        p.policy.productivity(weeksSinceStart: $0) > 0
                    } ?? 0
                let full = p.policy.trainingWeeks + p.policy.ramp.count
                for t in classes.keys.sorted() where classes[t]! > 0 {
                    out +=
                        csvField(o.scenario.name) + "," + csvField(p.group.name) + ",\(p.weekStart(t)),\(classes[t]!),"
                    out += "\(p.weekStart(t + firstProductive)),\(p.weekStart(t + full))\n"
                }
            }
        }
        return out
    }
}
