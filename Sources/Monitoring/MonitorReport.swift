import CCPlanBase
import ContactHistory
import Foundation
import Planning
import Reporting

/// `report.html` of `ccplan monitor`: the performance review a client sends to its contact
/// centre, self-contained like the plan's report (inline SVG, no scripts), in the same look.
public enum MonitorReport {
    /// - Complexity: O(intervals).
    public static func render(_ result: MonitorResult, provenance p: MonitorProvenance, planTitle: String) -> String {
        let e = ReportKit.escape
        var sections: [(id: String, title: String, html: String)] = []
        let months = result.queues.flatMap(\.monthly)
        let breaches = result.breaches

        // Key figures over everything reviewed.
        var total = PeriodReviewTotals()
        for m in months { total.add(m) }
        let keyFigures: [(label: String, value: String, detail: String)] = [
            (
                "Service level", ReportKit.percent(total.actualServiceLevel),
                "planned \(ReportKit.percent(total.plannedServiceLevel))"
            ),
            (
                "Volume vs forecast", signedPercent(total.bias.map { -$0 / (1 + $0) }),
                "\(ReportKit.number(total.actual)) contacts"
            ),
            (
                "Tolerance breaches", "\(breaches.count)",
                breaches.isEmpty ? "every period within tolerance" : "see the tolerance table"
            ),
        ]

        // Tolerances: every month and week with its status.
        var rows: [[String]] = []
        for q in result.queues {
            for r in q.monthly + q.weekly where r.hasContacts {
                rows.append([
                    q.queue, q.channel.rawValue, r.label, ReportKit.number(r.actualVolume),
                    signedPercent(r.bias), ReportKit.percent(r.actualServiceLevel),
                    ReportKit.percent(r.targetServiceLevel),
                    ReportKit.percent(r.abandonRate), ReportKit.percent(r.intervalWAPE),
                    r.breaches.isEmpty ? "ok" : "breach: " + r.breaches.map(\.key).joined(separator: ", "),
                ])
            }
        }
        sections.append(
            (
                "tolerances", "Tolerances",
                ReportKit.section(
                    id: "tolerances", title: "Tolerances",
                    lead: p.tolerances.isEmpty
                        ? "No tolerances were given (--tolerances): every period reads ok."
                        : "Each month and ISO week against the agreed tolerances (\(p.tolerancesPath ?? "")).",
                    body: ReportKit.table(
                        header: [
                            "Queue", "Channel", "Period", "Contacts", "Forecast bias", "SL", "Target",
                            "Abandoned", "Interval WAPE", "Status",
                        ],
                        numeric: [3, 4, 5, 6, 7, 8], rows: rows))
            ))

        for (index, q) in result.queues.enumerated() {
            sections.append(
                ("q\(index + 1)", "\(q.queue) · \(q.channel.rawValue)", queueSection(q, id: "q\(index + 1)")))
        }

        if !result.unmatched.isEmpty {
            sections.append(
                (
                    "unmatched", "Actuals outside the plan",
                    ReportKit.section(
                        id: "unmatched", title: "Actuals outside the plan",
                        lead: "These actuals have no place in the plan and were not reviewed.",
                        body: ReportKit.table(
                            header: ["Queue", "Channel", "Intervals", "Why"], numeric: [2],
                            rows: result.unmatched.map {
                                [$0.queue, $0.channel.rawValue, "\($0.intervals)", $0.reason]
                            }))
                ))
        }
        sections.append(
            (
                "definitions", "How the gap is explained",
                ReportKit.section(
                    id: "definitions", title: "How the gap is explained",
                    lead: "actual SL − planned SL = forecast + delivery + other, exactly.",
                    body: """
                        <p><b>Forecast</b>: the service level the planned agents would have given at the actual volume and \
                        handle time, minus the planned service level. <b>Delivery</b>: the service level of the agents the \
                        centre actually staffed, minus that of the planned agents, both at the actual workload. <b>Other</b>: \
                        the actual service level minus the modelled service level of the staffed agents (the model, routing, \
                        intraday handle-time swings). Service levels are weighted by contacts: the plan's by its forecast, \
                        the others by the actual volume. Model: \(e(p.scenario)) scenario of \(e(planTitle)).</p>

                        """)
            ))
        let callout =
            breaches.isEmpty
            ? nil
            : "\(breaches.count) tolerance \(breaches.count == 1 ? "breach" : "breaches"): see the tolerance table."
        return ReportKit.page(
            title: "Performance against plan", subtitle: planTitle, version: p.version, generatedAt: p.generatedAt,
            keyFigures: keyFigures, callout: callout, sections: sections)
    }

