import CCPlanBase
import ContactHistory
import Foundation
import Optimization
import Planning

/// `capacity.json`: the model's inputs as read, the solver and what it reported per scenario and
/// group, and the provenance of every input file (size and SHA-256). Solve times are not written
/// (they differ between runs); `generated_at` honours `SOURCE_DATE_EPOCH`.
public enum CapacityJSON {
    /// - Complexity: O(inputs + scenarios × groups).
    public static func render(_ r: CapacityResult) -> String {
        let i = r.inputs
        var files = [i.staffPath] + i.rosterPaths + [i.requirements.source]
        if let p = i.requirements.intervalsPath {
            files += [p, (p as NSString).deletingLastPathComponent + "/plan.json"]
        }
        if let s = i.scenarioPath { files.append(s) }
        let provenance: [JSONText] = files.map { path in
            let digest = fileSHA256(path)
            return .object([
                ("path", .string(path)), ("bytes", digest.map { .integer($0.bytes) } ?? .null),
                ("sha256", .text(digest?.hex)),
            ])
        }
        let o = i.options
        let solver: JSONText = .object([
            ("name", .string("COIN-OR CBC 2.10 (C interface), branch and bound")), ("threads", .integer(1)),
            ("seed", .integer(o.seed)), ("relative_gap", .number(o.relativeGap)),
            ("cuts", .bool(o.cuts)), ("heuristics", .bool(o.heuristics)),
            ("time_limit_seconds_per_group", .finite(o.timeLimit)),
        ])
        let doc: JSONText = .object([
            ("title", .string(i.title)),
            ("ccplan_version", .string(PlanningVersion.current)),
            ("generated_at", .string(ISO8601DateFormatter().string(from: i.generatedAt))),
            ("inputs", .array(provenance)),
            (
                "horizon",
                .object([
                    ("first_week", .string("\(r.weeks[0])")), ("weeks", .integer(r.weeks.count)),
                    ("requirement_scenarios", .array(i.requirements.scenarios.map { .string($0) })),
                ])
            ),
            ("model", model(i.staff)),
            ("solver", solver),
            ("scenarios", .array(r.outcomes.map(scenario))),
            ("unassigned_queues", .array(r.unassignedQueues.map { .string($0) })),
        ])
        return doc.rendered() + "\n"
    }

    static func model(_ s: StaffPlan) -> JSONText {
        func attrition(_ a: Attrition) -> JSONText {
            var fields: [(String, JSONText)] = [
                ("monthly_rate", .number(a.monthlyRate)),
                ("weekly_survival", .number(Attrition.weeklySurvival(monthlyRate: a.monthlyRate))),
            ]
            if let b = a.band {
                fields = [
                    ("monthly_rate_below", .number(a.monthlyRate)), ("monthly_rate_above", .number(b.monthlyRateAbove)),
                    ("tenure_weeks", .integer(b.tenureWeeks)),
                ]
            }
            return .object(fields)
        }
        let groups: [JSONText] = s.groups.map { g in
            var staff: (String, JSONText)
            switch g.staff {
            case .headcount(let n): staff = ("headcount", .number(n))
            case .roster(let people):
                staff = (
                    "roster",
                    .object([("people", .integer(people.count)), ("fte", .number(people.reduce(0) { $0 + $1.fte }))])
                )
            }
            return .object([
                ("name", .string(g.name)), ("queues", .array(g.queues.map { .string($0) })), staff,
                ("fte_per_head", .number(g.ftePerHead)), ("attrition", attrition(g.attrition)),
            ])
        }
        let p = s.policy
        var starts: JSONText
        switch p.classStarts {
        case .every(let weeks, let from):
            starts = .object([("every_weeks", .integer(weeks)), ("from", .string("\(monday(of: from))"))])
        case .dates(let dates): starts = .array(dates.map { .string("\(monday(of: $0))") })
        }
        let policy: JSONText = .object([
            ("training_weeks", .integer(p.trainingWeeks)), ("graduation_rate", .number(p.graduationRate)),
            ("ramp", .array(p.ramp.map { .number($0) })), ("class_starts", starts),
            ("class_size", .object([("min", .integer(p.minClassSize)), ("max", .integer(p.maxClassSize))])),
            ("lead_time_weeks", .integer(p.leadTimeWeeks)), ("overtime_cap", .number(p.overtimeCap)),
        ])
        let c = s.costs
        let costs: JSONText = .object([
            ("wage_per_hour", .number(c.wagePerHour)), ("fte_hours", .number(c.fteHours)),
            ("hire_cost", .number(c.hireCost)),
            ("overtime_premium", .number(c.overtimePremium)),
            ("shortfall_penalty_per_fte_week", .number(c.shortfallPenalty)),
        ])
        let planned: [JSONText] = s.plannedClasses.map {
            .object([
                ("group", .string($0.group)), ("start", .string("\(monday(of: $0.start))")),
                ("hires", .integer($0.hires)),
            ])
        }
        return .object([
            ("groups", .array(groups)), ("policy", policy), ("costs", costs), ("planned_classes", .array(planned)),
        ])
    }

