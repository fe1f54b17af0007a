import CCPlanBase
import Foundation
import Planning
import Reporting

/// `report.html` of a schedule run, built with the report toolkit's public face (``ReportKit``)
/// only: per group and week the coverage against the requirement through the week, the shift
/// starts, paid against required hours (schedule efficiency), the uncovered intervals, the
/// service level delivered, and with `--objective service-level` both schedules side by side.
public enum ScheduleReport {
    /// - Complexity: O(groups × weeks × intervals).
    public static func render(_ r: ScheduleResult) -> String {
        let chosen = r.groupWeeks.map(\.chosen)
        let paid = chosen.reduce(0) { $0 + $1.paidHours }, required = chosen.reduce(0) { $0 + $1.requiredHours }
        let uncovered = chosen.reduce(0) { $0 + $1.uncoveredIntervals.count }
        let volume = chosen.reduce(0.0) { $0 + $1.coverage.reduce(0) { $0 + $1.volume } }
        let answered = chosen.reduce(0.0) { $0 + $1.coverage.reduce(0) { $0 + $1.answered } }
        let worstGap = chosen.compactMap(\.solver.gap).max()
        var figures: [(label: String, value: String, detail: String)] = [
            (
                "Paid hours", ReportKit.number(paid, decimals: 1),
                "\(r.groupWeeks.count) group-week\(r.groupWeeks.count == 1 ? "" : "s"), \(r.inputs.objective.rawValue) objective"
            ),
            (
                "Schedule efficiency", ReportKit.percent(paid > 0 ? required / paid : nil),
                "\(ReportKit.number(required, decimals: 1)) required agent-hours on the floor"
            ),
            (
                r.inputs.objective == .coverage ? "Uncovered intervals" : "Intervals below requirement", "\(uncovered)",
                "agents on the floor below the requirement"
            ),
            (
                "Weekly service level", ReportKit.percent(volume > 0 ? answered / volume : nil),
                "every interval re-evaluated with its agents on the floor"
            ),
            ("Solver", worstStatus(chosen), "largest gap " + ReportKit.percent(worstGap, decimals: 2)),
        ]
        if r.inputs.objective == .serviceLevel {
            let saved = r.groupWeeks.reduce(0.0) {
                $0 + $1.coverage.paidHours - ($1.serviceLevel?.paidHours ?? $1.coverage.paidHours)
            }
            figures.insert(
                ("Paid hours saved", ReportKit.number(saved, decimals: 1), "against the full-coverage schedule"), at: 1)
        }
        let callout =
            r.fallsShort
            ? "Not every schedule does what was asked (uncovered intervals, a missed service-level target, or the time limit before the gap): ccplan schedule exits with status 5."
            : nil
        var sections: [(id: String, title: String, html: String)] = []
        for (n, gw) in r.groupWeeks.enumerated() {
            let id = "s\(n + 1)", title = "\(gw.coverage.demand.group.name), week of \(gw.coverage.demand.monday)"
            sections.append((id, title, section(gw, r: r, id: id, title: title)))
        }
        sections.append(("model", "Model and inputs", modelSection(r)))
        let first = r.inputs.weeks.first.map { "\($0)" } ?? ""
        return ReportKit.page(
            title: r.inputs.title,
            subtitle:
                "Shifts, breaks\(r.inputs.rules.contracts.isEmpty ? "" : " and weekly tours") from the week of \(first), optimised with COIN-OR CBC",
            version: PlanningVersion.current, generatedAt: ISO8601DateFormatter().string(from: r.inputs.generatedAt),
            keyFigures: figures, callout: callout, sections: sections)
    }

    static func worstStatus(_ schedules: [WeekSchedule]) -> String {
        let order = ["optimal", "feasible", "time_limit"]
        return schedules.map(\.solver.status.rawValue).max {
            (order.firstIndex(of: $0) ?? 3) < (order.firstIndex(of: $1) ?? 3)
        } ?? "optimal"
    }

