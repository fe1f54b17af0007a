import CCPlanBase
import Reporting

/// The plan report's sections besides the queues: summary, scenarios, assumptions, data quality
/// and warnings. Each writes nothing when it has nothing to show.
enum PlanReportSections {
    // MARK: Summary

    static func summary(_ doc: PlanReportDocument, into h: inout HTMLBuffer) {
        guard !doc.summary.isEmpty else { return }
        ReportSection.begin(
            id: "summary", heading: "Summary",
            lead: "Forecast volume, average FTE required and expected service level per queue, channel and month.",
            into: &h)
        ReportTable.begin(
            [
                .init("Queue"), .init("Channel"), .init("Month"), .init("Volume", numeric: true),
                .init("FTE", numeric: true),
                .init("Expected SL", numeric: true),
            ], into: &h)
        var previous: (String, String)? = nil
        for row in doc.summary {
            let sameGroup = previous.map { $0 == (row.queue, row.channel) } ?? false
            ReportTable.beginRow(class: sameGroup || previous == nil ? "" : "group", into: &h)
            ReportTable.cell(sameGroup ? "" : row.queue, into: &h)
            ReportTable.cell(sameGroup ? "" : row.channel, into: &h)
            ReportTable.cell(row.month, into: &h)
            ReportTable.numberCell(row.volume, into: &h)
            ReportTable.numberCell(row.fte, decimals: 1, into: &h)
            ReportTable.cell(class: "num", into: &h) { $0.raw(ReportNumber.percent(fraction: row.serviceLevel)) }
            ReportTable.endRow(into: &h)
            previous = (row.queue, row.channel)
        }
        ReportTable.end(into: &h)
        h.raw("\n")
        ReportSection.end(into: &h)
    }

    // MARK: Scenarios

    static func scenarios(_ doc: PlanReportDocument, into h: inout HTMLBuffer) {
        guard !doc.scenarios.isEmpty else { return }
        let currency = doc.currency.isEmpty ? "" : doc.currency + " "
        let hasCost = doc.scenarios.contains { $0.cost?.isFinite == true }
        ReportSection.begin(
            id: "scenarios", heading: "Scenarios",
            lead:
                "Average FTE, agent hours\(hasCost ? ", cost" : "") and expected service level over the horizon; change in FTE relative to the base scenario.",
            into: &h)
        let bars = doc.scenarios.map { s -> BarChart.Bar in
            var valueLabel = ReportNumber.number(s.fte, decimals: 1) + " FTE"
            if !s.isBase, let d = s.deltaVsBasePercent, d.isFinite {
                valueLabel += " (" + ReportNumber.signedPercent(d) + ")"
            }
            var tip =
                s.name + ": " + ReportNumber.number(s.fte, decimals: 1) + " FTE, SL "
                + ReportNumber.percent(fraction: s.serviceLevel)
            if !s.description.isEmpty { tip += " — " + s.description }
            return BarChart.Bar(
                label: s.name, value: s.fte, valueLabel: valueLabel, colour: s.isBase ? Palette.blue : Palette.skyBlue,
                tooltip: tip)
        }
        h.raw("<figure>")
        BarChart(label: "Average FTE by scenario", axisTitle: "Average FTE over the horizon", bars: bars).render(
            into: &h)
        h.raw("\n")
        Legend.render(
            [.init(.box(Palette.blue), "Base scenario"), .init(.box(Palette.skyBlue), "Alternative scenario")], into: &h
        )
        h.raw("</figure>\n")
        var columns: [ReportTable.Column] = [
            .init("Scenario"), .init("FTE", numeric: true), .init("Δ FTE vs base", numeric: true),
            .init("Agent hours", numeric: true),
        ]
        if hasCost { columns.append(.init("Cost", numeric: true)) }
        columns.append(.init("Expected SL", numeric: true))
        ReportTable.begin(columns, into: &h)
        for s in doc.scenarios {
            ReportTable.beginRow(into: &h)
            ReportTable.cell(into: &h) { h in
                h.text(s.name)
                if s.isBase { h.raw("<span class=\"badge\">Base</span>") }
                if !s.description.isEmpty {
                    h.raw("<div class=\"lead\">")
                    h.text(s.description)
                    h.raw("</div>")
                }
            }
            ReportTable.numberCell(s.fte, decimals: 1, into: &h)
            if s.isBase {
                ReportTable.cell("—", class: "num dim", into: &h)
            } else {
                let d = s.deltaVsBasePercent
                let cls = (d ?? 0) > 0.05 ? "num delta-up" : ((d ?? 0) < -0.05 ? "num delta-down" : "num")
                ReportTable.cell(ReportNumber.signedPercent(d), class: cls, into: &h)
            }
            ReportTable.numberCell(s.hours, into: &h)
            if hasCost {
                let cost = s.cost.flatMap { $0.isFinite ? $0 : nil }
                ReportTable.cell(class: "num", into: &h) { h in
                    if let cost {
                        h.text(currency)
                        h.number(cost)
                    } else {
                        h.raw(ReportNumber.missing)
                    }
                }
            }
            ReportTable.cell(ReportNumber.percent(fraction: s.serviceLevel), class: "num", into: &h)
            ReportTable.endRow(into: &h)
        }
        ReportTable.end(into: &h)
        h.raw("\n")
        ReportSection.end(into: &h)
    }