    static func scenario(_ o: ScenarioOutcome) -> JSONText {
        let s = o.scenario
        let changes: JSONText = .object([
            ("attrition_delta", .number(s.attritionDelta)), ("volume_factor", .number(s.volumeFactor)),
            ("wage_factor", .number(s.wageFactor)), ("wage_per_hour", .finite(s.wagePerHour)),
            (
                "cancelled_classes",
                .array(
                    s.cancelledClasses.map {
                        .object([("group", .string($0.group)), ("start", .string("\(monday(of: $0.start))"))])
                    })
            ),
        ])
        let groups: [JSONText] = zip(o.plans, o.ruleOfThumb).map { plan, rule in
            let r = plan.solver
            return .object([
                ("group", .string(plan.problem.group.name)), ("status", .text(r?.status.rawValue)),
                ("objective", .finite(r?.objective)), ("bound", .finite(r?.bound)), ("gap", .finite(r?.gap)),
                ("gap_of_controllable_cost", .finite(r?.controllableGap)), ("fixed_cost", .finite(r?.fixedCost)),
                ("nodes", r.map { .integer($0.nodes) } ?? .null),
                ("variables", r.map { .integer($0.variables) } ?? .null),
                ("integer_variables", r.map { .integer($0.integerVariables) } ?? .null),
                ("constraints", r.map { .integer($0.constraints) } ?? .null),
                ("total_cost", .number(plan.totalCost)), ("rule_of_thumb_cost", .number(rule.totalCost)),
                ("decision_weeks", .integer(plan.problem.decisionWeeks.count)),
                (
                    "first_influenced_week",
                    plan.problem.decisionWeeks.isEmpty
                        ? .null : .string("\(plan.problem.weekStart(plan.problem.firstInfluencedWeek))")
                ),
            ])
        }
        let shortfalls: [JSONText] = o.shortfalls.map {
            .object([
                ("group", .string($0.group)), ("week_start", .string("\($0.weekStart)")),
                ("shortfall_fte", .number($0.shortfallFTE)), ("service_level", .finite($0.serviceLevel)),
            ])
        }
        return .object([
            ("name", .string(s.name)), ("description", .text(s.description)),
            ("requirement_scenario", .string(o.requirementScenario)), ("changes", changes),
            ("status", .string(worstStatus(o).rawValue)),
            ("total_cost", .number(o.totalCost)), ("rule_of_thumb_cost", .number(o.ruleOfThumbCost)),
            ("saving_vs_rule_of_thumb", .number(o.ruleOfThumbCost - o.totalCost)),
            ("shortfalls", .array(shortfalls)),
            ("groups", .array(groups)),
        ])
    }

    /// The least conclusive status over the groups (optimal < feasible < time limit).
    public static func worstStatus(_ o: ScenarioOutcome) -> SolveStatus {
        let order: [SolveStatus] = [.optimal, .feasible, .timeLimit, .unbounded, .infeasible]
        return o.plans.compactMap(\.solver?.status).max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
            ?? .optimal
    }
}