    /// Hours since Monday 00:00 of interval `i`, and day ticks.
    static func hours(_ s: WeekSchedule, _ i: Int) -> Double {
        Double(s.demand.intervals[i].start - s.demand.start) / 3600
    }
    static func dayTicks(_ s: WeekSchedule) -> [ReportKit.Tick] {
        (0..<7).map {
            ReportKit.Tick(
                x: Double(24 * $0), label: "\(CivilDate.weekdayNames[$0 + 1]) \(s.demand.monday.adding(days: $0))")
        }
    }

    static func section(_ gw: GroupWeek, r: ScheduleResult, id: String, title: String) -> String {
        let s = gw.chosen, step = Double(s.demand.intervalMinutes) / 60
        func series(_ value: (Int) -> Double) -> [(x: Double, y: Double)] {
            s.coverage.indices.map { (hours(s, $0), value($0)) } + [
                (hours(s, s.coverage.count - 1) + step, value(s.coverage.count - 1))
            ]
        }
        var lines = [
            ReportKit.Line(
                name: "Required on the floor", colour: ReportKit.colour(6),
                points: series { Double(s.coverage[$0].required) }, step: true),
            ReportKit.Line(
                name: "On the floor (\(s.objective.rawValue) schedule)", colour: ReportKit.colour(0),
                points: series { s.coverage[$0].onFloor }, step: true),
        ]
        if let sl = gw.serviceLevel {
            lines.append(
                ReportKit.Line(
                    name: "On the floor (coverage schedule)", colour: ReportKit.colour(2),
                    points: series { gw.coverage.coverage[$0].onFloor }, dash: "6 4", step: true))
            _ = sl
        }
        let highlights = s.uncoveredIntervals.map { i in
            ReportKit.Highlight(
                x0: hours(s, i), x1: hours(s, i) + step, y0: s.coverage[i].onFloor, y1: Double(s.coverage[i].required))
        }
        var clock = ZoneClock(s.demand.timeZone)
        let hover = s.coverage.indices.map { i in
            let c = s.coverage[i]
            return (
                x0: hours(s, i), x1: hours(s, i) + step,
                text:
                    "\(ScheduleFiles.local(s.demand.intervals[i].start, &clock)): required \(c.required), on the floor \(ReportKit.number(c.onFloor, decimals: 2))"
                    + (c.serviceLevel.map { ", SL " + ReportKit.percent($0) } ?? "")
            )
        }
        var h = ReportKit.lineChart(
            label: "\(title): agents on the floor and requirement", yTitle: "Agents", lines: lines,
            ticks: dayTicks(s), highlights: highlights, hover: hover)
        h += comparison(gw, r: r)
        h += "<h3>Shift starts</h3>\n" + startsChart(s, r: r, title: title)
        let levels = s.coverage.indices.compactMap { i in
            s.coverage[i].serviceLevel.map { (x: hours(s, i), y: 100 * $0) }
        }
        if !levels.isEmpty {
            h += "<h3>Service level delivered</h3>\n"
            h += ReportKit.lineChart(
                label: "\(title): service level per interval", yTitle: "SL %",
                lines: [
                    ReportKit.Line(
                        name: "Service level of the \(s.objective.rawValue) schedule", colour: ReportKit.colour(0),
                        points: levels)
                ],
                ticks: dayTicks(s), height: 200,
                caption:
                    "Each interval re-evaluated by the plan's queueing model with the agents the schedule puts on the floor (less the other shrinkage), shared among the queues like the plan's agents. Weekly, volume-weighted: \(ReportKit.percent(s.weeklyServiceLevel, decimals: 2))."
            )
        }
        h +=
            s.objective == .coverage
            ? "<h3>Uncovered intervals</h3>\n"
            : "<h3>Intervals below their requirement</h3>\n<p>The service-level objective lets intervals fall below the requirement as long as the week meets its target.</p>\n"
        let uncovered = s.uncoveredIntervals.map { i -> [String] in
            let c = s.coverage[i]
            return [
                ScheduleFiles.local(s.demand.intervals[i].start, &clock), "\(c.required)",
                ReportKit.number(c.onFloor, decimals: 2),
                ReportKit.number(c.under, decimals: 2), c.serviceLevel.map { ReportKit.percent($0) } ?? "–",
            ]
        }
        h +=
            uncovered.isEmpty
            ? "<div class=\"empty\">None: every interval has its required agents on the floor.</div>\n"
            : ReportKit.table(
                header: ["Interval", "Required", "On the floor", "Short", "SL"], numeric: [1, 2, 3, 4], rows: uncovered,
                collapsedSummary: uncovered.count > 12 ? "\(uncovered.count) intervals" : nil)
        if !s.tours.isEmpty {
            var number: [Int: Int] = [:]
            let rows = s.tours.map { t -> [String] in
                number[t.contract, default: 0] += 1
                let shifts = t.days.enumerated().compactMap { d, c in
                    c.map { ScheduleFiles.describe(s, $0, day: d, rules: r.inputs.rules) }
                }
                return [
                    "\(r.inputs.rules.contracts[t.contract].name) \(number[t.contract]!)",
                    shifts.joined(separator: "; "), "\(t.agents)",
                ]
            }
            h +=
                "<h3>Weekly tours</h3>\n"
                + ReportKit.table(
                    header: ["Tour", "Shifts", "Agents"], numeric: [2], rows: rows,
                    collapsedSummary: "\(s.agents) agents on \(s.tours.count) distinct tours")
        }
        let lead =
            "Queues \(s.demand.group.queues.joined(separator: ", ")); \(ReportKit.number(s.paidHours, decimals: 1)) paid hours for \(ReportKit.number(s.requiredHours, decimals: 1)) required agent-hours on the floor: efficiency \(ReportKit.percent(s.efficiency))."
        return ReportKit.section(id: id, title: title, lead: lead, body: h)
    }