    // MARK: Assumptions, data quality, warnings

    static func assumptions(_ doc: PlanReportDocument, into h: inout HTMLBuffer) {
        guard !doc.assumptions.isEmpty else { return }
        ReportSection.begin(id: "assumptions", heading: "Assumptions and definitions", into: &h)
        ReportTable.begin([.init("Item"), .init("Value"), .init("Definition")], into: &h)
        for a in doc.assumptions {
            ReportTable.beginRow(into: &h)
            ReportTable.cell(into: &h) { h in
                h.raw("<b>")
                h.text(a.label)
                h.raw("</b>")
            }
            ReportTable.cell(a.value, into: &h)
            ReportTable.cell(a.definition, class: "dim", into: &h)
            ReportTable.endRow(into: &h)
        }
        ReportTable.end(into: &h)
        h.raw("\n")
        ReportSection.end(into: &h)
    }

    static func dataQuality(_ doc: PlanReportDocument, into h: inout HTMLBuffer) {
        guard !doc.dataQuality.isEmpty else { return }
        ReportSection.begin(
            id: "data-quality", heading: "Data quality",
            lead:
                "Intervals in the history used for the forecast. Missing intervals are gaps in the input; zero intervals had no contacts.",
            into: &h)
        ReportTable.begin(
            [
                .init("Series"), .init("Observed", numeric: true), .init("Missing", numeric: true),
                .init("Zero", numeric: true),
                .init("First"), .init("Last"), .init("Warnings"),
            ], into: &h)
        for q in doc.dataQuality {
            let total = q.intervalsObserved + q.intervalsMissing
            ReportTable.beginRow(into: &h)
            ReportTable.cell(q.series, into: &h)
            ReportTable.numberCell(Double(q.intervalsObserved), into: &h)
            ReportTable.cell(class: "num", into: &h) { h in
                h.number(Double(q.intervalsMissing))
                if total > 0 && q.intervalsMissing > 0 {
                    h.raw(" (")
                    h.raw(ReportNumber.percent(fraction: Double(q.intervalsMissing) / Double(total)))
                    h.raw(")")
                }
            }
            ReportTable.numberCell(Double(q.intervalsZero), into: &h)
            ReportTable.cell(q.first, class: "nowrap", into: &h)
            ReportTable.cell(q.last, class: "nowrap", into: &h)
            ReportTable.cell(into: &h) { h in
                if q.warnings.isEmpty {
                    h.raw("<span class=\"ok\">None</span>")
                } else {
                    h.raw("<ul>")
                    for w in q.warnings {
                        h.raw("<li>")
                        h.text(w)
                        h.raw("</li>")
                    }
                    h.raw("</ul>")
                }
            }
            ReportTable.endRow(into: &h)
        }
        ReportTable.end(into: &h)
        h.raw("\n")
        ReportSection.end(into: &h)
    }

    static func warnings(_ doc: PlanReportDocument, into h: inout HTMLBuffer) {
        guard !doc.warnings.isEmpty else { return }
        ReportSection.begin(id: "warnings", heading: "Warnings", into: &h)
        h.raw("<ul class=\"warnings\">\n")
        for w in doc.warnings {
            h.raw("<li>")
            h.text(w)
            h.raw("</li>\n")
        }
        h.raw("</ul>\n")
        ReportSection.end(into: &h)
    }
}
