import CCPlanBase
import ContactHistory
import Foundation
import Queueing
import Reporting

/// Maps a finished plan onto the report's view-model (``PlanReportDocument``).
enum ReportBuilder {
    static func document(_ result: PlanResult, inputs: PlanInputs) -> PlanReportDocument {
        let base = result.scenarios.first { $0.name == "base" }
        let baseMonthly = result.monthly.filter { $0.scenario == "base" }
        let firstInterval = result.forecasts.compactMap { $0.intervals.first?.localDate }.min()
        let lastInterval = result.forecasts.compactMap { $0.intervals.last?.localDate }.max()
        let historyFirst = result.forecasts.compactMap(\.trainingFirstDate).min()
        let historyLast = result.forecasts.compactMap(\.trainingLastDate).max()
        var subtitle = ""
        if let historyFirst, let historyLast { subtitle += "History \(historyFirst) – \(historyLast) · " }
        if let firstInterval, let lastInterval {
            let weeks = Double(lastInterval.dayNumber - firstInterval.dayNumber + 1) / 7
            subtitle +=
                "Horizon \(fixed(weeks, weeks == weeks.rounded() ? 0 : 1)) weeks, \(firstInterval) – \(lastInterval)"
        }

        // Key figures: FTE of the first month, expected SL over the horizon.
        let firstMonth = baseMonthly.map(\.period).min()
        let fteFirstMonth = baseMonthly.filter { $0.period == firstMonth }.reduce(0) { $0 + $1.fte }
        var slVolume = 0.0, slSum = 0.0
        for t in baseMonthly { if let e = t.expectedServiceLevel { slSum += e * t.volume; slVolume += t.volume } }
        let assumptions = base?.queues.first?.assumptions ?? inputs.assumptions
        let target =
            assumptions.targetServiceLevel.map {
                "Target \(ReportNumber.percent(fraction: $0, decimals: 0)) within \(DurationText.format(assumptions.answerWithin))"
            } ?? ""
        let channels = Dictionary(grouping: result.forecasts, by: \.channel).map {
            "\($0.value.count) \($0.key.rawValue)"
        }.sorted()
        let keyFigures = [
            PlanReportDocument.KeyFigure(
                label: "FTE first month", value: fixed(fteFirstMonth, 1), detail: "\(firstMonth ?? "–"), all queues"),
            PlanReportDocument.KeyFigure(
                label: "Expected service level",
                value: ReportNumber.percent(fraction: slVolume > 0 ? slSum / slVolume : nil),
                detail: target),
            PlanReportDocument.KeyFigure(
                label: "Horizon",
                value: "\(((lastInterval?.dayNumber ?? 0) - (firstInterval?.dayNumber ?? 0) + 1)) days",
                detail: "\(firstInterval?.description ?? "") – \(lastInterval?.description ?? "")"),
            PlanReportDocument.KeyFigure(
                label: "Queues", value: "\(result.forecasts.count)", detail: channels.joined(separator: ", ")),
        ]
        let summary = baseMonthly.map {
            PlanReportDocument.SummaryRow(
                queue: $0.queue, channel: $0.channel.rawValue, month: $0.period, volume: $0.volume,
                fte: $0.fte, serviceLevel: $0.expectedServiceLevel)
        }

        var warnings: [String] = []
        var sections: [PlanReportDocument.QueueSection] = []
        // Daily totals by queue and scenario, once (a filter per queue and scenario was O(scenarios²)).
        let dailyByQueue = Dictionary(grouping: result.daily) { "\($0.queue)\u{1F}\($0.channel.rawValue)" }.mapValues(
            PlanJSON.byScenario)
        for forecast in result.forecasts {
            let plans = result.scenarios.compactMap { s in
                s.queues.first { $0.queue == forecast.queue && $0.channel == forecast.channel }
            }
            let history = result.history.first { $0.queue == forecast.queue && $0.channel == forecast.channel }
            sections.append(
                section(
                    forecast, plans: plans, history: history,
                    daily: dailyByQueue["\(forecast.queue)\u{1F}\(forecast.channel.rawValue)"] ?? [:]))
            if let basePlan = plans.first {
                let busy = basePlan.intervals.filter { ($0.staffing.occupancy ?? 0) > 0.9 }.count
                if busy > 0 {
                    warnings.append(
                        "\(forecast.queue) · \(forecast.channel.rawValue): \(busy) intervals above 90% occupancy — agents burn out; consider max_occupancy."
                    )
                }
                let highAbandon = basePlan.intervals.filter { ($0.staffing.abandonRate ?? 0) > 0.1 }.count
                if highAbandon > 0 {
                    warnings.append(
                        "\(forecast.queue) · \(forecast.channel.rawValue): \(highAbandon) intervals with abandonment above 10%; consider max_abandon."
                    )
                }
            }
            if let w = forecast.backtestWAPE, w > 0.25 {
                warnings.append(
                    "\(forecast.queue) · \(forecast.channel.rawValue): the forecast's backtest error is high (WAPE \(fixed(w * 100, 1))%); treat the range, not the point, as the plan."
                )
            }
        }

        let baseTotal = result.scenarioMonths.first { $0.scenario == "base" && $0.month == "total" }
        let descriptions = Dictionary(result.scenarios.map { ($0.name, $0.description ?? "") }) { first, _ in first }
        let scenarios =
            inputs.scenarioFile == nil
            ? []
            : result.scenarioMonths.filter { $0.month == "total" }.map { row in
                PlanReportDocument.Scenario(
                    name: row.scenario, description: descriptions[row.scenario] ?? "",
                    fte: row.fte, hours: row.scheduledHours, cost: row.cost, serviceLevel: row.expectedServiceLevel,
                    deltaVsBasePercent: baseTotal.flatMap { $0.fte > 0 ? (row.fte - $0.fte) / $0.fte * 100 : nil },
                    isBase: row.scenario == "base")
            }

        let quality = result.quality.map { q in
            PlanReportDocument.DataQualityEntry(
                series: "\(q.queue) · \(q.channel.rawValue)", intervalsObserved: q.observedIntervals,
                intervalsMissing: q.missingIntervals,
                intervalsZero: q.zeroIntervals, first: q.firstInterval, last: q.lastInterval,
                warnings: q.longestGaps.prefix(3).map {
                    "gap of \($0.intervals) intervals from \($0.from) to \($0.until)"
                }
                    + q.unusualDays.prefix(3).map {
                        "unusual day \($0.date): \(Int($0.offered)) contacts vs weekday median \(Int($0.weekdayMedian))"
                    })
        }

        return PlanReportDocument(
            title: inputs.title, subtitle: subtitle, ccplanVersion: PlanningVersion.current,
            generatedAt: ISO8601DateFormatter().string(from: inputs.generatedAt), keyFigures: keyFigures,
            summary: summary,
            sections: sections, scenarios: scenarios, currency: "", assumptions: assumptionRows(assumptions),
            dataQuality: quality, warnings: warnings)
    }