    /// Paid vs required hours, coverage and service level of the schedule(s) and the solver.
    static func comparison(_ gw: GroupWeek, r: ScheduleResult) -> String {
        let schedules = [gw.coverage] + (gw.serviceLevel.map { [$0] } ?? [])
        let rows = schedules.map { s -> [String] in
            [
                s.objective == .coverage
                    ? "Cover every interval" : "Weekly service level \(ReportKit.percent(s.target, decimals: 2))",
                ReportKit.number(s.paidHours, decimals: 1), ReportKit.number(s.requiredHours, decimals: 1),
                ReportKit.percent(s.efficiency),
                "\(s.uncoveredIntervals.count)", ReportKit.percent(s.weeklyServiceLevel, decimals: 2),
                "\(s.solver.status.rawValue), gap \(ReportKit.percent(s.solver.gap, decimals: 2))",
            ]
        }
        var h = ReportKit.table(
            header: [
                "Schedule", "Paid hours", "Required hours", "Efficiency", "Uncovered intervals", "Weekly SL", "Solver",
            ],
            numeric: [1, 2, 3, 4, 5], rows: rows)
        if let sl = gw.serviceLevel {
            h +=
                "<p>The service-level schedule pays \(ReportKit.number(gw.coverage.paidHours - sl.paidHours, decimals: 1)) hours less than covering every interval and delivers \(ReportKit.percent(sl.weeklyServiceLevel, decimals: 2)) over the week (the coverage schedule \(ReportKit.percent(gw.coverage.weeklyServiceLevel, decimals: 2))).</p>\n"
        }
        return h
    }

