import CCPlanBase
import Foundation
import Planning

/// `schedule.json`: the inputs with their SHA-256, the solver settings, and per group and week
/// what each solve reported and what its schedule delivers. `solve_seconds` is the only value
/// that differs between runs of the same inputs; `generated_at` honours `SOURCE_DATE_EPOCH`.
public enum ScheduleJSON {
    /// - Complexity: O(inputs + groups × weeks).
    public static func render(_ r: ScheduleResult) -> String {
        let i = r.inputs
        let provenance: [JSONText] = ([i.shiftsPath] + i.plan.files).map { path in
            let digest = fileSHA256(path)
            return .object([
                ("path", .string(path)), ("bytes", digest.map { .integer($0.bytes) } ?? .null),
                ("sha256", .text(digest?.hex)),
            ])
        }
        let o = i.options
        let target: JSONText
        switch i.target {
        case .plan: target = .string("plan")
        case .value(let v): target = .number(v)
        case .coverage: target = .string("coverage")
        }
        let doc: JSONText = .object([
            ("title", .string(i.title)),
            ("ccplan_version", .string(PlanningVersion.current)),
            ("generated_at", .string(ISO8601DateFormatter().string(from: i.generatedAt))),
            ("inputs", .array(provenance)),
            ("plan_scenario", .string(i.plan.scenario)),
            ("objective", .string(i.objective.rawValue)),
            ("service_level_target", target),
            (
                "solver",
                .object([
                    ("name", .string("COIN-OR CBC 2.10 (C interface), branch and bound")), ("threads", .integer(1)),
                    ("seed", .integer(o.seed)), ("relative_gap", .number(o.relativeGap)),
                    ("time_limit_seconds_per_solve", .finite(o.timeLimit)),
                ])
            ),
            ("exit_status", .integer(r.fallsShort ? 5 : 0)),
            (
                "schedules",
                .array(
                    r.groupWeeks.map { gw in
                        var fields: [(String, JSONText)] = [
                            ("group", .string(gw.coverage.demand.group.name)),
                            ("queues", .array(gw.coverage.demand.group.queues.map { .string($0) })),
                            ("week", .string("\(gw.coverage.demand.monday)")),
                            ("written", .string(gw.chosen.objective.rawValue)),
                            ("coverage", schedule(gw.coverage, gap: o.relativeGap)),
                        ]
                        if let sl = gw.serviceLevel {
                            fields.append(("service_level", schedule(sl, gap: o.relativeGap)))
                            fields.append(("paid_hours_saved", .number(gw.coverage.paidHours - sl.paidHours)))
                        }
                        return .object(fields)
                    })
            ),
            ("unassigned_queues", .array(r.unassignedQueues.map { .string($0) })),
        ])
        return doc.rendered() + "\n"
    }

    static func schedule(_ s: WeekSchedule, gap: Double) -> JSONText {
        let v = s.solver
        return .object([
            ("objective", .string(s.objective.rawValue)),
            ("status", .string(v.status.rawValue)), ("objective_value", .finite(v.objective)),
            ("bound", .finite(v.bound)),
            ("gap", .finite(v.gap)), ("stopped_above_gap", .bool(s.stoppedEarly(gap: gap))),
            ("solve_seconds", .number((v.seconds * 1000).rounded() / 1000)),
            ("nodes", .integer(v.nodes)), ("variables", .integer(v.variables)),
            ("integer_variables", .integer(v.integerVariables)),
            ("constraints", .integer(v.constraints)),
            ("slot_minutes", .integer(s.grid.slotMinutes)), ("candidate_shifts", .integer(s.grid.candidates.count)),
            ("shifts", .integer(s.shifts.reduce(0) { $0 + $1.agents })), ("agents_on_tours", .integer(s.agents)),
            ("paid_hours", .number(s.paidHours)), ("cost", .number(s.cost)),
            ("required_hours", .number(s.requiredHours)),
            ("efficiency", .finite(s.efficiency)),
            ("uncovered_intervals", .integer(s.uncoveredIntervals.count)),
            ("uncovered_agent_hours", .number(s.uncoveredHours)),
            ("weekly_service_level", .finite(s.weeklyServiceLevel)),
            ("service_level_target", .finite(s.target ?? s.demand.targetServiceLevel)),
            ("meets_objective", .bool(s.meetsObjective)),
        ])
    }
}