    /// One queue: daily history + forecast with its band, a typical week, daily FTE per scenario.
    static func section(
        _ forecast: QueueForecast, plans: [QueuePlan], history: IntervalSeries?, daily: [String: [PeriodTotals]]
    ) -> PlanReportDocument.QueueSection {
        var points: [PlanReportDocument.SeriesPoint] = []
        // The last 8 weeks of history, as daily totals.
        if let history {
            var totals: [Int: Double] = [:]
            let slots = history.localSlots()
            for i in history.indices where history.states[i] == .observed {
                totals[slots[i].date.dayNumber, default: 0] += history.offered[i]
            }
            let lastDay = totals.keys.max() ?? 0
            for day in totals.keys.sorted() where day > lastDay - 56 {
                points.append(
                    .init(time: Int64(day) * 86_400, label: CivilDate(dayNumber: day).description, actual: totals[day]))
            }
        }
        var byDay: [Int: (v: Double, lo: Double, hi: Double)] = [:]
        for i in forecast.intervals {
            var e = byDay[i.localDate.dayNumber] ?? (0, 0, 0)
            e.v += i.volume
            e.lo += i.quantiles.first ?? i.volume
            e.hi += i.quantiles.last ?? i.volume
            byDay[i.localDate.dayNumber] = e
        }
        let forecastStart = byDay.keys.min().map { Int64($0) * 86_400 }
        for day in byDay.keys.sorted() {
            let e = byDay[day]!
            points.append(
                .init(
                    time: Int64(day) * 86_400, label: CivilDate(dayNumber: day).description, forecast: e.v, low: e.lo,
                    high: e.hi))
        }
        // A typical week: the first full Monday-to-Sunday week of the base plan (opening hours only).
        var week: [PlanReportDocument.WeekInterval] = []
        if let basePlan = plans.first,
            let monday = basePlan.intervals.first(where: { $0.localDate.isoWeekday == 1 })?.localDate
        {
            for i in basePlan.intervals
            where i.localDate >= monday && i.localDate < monday.adding(days: 7) && i.staffing.volume > 0 {
                let local = i.start + Int64(i.utcOffset)
                let minute = Int((local % 86_400 + 86_400) % 86_400) / 60
                week.append(
                    .init(
                        weekday: CivilDate.weekdayNames[i.localDate.isoWeekday],
                        time: "\(zeroPadded(minute / 60, 2)):\(zeroPadded(minute % 60, 2))",
                        required: Double(i.staffing.agents), scheduled: Double(i.staffing.scheduledAgents)))
            }
        }
        let fte = plans.map { plan in
            PlanReportDocument.FTESeries(
                name: plan.scenario == "base" ? "Base" : plan.scenario,
                points: (daily[plan.scenario] ?? []).map {
                    .init(time: Int64($0.firstDate.dayNumber) * 86_400, label: $0.period, fte: $0.fte)
                })
        }
        let assumptions = plans.first?.assumptions
        let model: String
        switch forecast.channel {
        case .email: model = "deferred work"
        case .chat: model = assumptions?.patience == nil ? "Erlang C over chat slots" : "Erlang A over chat slots"
        case .voice: model = assumptions?.patience == nil ? "Erlang C" : "Erlang A"
        }
        var note = "Forecast model: \(forecast.model)"
        if let w = forecast.backtestWAPE { note += " (backtest WAPE \(fixed(w * 100, 1))%)" }
        note +=
            "; \(model) staffing at \(forecast.intervalMinutes)-minute intervals; band = sum of interval \(forecast.quantileLevels.map(quantileName).joined(separator: "–"))."
        return PlanReportDocument.QueueSection(
            queue: forecast.queue, channel: forecast.channel.rawValue.capitalized, note: note, series: points,
            forecastStart: forecastStart, typicalWeek: week, dailyFTE: fte)
    }