    /// Agents starting per day, shift type and start time.
    static func startsChart(_ s: WeekSchedule, r: ScheduleResult, title: String) -> String {
        let bars = s.shifts.map { h, n -> ReportKit.Bar in
            let c = s.grid.candidates[h], type = r.inputs.rules.shiftTypes[c.type]
            let label = "\(CivilDate.weekdayNames[c.day + 1]) \(ShiftFile.clock(c.startMinute)) \(type.name)"
            return ReportKit.Bar(
                label: label, value: Double(n), valueLabel: "\(n)", colour: ReportKit.colour(c.type % 7),
                tooltip:
                    "\(n) agents start \(type.name) at \(ShiftFile.clock(c.startMinute)) on \(s.demand.monday.adding(days: c.day))"
            )
        }
        return bars.isEmpty
            ? "<div class=\"empty\">No shift.</div>\n"
            : ReportKit.barChart(label: "\(title): agents per shift start", axisTitle: "Agents", bars: bars)
    }

    static func modelSection(_ r: ScheduleResult) -> String {
        let rules = r.inputs.rules
        var rows: [[String]] = rules.shiftTypes.map { t in
            let breaks = t.breaks.map {
                "\($0.name) \($0.length) min \($0.paid ? "paid" : "unpaid") starting \(ShiftFile.clock($0.earliestOffset))–\(ShiftFile.clock($0.latestOffset)) in"
            }
            let days = (1...7).filter { t.days.contains($0) }.map { CivilDate.weekdayNames[$0] }.joined(separator: " ")
            return [
                "Shift type \(t.name)",
                "\(ShiftFile.clock(t.length)) long (\(ShiftFile.clock(t.paidMinutes)) paid), starts \(ShiftFile.clock(t.earliestStart))–\(ShiftFile.clock(t.latestStart)) every \(t.startStep) min on \(days)\(t.overnight ? ", may run past midnight" : ""); cost \(ReportKit.number(t.costPerHour, decimals: 2)) per paid hour"
                    + (t.maxAgentsPerDay.map { "; at most \($0) a day" } ?? "")
                    + (breaks.isEmpty ? "" : "; " + breaks.joined(separator: "; ")),
            ]
        }
        rows += rules.contracts.map { c in
            [
                "Contract \(c.name)",
                "\(c.minDays == c.maxDays ? "\(c.minDays)" : "\(c.minDays)–\(c.maxDays)") days a week\(c.consecutiveDaysOff ? ", days off together" : "") on \(c.shiftTypes.joined(separator: ", "))"
                    + (c.maxStartVariation.map { "; starts within \(ShiftFile.clock($0)) of each other" } ?? "")
                    + (c.partTime ? "; part-time" : ""),
            ]
        }
        let p = rules.penalties
        rows += [
            [
                "Other shrinkage",
                "\(ReportKit.percent(rules.otherShrinkage)): required on the floor = ⌈plan agents ÷ (1 − \(ReportKit.percent(rules.otherShrinkage)))⌉",
            ],
            [
                "Penalties",
                "uncovered \(ReportKit.number(p.uncovered(rules), decimals: 2)) per agent-interval; over-coverage \(ReportKit.number(p.over, decimals: 3)) (up to \(ReportKit.number(p.spikeAbove, decimals: 1)) agents), \(ReportKit.number(p.spike, decimals: 3)) beyond; service-level shortfall \(ReportKit.number(p.serviceLevelShortfall(rules), decimals: 2)) per contact",
            ],
            ["Plan", "\(r.inputs.plan.directory), scenario \(r.inputs.plan.scenario)"],
            [
                "Solver",
                "COIN-OR CBC, one thread, seed \(r.inputs.options.seed), relative gap \(ReportKit.percent(r.inputs.options.relativeGap, decimals: 2)), time limit \(ReportKit.number(r.inputs.options.timeLimit, decimals: 0)) s per solve",
            ],
        ]
        if let share = rules.partTimeShare { rows.append(["Part-time share", "at most \(ReportKit.percent(share))"]) }
        if !r.unassignedQueues.isEmpty {
            rows.append(["Queues in no group", r.unassignedQueues.joined(separator: ", ")])
        }
        return ReportKit.section(
            id: "model", title: "Model and inputs",
            lead:
                "The model is documented in docs/schedule.md exactly as implemented; schedule.json holds every input with its SHA-256.",
            body: ReportKit.table(header: ["Input", "Value"], rows: rows))
    }
}
