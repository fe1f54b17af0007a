import CCPlanBase
import ContactHistory
import Foundation
import Optimization
import Planning
import Reporting

/// `report.html` of a capacity run, built with the Reporting toolkit (``ReportKit``): supply
/// against requirement per group over the weeks, the service level the supply delivers, the
/// hiring plan, the weeks still short, the scenario comparison and the model's inputs.
public enum CapacityReport {
    /// - Complexity: O(scenarios × groups × weeks).
    public static func render(_ r: CapacityResult) -> String {
        let base = r.outcomes[0]
        let saving = base.ruleOfThumbCost - base.totalCost
        let hires = base.plans.reduce(0) { $0 + $1.classes.values.reduce(0, +) }
        let gap = base.plans.compactMap { $0.solver?.gap }.max()
        let keyFigures: [(label: String, value: String, detail: String)] = [
            ("Total cost", ReportKit.number(base.totalCost), "base scenario, \(r.weeks.count) weeks"),
            (
                "Saving vs rule of thumb", ReportKit.number(saving),
                ReportKit.percent(base.ruleOfThumbCost > 0 ? saving / base.ruleOfThumbCost : nil)
                    + " of \(ReportKit.number(base.ruleOfThumbCost))"
            ),
            ("New hires", "\(hires)", "\(base.plans.reduce(0) { $0 + $1.classes.count }) classes"),
            ("Weeks short", "\(Set(base.shortfalls.map(\.week)).count)", "that the policy can still influence"),
            ("Solver", CapacityJSON.worstStatus(base).rawValue, "largest gap " + ReportKit.percent(gap, decimals: 2)),
        ]
        let callout =
            base.shortfalls.isEmpty
            ? nil
            : "The best plan still leaves \(base.shortfalls.count) group-weeks short of the requirement (see Shortfalls)."
        var sections: [(id: String, title: String, html: String)] = []
        for (g, plan) in base.plans.enumerated() {
            let id = "g\(g + 1)", title = "Group \(plan.problem.group.name)"
            sections.append((id, title, groupSection(plan, levels: base.serviceLevels[g], id: id, title: title)))
        }
        if !base.shortfalls.isEmpty { sections.append(("shortfalls", "Shortfalls", shortfallSection(base))) }
        if r.outcomes.count > 1 { sections.append(("scenarios", "Scenarios", scenarioSection(r))) }
        sections.append(("model", "Model and inputs", modelSection(r)))
        return ReportKit.page(
            title: r.inputs.title,
            subtitle: "Hiring plan from \(r.weeks[0]) over \(r.weeks.count) weeks, optimised with COIN-OR CBC",
            version: PlanningVersion.current, generatedAt: ISO8601DateFormatter().string(from: r.inputs.generatedAt),
            keyFigures: keyFigures, callout: callout, sections: sections)
    }

    static func ticks(_ p: GroupProblem) -> [ReportKit.Tick] {
        let step = max(1, p.weeks / 10)
        return stride(from: 0, to: p.weeks, by: step).map { ReportKit.Tick(x: Double($0), label: "\(p.weekStart($0))") }
    }