    static func assumptionRows(_ a: PlanAssumptions) -> [PlanReportDocument.Assumption] {
        var rows: [PlanReportDocument.Assumption] = []
        let definition: String
        switch a.serviceLevelDefinition {
        case .offered: definition = "answered within the threshold ÷ all offered; abandons count as misses"
        case .answered: definition = "answered within the threshold ÷ answered contacts"
        case .virtual: definition = "probability that a contact with unlimited patience waits at most the threshold"
        }
        if let sl = a.targetServiceLevel {
            rows.append(
                .init(
                    label: "Service level target",
                    value:
                        "\(ReportNumber.percent(fraction: sl, decimals: 0)) within \(DurationText.format(a.answerWithin))",
                    definition: definition))
        }
        if let asa = a.targetASA {
            rows.append(
                .init(
                    label: "Maximum ASA", value: DurationText.format(asa), definition: "mean wait of answered contacts")
            )
        }
        if let ab = a.maxAbandon {
            rows.append(
                .init(
                    label: "Maximum abandonment", value: ReportNumber.percent(fraction: ab),
                    definition: "abandoned ÷ offered (Erlang A)"))
        }
        if let occ = a.maxOccupancy {
            rows.append(
                .init(
                    label: "Occupancy cap", value: ReportNumber.percent(fraction: occ, decimals: 0),
                    definition: "share of logged-in time spent handling contacts"))
        }
        rows.append(
            .init(
                label: "Patience", value: a.patience.map { fixed($0, 0) + " s" } ?? "not modelled (Erlang C)",
                definition:
                    "mean time a caller waits before hanging up; when not given, estimated per queue from the history's abandons and waits (abandoned ÷ total wait)"
            ))
        rows.append(
            .init(
                label: "Shrinkage", value: ReportNumber.percent(fraction: a.shrinkage, decimals: 0),
                definition: "paid time not available for contacts; scheduled = ⌈agents ÷ (1 − shrinkage)⌉"))
        rows.append(
            .init(
                label: "Staffed to", value: a.staffTo.rawValue,
                definition: "point forecast, upper quantile, or expected service level over the forecast range"))
        rows.append(
            .init(
                label: "FTE", value: "\(JSONText.format(a.fteHoursPerWeek)) hours per week",
                definition: "weekly FTE = scheduled hours ÷ FTE hours; months pro rata"))
        if a.chatConcurrency != 1 {
            rows.append(
                .init(
                    label: "Chat concurrency", value: JSONText.format(a.chatConcurrency),
                    definition: "conversations per agent at once"))
        }
        if let c = a.costPerHour { rows.append(.init(label: "Cost per scheduled hour", value: fixed(c, 2))) }
        return rows
    }

}