    /// One queue: forecast vs actual by day, the attribution by week, the worst week's agents and
    /// the intervals that missed most.
    static func queueSection(_ q: QueueReview, id: String) -> String {
        var body = ""
        let days = q.daily
        let x = days.indices.map(Double.init)
        let ticks = stride(from: 0, to: days.count, by: max(1, days.count / 8)).map {
            ReportKit.Tick(x: Double($0), label: days[$0].label)
        }
        body += "<h3>Forecast and actual contacts by day</h3>\n"
        body += ReportKit.lineChart(
            label: "Forecast and actual contacts by day", yTitle: "Contacts",
            lines: [
                ReportKit.Line(
                    name: "Forecast", colour: ReportKit.blue,
                    points: zip(x, days.map(\.forecastVolume)).map { ($0, $1) }),
                ReportKit.Line(
                    name: "Actual", colour: ReportKit.vermillion,
                    points: zip(x, days.map(\.actualVolume)).map { ($0, $1) }),
            ],
            ticks: ticks)

        let weeks = q.weekly.filter(\.hasContacts)
        if weeks.contains(where: { $0.gapForecast != nil }) {
            let wx = weeks.indices.map(Double.init)
            let wticks = weeks.indices.map { ReportKit.Tick(x: Double($0), label: weeks[$0].label) }
            func line(_ name: String, _ colour: String, _ value: (PeriodReview) -> Double?, dash: String? = nil)
                -> ReportKit.Line
            {
                ReportKit.Line(
                    name: name, colour: colour,
                    points: zip(wx, weeks.map { (value($0) ?? .nan) * 100 }).map { ($0, $1) },
                    dash: dash)
            }
            body += "<h3>The service-level gap by week, explained</h3>\n"
            body += ReportKit.lineChart(
                label: "Service-level gap by week and its parts", yTitle: "SL points",
                lines: [
                    line("Gap (actual − planned)", ReportKit.colour(2), { $0.serviceLevelGap }),
                    line("Forecast", ReportKit.blue, { $0.gapForecast }, dash: "6 4"),
                    line("Delivery", ReportKit.vermillion, { $0.gapDelivery }, dash: "6 4"),
                    line("Other", ReportKit.skyBlue, { $0.gapOther }, dash: "2 3"),
                ],
                ticks: wticks)
            body += ReportKit.table(
                header: ["Week", "Planned SL", "Actual SL", "Gap", "Forecast", "Delivery", "Other"],
                numeric: [1, 2, 3, 4, 5, 6],
                rows: weeks.map { w in
                    let parts = MonitorFiles.attribution(w)
                    return [w.label, ReportKit.percent(w.plannedServiceLevel), ReportKit.percent(w.actualServiceLevel)]
                        + parts.map { points($0) }
                })
        }

        // The worst week by actual SL (or by staffing shortfall when no SL is known).
        let worst = weeks.min { a, b in
            (a.actualServiceLevel ?? a.modelledServiceLevel ?? 1)
                < (b.actualServiceLevel ?? b.modelledServiceLevel ?? 1)
        }
        if let worst {
            let intervals = q.intervals.filter { RollUpPeriod.week.key($0.localDate).label == worst.label }
            let ix = intervals.indices.map(Double.init)
            var dayTicks: [ReportKit.Tick] = []
            for (i, r) in intervals.enumerated() where i == 0 || intervals[i - 1].localDate != r.localDate {
                dayTicks.append(
                    ReportKit.Tick(
                        x: Double(i),
                        label: CivilDate.weekdayNames[r.localDate.isoWeekday] + " " + r.localDate.description.suffix(5))
                )
            }
            var lines = [
                ReportKit.Line(
                    name: "Required at actual workload", colour: ReportKit.colour(2),
                    points: zip(ix, intervals.map { Double($0.requiredAgents ?? 0) }).map { ($0, $1) }, step: true),
                ReportKit.Line(
                    name: "Planned", colour: ReportKit.blue,
                    points: zip(ix, intervals.map { Double($0.plannedAgents) }).map { ($0, $1) }, step: true),
            ]
            if intervals.contains(where: { $0.staffedAgents != nil }) {
                lines.append(
                    ReportKit.Line(
                        name: "Staffed", colour: ReportKit.vermillion,
                        points: zip(ix, intervals.map { $0.staffedAgents ?? .nan }).map { ($0, $1) }, step: true))
            }
            body += "<h3>Agents through the worst week (\(ReportKit.escape(worst.label)))</h3>\n"
            body += ReportKit.lineChart(
                label: "Required, planned and staffed agents", yTitle: "Agents", lines: lines, ticks: dayTicks)
        }

        // The intervals that missed most: SL points below target × contacts.
        let missed = q.intervals.compactMap { r -> (IntervalReview, Double)? in
            guard let t = r.targetServiceLevel, let a = r.actualServiceLevel, a < t else { return nil }
            return (r, (t - a) * r.actualVolume)
        }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.start < $1.0.start) }.prefix(10)
        if !missed.isEmpty {
            body += "<h3>The intervals that missed most</h3>\n"
            body += ReportKit.table(
                header: [
                    "Interval", "Forecast", "Actual", "Planned agents", "Required", "Staffed", "Target", "Actual SL",
                    "Modelled SL",
                ],
                numeric: [1, 2, 3, 4, 5, 6, 7, 8],
                rows: missed.map { (r, _) in
                    [
                        iso8601(r.start, offset: r.utcOffset), ReportKit.number(r.forecastVolume, decimals: 1),
                        ReportKit.number(r.actualVolume),
                        "\(r.plannedAgents)", r.requiredAgents.map(String.init) ?? "–",
                        ReportKit.number(r.staffedAgents, decimals: 1),
                        ReportKit.percent(r.targetServiceLevel), ReportKit.percent(r.actualServiceLevel),
                        ReportKit.percent(r.modelledServiceLevel),
                    ]
                })
        }
        let patience =
            q.patience.map {
                " Callers' patience from the contact records: \(ReportKit.number($0.seconds)) s (± \(ReportKit.number($0.standardError)) s)."
            } ?? ""
        return ReportKit.section(
            id: id, title: "\(q.queue) · \(q.channel.rawValue)",
            lead: "\(q.intervals.count) intervals reviewed.\(patience)", body: body)
    }

    static func signedPercent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return (x > 0 ? "+" : "") + ReportKit.percent(x)
    }

    static func points(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return (x > 0 ? "+" : x < 0 ? "−" : "") + fixed(abs(x) * 100, 1) + " pp"
    }
}

/// Totals over several periods, for the key figures.
struct PeriodReviewTotals {
    var forecast = 0.0, actual = 0.0
    var actualWeighted = 0.0, actualWeight = 0.0
    var plannedWeighted = 0.0, plannedWeight = 0.0

    mutating func add(_ r: PeriodReview) {
        forecast += r.forecastVolume
        actual += r.actualVolume
        if let sl = r.actualServiceLevel { actualWeighted += sl * r.actualVolume; actualWeight += r.actualVolume }
        if let sl = r.plannedServiceLevel {
            plannedWeighted += sl * r.forecastVolume; plannedWeight += r.forecastVolume
        }
    }

    var bias: Double? { actual > 0 ? (forecast - actual) / actual : nil }
    var actualServiceLevel: Double? { actualWeight > 0 ? actualWeighted / actualWeight : nil }
    var plannedServiceLevel: Double? { plannedWeight > 0 ? plannedWeighted / plannedWeight : nil }
}

extension PeriodReview {
    /// Whether the period had contacts, forecast or actual (empty periods stay out of the report).
    var hasContacts: Bool { forecastVolume > 0 || actualVolume > 0 }
}