    static func groupSection(_ plan: GroupPlan, levels: [Double?], id: String, title: String) -> String {
        let p = plan.problem, weeks = plan.weeks
        func series(_ value: (WeekOutcome) -> Double) -> [(x: Double, y: Double)] {
            weeks.map { (Double($0.week), value($0)) } + [(Double(weeks.count), value(weeks[weeks.count - 1]))]
        }
        let lines = [
            ReportKit.Line(
                name: "Required FTE", colour: ReportKit.colour(6), points: series(\.requiredFTE), step: true),
            ReportKit.Line(
                name: "Productive FTE", colour: ReportKit.colour(0), points: series(\.productiveFTE), step: true),
            ReportKit.Line(
                name: "Productive + overtime", colour: ReportKit.colour(2),
                points: series { $0.productiveFTE + $0.overtimeFTE }, dash: "6 4", step: true),
            ReportKit.Line(
                name: "Headcount", colour: ReportKit.colour(4), points: series(\.headcount), dash: "2 3", step: true),
        ]
        let highlights = weeks.filter { $0.shortfallFTE > 0.005 }.map {
            ReportKit.Highlight(
                x0: Double($0.week), x1: Double($0.week + 1), y0: $0.productiveFTE + $0.overtimeFTE, y1: $0.requiredFTE)
        }
        let hover = weeks.map { w in
            (
                x0: Double(w.week), x1: Double(w.week + 1),
                text:
                    "Week of \(p.weekStart(w.week)): required \(ReportKit.number(w.requiredFTE, decimals: 1)), productive \(ReportKit.number(w.productiveFTE, decimals: 1)), overtime \(ReportKit.number(w.overtimeFTE, decimals: 1)), short \(ReportKit.number(w.shortfallFTE, decimals: 1)) FTE"
                    + (levels[w.week].map { ", SL " + ReportKit.percent($0) } ?? "")
            )
        }
        var h = ReportKit.lineChart(
            label: "\(title): supply and requirement per week", yTitle: "FTE", lines: lines,
            ticks: ticks(p), highlights: highlights, hover: hover)
        if levels.contains(where: { $0 != nil }) {
            let sl = ReportKit.Line(
                name: "Service level the supply delivers", colour: ReportKit.colour(0),
                points: levels.enumerated().compactMap { w, v in v.map { (Double(w), 100 * $0) } })
            h += "<h3>Service level the supply delivers</h3>\n"
            h += ReportKit.lineChart(
                label: "\(title): service level per week", yTitle: "SL %", lines: [sl], ticks: ticks(p), height: 200,
                caption:
                    "Every interval of the plan re-evaluated with the agents the week's productive FTE and overtime put on the floor (spread like the requirement); volume-weighted."
            )
        }
        let classes = p.allClasses(plan.classes)
        let rows = classes.keys.sorted().filter { classes[$0]! > 0 }.map { t -> [String] in
            [
                "\(p.weekStart(t))", "\(classes[t]!)", p.planned[t] != nil ? "planned" : "optimised",
                "\(p.weekStart(t + p.policy.trainingWeeks))",
                "\(p.weekStart(t + p.policy.trainingWeeks + p.policy.ramp.count))",
            ]
        }
        h += "<h3>Hiring plan</h3>\n"
        h +=
            rows.isEmpty
            ? "<div class=\"empty\">No class.</div>\n"
            : ReportKit.table(
                header: ["Class starts", "Hires", "Source", "Graduates", "Fully productive"], numeric: [1], rows: rows)
        let table = weeks.map { w in
            [
                "\(p.weekStart(w.week))", ReportKit.number(w.requiredFTE, decimals: 1),
                ReportKit.number(w.headcount, decimals: 1),
                ReportKit.number(w.productiveFTE, decimals: 1), ReportKit.number(w.inTraining, decimals: 1),
                "\(w.hiresStarting)",
                ReportKit.number(w.overtimeFTE, decimals: 1), ReportKit.number(w.shortfallFTE, decimals: 1),
                levels[w.week].map { ReportKit.percent($0) } ?? "–", ReportKit.number(w.cost),
            ]
        }
        h += ReportKit.table(
            header: [
                "Week", "Required", "Headcount", "Productive", "Training", "Hires", "Overtime", "Short", "SL", "Cost",
            ],
            numeric: Set(1...9), rows: table, collapsedSummary: "Weekly figures (\(weeks.count) weeks)")
        let lead =
            "Queues \(p.group.queues.joined(separator: ", ")); cost \(ReportKit.number(plan.totalCost)) against \(ReportKit.number(HiringOptimizer.ruleOfThumb(p).totalCost)) for the rule of thumb."
        return ReportKit.section(id: id, title: title, lead: lead, body: h)
    }

    static func shortfallSection(_ o: ScenarioOutcome) -> String {
        let rows = o.shortfalls.map { s in
            [
                s.group, "\(s.weekStart)", ReportKit.number(s.shortfallFTE, decimals: 2),
                s.serviceLevel.map { ReportKit.percent($0) } ?? "–",
            ]
        }
        return ReportKit.section(
            id: "shortfalls", title: "Shortfalls",
            lead:
                "Weeks in which even the best plan misses the requirement, among the weeks the policy can still influence (a class starting at the first allowed week after the lead time has finished training). ccplan capacity exits with status 3.",
            body: ReportKit.table(
                header: ["Group", "Week", "Short (FTE)", "SL delivered"], numeric: [2, 3], rows: rows))
    }

    static func scenarioSection(_ r: CapacityResult) -> String {
        let base = r.outcomes[0].totalCost
        let rows = r.outcomes.map { o -> [String] in
            let hires = o.plans.reduce(0) { $0 + $1.classes.values.reduce(0, +) }
            let short = o.plans.reduce(0.0) { $0 + $1.weeks.reduce(0) { $0 + $1.shortfallFTE } }
            return [
                o.scenario.name, o.scenario.description ?? "", ReportKit.number(o.totalCost),
                ReportKit.number(o.totalCost - base),
                "\(hires)", ReportKit.number(short, decimals: 1), ReportKit.number(o.ruleOfThumbCost),
                ReportKit.number(o.ruleOfThumbCost - o.totalCost), CapacityJSON.worstStatus(o).rawValue,
            ]
        }
        let bars = r.outcomes.enumerated().map { i, o in
            ReportKit.Bar(
                label: o.scenario.name, value: o.totalCost, valueLabel: ReportKit.number(o.totalCost),
                colour: i == 0 ? ReportKit.blue : ReportKit.skyBlue)
        }
        let body =
            ReportKit.barChart(label: "Total cost per scenario", axisTitle: "Cost", bars: bars)
            + ReportKit.table(
                header: [
                    "Scenario", "Description", "Cost", "Δ vs base", "New hires", "Short (FTE-weeks)", "Rule of thumb",
                    "Saving", "Solver",
                ],
                numeric: [2, 3, 4, 5, 6, 7], rows: rows)
        return ReportKit.section(
            id: "scenarios", title: "Scenarios", lead: "Each scenario solved to its own optimal hiring plan.",
            body: body)
    }

    static func modelSection(_ r: CapacityResult) -> String {
        let s = r.inputs.staff, p = s.policy, c = s.costs
        var rows: [[String]] = s.groups.map { g in
            let staff: String
            switch g.staff {
            case .headcount(let n): staff = "\(ReportKit.number(n, decimals: 1)) heads"
            case .roster(let people): staff = "roster of \(people.count)"
            }
            let a = g.attrition
            let attrition =
                a.band.map {
                    "\(ReportKit.percent(a.monthlyRate)) a month below \($0.tenureWeeks) weeks, \(ReportKit.percent($0.monthlyRateAbove)) above"
                }
                ?? "\(ReportKit.percent(a.monthlyRate)) a month (weekly survival \(ReportKit.number(Attrition.weeklySurvival(monthlyRate: a.monthlyRate), decimals: 5)))"
            return [
                "Group \(g.name)",
                "\(staff) at \(ReportKit.number(g.ftePerHead, decimals: 2)) FTE; attrition \(attrition)",
            ]
        }
        rows += [
            [
                "Training",
                "\(p.trainingWeeks) weeks, graduation \(ReportKit.percent(p.graduationRate)), ramp \(p.ramp.map { ReportKit.percent($0, decimals: 0) }.joined(separator: ", "))",
            ],
            ["Classes", "\(p.minClassSize)–\(p.maxClassSize) hires, lead time \(p.leadTimeWeeks) weeks"],
            [
                "Overtime",
                "up to \(ReportKit.percent(p.overtimeCap)) of productive FTE at +\(ReportKit.percent(c.overtimePremium))",
            ],
            [
                "Costs",
                "wage \(ReportKit.number(c.wagePerHour, decimals: 2)) per hour × \(ReportKit.number(c.fteHours, decimals: 1)) hours per FTE-week; hire \(ReportKit.number(c.hireCost)); shortfall \(ReportKit.number(c.shortfallPenalty)) per FTE-week",
            ],
            ["Requirement", r.inputs.requirements.source],
            [
                "Solver",
                "COIN-OR CBC, one thread, seed \(r.inputs.options.seed), relative gap \(ReportKit.percent(r.inputs.options.relativeGap, decimals: 2))",
            ],
        ]
        if !r.unassignedQueues.isEmpty {
            rows.append(["Queues in no group", r.unassignedQueues.joined(separator: ", ")])
        }
        return ReportKit.section(
            id: "model", title: "Model and inputs",
            lead:
                "The model is documented in docs/capacity.md exactly as implemented; capacity.json holds every input with its SHA-256.",
            body: ReportKit.table(header: ["Input", "Value"], rows: rows))
    }
}
