import CCPlanBase
/// Renders one queue + channel section: key statistics, history and forecast, the typical
/// week (required vs scheduled agents) and daily FTE over the horizon.
enum HTMLReportQueueSection {
    typealias Doc = PlanReportDocument
    static func e(_ text: String) -> String { HTMLReportEscaping.escape(text) }

    /// Above this many points, charts carry no per-point hover targets (keeps the file small).
    static let maxHitTargets = 1_500

    static func heading(_ s: Doc.QueueSection) -> String {
        s.channel.isEmpty ? s.queue : s.queue + " · " + s.channel
    }

    static func render(_ s: Doc.QueueSection, id: String) -> String {
        var h = "<section class=\"card queue\" id=\"\(id)\">\n<h2>\(e(heading(s)))</h2>\n"
        if !s.note.isEmpty { h += "<p class=\"lead\">\(e(s.note))</p>\n" }
        h += chips(s)
        h += "<h3>\(e(s.volumeUnit.isEmpty ? "Volume" : s.volumeUnit)): history and forecast</h3>\n"
        h += forecastChart(s)
        h += "<h3>Required vs scheduled agents: typical week</h3>\n"
        h += weekChart(s)
        h += "<h3>Daily FTE over the horizon</h3>\n"
        h += fteChart(s)
        h += "</section>\n"
        return h
    }

    // MARK: Key statistics

    static func forecastStart(_ s: Doc.QueueSection) -> Int64? {
        if let start = s.forecastStart { return start }
        return s.series.first { !isFinite($0.actual) && isFinite($0.forecast) }?.time
    }

    static func isFinite(_ v: Double?) -> Bool { v?.isFinite ?? false }

    static func isDaily(_ times: [Int64]) -> Bool {
        guard times.count >= 2 else { return false }
        var steps = zip(times.dropFirst(), times).map { $0 - $1 }
        steps.sort()
        let median = steps[steps.count / 2]
        return median >= 82_800 && median <= 90_000
    }

    static func chips(_ s: Doc.QueueSection) -> String {
        var items: [String] = []
        let start = forecastStart(s)
        let history = s.series.filter { isFinite($0.actual) && (start == nil || $0.time < start!) }
        let recent = history.suffix(28)
        var historyMean: Double? = nil
        if !recent.isEmpty {
            historyMean = recent.reduce(0) { $0 + $1.actual! } / Double(recent.count)
            let span = isDaily(recent.map(\.time)) ? "last \(recent.count) days" : "last \(recent.count) points"
            items.append("History average (\(span)): <b>\(HTMLReportFormat.auto(historyMean))</b>")
        }
        let future = s.series.filter { isFinite($0.forecast) && (start == nil || $0.time >= start!) }
        if !future.isEmpty {
            let mean = future.reduce(0) { $0 + $1.forecast! } / Double(future.count)
            var text = "Forecast average: <b>\(HTMLReportFormat.auto(mean))</b>"
            if let hm = historyMean, hm > 0 {
                text += " (\(HTMLReportFormat.signedPercent((mean / hm - 1) * 100)) vs history)"
            }
            items.append(text)
        }
        let week = s.typicalWeek.filter { $0.required.isFinite }
        if let peak = week.max(by: { $0.required < $1.required }), peak.required > 0 {
            items.append("Peak required: <b>\(HTMLReportFormat.number(peak.required, decimals: 1))</b> agents (\(e(peak.weekday)) \(e(peak.time)))")
            let scheduled = week.filter { isFinite($0.scheduled) }
            if !scheduled.isEmpty {
                let short = scheduled.filter { $0.scheduled! + 1e-9 < $0.required }.count
                items.append("Under-staffed intervals: <b>\(short)</b> of \(scheduled.count)")
            }
        }
        if let base = s.dailyFTE.first {
            let values = base.points.map(\.fte).filter(\.isFinite)
            if !values.isEmpty {
                let mean = values.reduce(0, +) / Double(values.count)
                items.append("Average FTE (\(e(base.name))): <b>\(HTMLReportFormat.number(mean, decimals: 1))</b>")
            }
        }
        guard !items.isEmpty else { return "" }
        return "<div class=\"chips\">" + items.map { "<span class=\"chip\">\($0)</span>" }.joined() + "</div>\n"
    }

    // MARK: History and forecast

    /// Tick positions every 1, 2, 7, 14, 28, 91, 182 or 364 days (or a multiple of the point
    /// spacing), aligned with `anchor`, labelled with the nearest point's label.
    static func timeTicks(times: [Int64], labels: [String], anchor: Int64?, maxTicks: Int = 10) -> [HTMLReportXTick] {
        guard let first = times.first, let last = times.last else { return [] }
        if times.count == 1 { return [HTMLReportXTick(x: Double(first), label: labels[0])] }
        let span = Double(last - first)
        let day = 86_400.0
        var candidates = [1, 2, 7, 14, 28, 91, 182, 364].map { Double($0) * day }
        if !isDaily(times) {
            let spacing = max(1, Double(last - first) / Double(times.count - 1))
            candidates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map { Double($0) * spacing }
        }
        let step = candidates.first { span / $0 + 1 <= Double(maxTicks) } ?? max(span / Double(maxTicks - 1), 1)
        let a = Double(anchor ?? first)
        var k = ((Double(first) - a) / step).rounded(.up)
        var ticks: [HTMLReportXTick] = []
        while a + k * step <= Double(last) + 1, ticks.count < 200 {
            let t = a + k * step
            // Nearest point by binary search.
            var lo = 0, hi = times.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if Double(times[mid]) < t { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 && abs(Double(times[lo - 1]) - t) < abs(Double(times[lo]) - t) { lo -= 1 }
            ticks.append(HTMLReportXTick(x: Double(times[lo]), label: labels[lo]))
            k += 1
        }
        return ticks
    }

    static func forecastChart(_ s: Doc.QueueSection) -> String {
        let start = forecastStart(s)
        let points = s.series.sorted { $0.time < $1.time }  // stable: equal times keep their order
        let inForecast: (Doc.SeriesPoint) -> Bool = { p in start.map { p.time >= $0 } ?? true }
        let actual = points.map { HTMLReportXY(x: Double($0.time), y: $0.actual ?? .nan) }
        let forecast = points.filter(inForecast).map { HTMLReportXY(x: Double($0.time), y: $0.forecast ?? .nan) }
        let band = points.filter(inForecast).map { HTMLReportBandPoint(x: Double($0.time), low: $0.low ?? .nan, high: $0.high ?? .nan) }
        let hasBand = band.contains { $0.low.isFinite && $0.high.isFinite }
        let hasActual = actual.contains { $0.y.isFinite }
        let hasForecast = forecast.contains { $0.y.isFinite }

        var spec = HTMLReportLineChartSpec(
            label: "\(heading(s)): \(s.volumeUnit), history and forecast",
            yTitle: s.volumeUnit,
            series: [
                HTMLReportLineSeries(name: "History", colour: HTMLReportPalette.history, points: actual, width: 1.6),
                HTMLReportLineSeries(name: "Forecast", colour: HTMLReportPalette.forecast, points: forecast, width: 2),
            ],
            bands: hasBand ? [HTMLReportBandSeries(name: "p10–p90", colour: HTMLReportPalette.forecast, points: band)] : [])
        let times = points.map(\.time)
        spec.xTicks = timeTicks(times: times, labels: points.map(\.label), anchor: start, maxTicks: 12)
        if let start, let firstTime = times.first, let lastTime = times.last, start > firstTime, start <= lastTime {
            let label = points.first { $0.time >= start }?.label ?? ""
            spec.marker = HTMLReportXTick(x: Double(start), label: label.isEmpty ? "Forecast starts" : "Forecast starts \(label)")
        }
        if points.count <= maxHitTargets {
            spec.hitTargets = hitTargets(times: times) { i in
                let p = points[i]
                var parts: [String] = []
                if isFinite(p.actual) { parts.append("actual " + HTMLReportFormat.auto(p.actual)) }
                if isFinite(p.forecast) && inForecast(p) { parts.append("forecast " + HTMLReportFormat.auto(p.forecast)) }
                if isFinite(p.low) && isFinite(p.high) && inForecast(p) {
                    parts.append("p10–p90 " + HTMLReportFormat.auto(p.low) + "–" + HTMLReportFormat.auto(p.high))
                }
                return parts.isEmpty ? "" : p.label + ": " + parts.joined(separator: ", ")
            }
        }
        guard let chart = HTMLReportLineChart.render(spec) else {
            return "<div class=\"empty\">No history or forecast data.</div>\n"
        }
        var legend: [String] = []
        if hasActual { legend.append(HTMLReportPage.legendItem(.line(HTMLReportPalette.history, dash: nil), "History (actual)")) }
        if hasForecast { legend.append(HTMLReportPage.legendItem(.line(HTMLReportPalette.forecast, dash: nil), "Forecast")) }
        if hasBand { legend.append(HTMLReportPage.legendItem(.band(HTMLReportPalette.forecast, opacity: 0.22), "p10–p90 prediction band")) }
        if spec.marker != nil { legend.append(HTMLReportPage.legendItem(.marker, "Forecast start")) }
        return "<figure>\(chart)\n<ul class=\"legend\">\(legend.joined())</ul></figure>\n" + forecastTable(points.filter(inForecast), unit: s.volumeUnit)
    }

    /// Above this many rows the forecast table is left out (the chart still shows everything).
    static let maxTableRows = 400

    /// The forecast horizon as a collapsible table (no JavaScript: `<details>`), for reading
    /// exact values and copying them.
    static func forecastTable(_ points: [Doc.SeriesPoint], unit: String) -> String {
        let rows = points.filter { isFinite($0.forecast) }
        guard !rows.isEmpty, rows.count <= maxTableRows else { return "" }
        let hasBand = rows.contains { isFinite($0.low) && isFinite($0.high) }
        var h = "<details class=\"data\"><summary>Forecast table (\(rows.count) rows)</summary>\n<div class=\"tablewrap\"><table>\n"
        h += "<thead><tr><th>Period</th><th class=\"num\">\(e(unit.isEmpty ? "Forecast" : unit))</th>"
        if hasBand { h += "<th class=\"num\">p10</th><th class=\"num\">p90</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for p in rows {
            h += "<tr><td>\(e(p.label))</td><td class=\"num\">\(HTMLReportFormat.auto(p.forecast))</td>"
            if hasBand { h += "<td class=\"num\">\(HTMLReportFormat.auto(p.low))</td><td class=\"num\">\(HTMLReportFormat.auto(p.high))</td>" }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table></div></details>\n"
        return h
    }

    /// Hover targets centred on each time, extending halfway to the neighbours; empty titles are skipped.
    static func hitTargets(times: [Int64], title: (Int) -> String) -> [HTMLReportHitTarget] {
        var targets: [HTMLReportHitTarget] = []
        for i in times.indices {
            let text = title(i)
            guard !text.isEmpty else { continue }
            let t = Double(times[i])
            let prev = i > 0 ? (t + Double(times[i - 1])) / 2 : t - (times.count > 1 ? (Double(times[1]) - t) / 2 : 0.5)
            let next = i + 1 < times.count ? (t + Double(times[i + 1])) / 2 : t + (i > 0 ? (t - Double(times[i - 1])) / 2 : 0.5)
            targets.append(HTMLReportHitTarget(x0: prev, x1: next, title: text))
        }
        return targets
    }

    // MARK: Typical week

    static func weekChart(_ s: Doc.QueueSection) -> String {
        let week = s.typicalWeek
        guard !week.isEmpty else { return "<div class=\"empty\">No typical-week requirement.</div>\n" }
        let required = week.enumerated().map { HTMLReportXY(x: Double($0.offset), y: $0.element.required) }
        let scheduled = week.enumerated().map { HTMLReportXY(x: Double($0.offset), y: $0.element.scheduled ?? .nan) }
        let hasScheduled = scheduled.contains { $0.y.isFinite }
        // Day groups: consecutive intervals with the same weekday label.
        var separators: [Double] = []
        var ticks: [HTMLReportXTick] = []
        var groupStart = 0
        for i in 1...week.count {
            if i == week.count || week[i].weekday != week[groupStart].weekday {
                ticks.append(HTMLReportXTick(x: Double(groupStart + i) / 2, label: week[groupStart].weekday))
                if i < week.count { separators.append(Double(i)) }
                groupStart = i
            }
        }
        var spec = HTMLReportLineChartSpec(
            label: "\(heading(s)): required vs scheduled agents in a typical week",
            yTitle: "Agents",
            series: [
                HTMLReportLineSeries(name: "Scheduled", colour: HTMLReportPalette.skyBlue, points: scheduled, width: 1.5, step: true, areaOpacity: 0.3),
                HTMLReportLineSeries(name: "Required", colour: HTMLReportPalette.vermillion, points: required, width: 2, step: true),
            ],
            xTicks: ticks, xTickMarks: false, xSeparators: separators,
            xDomain: 0...Double(week.count), height: 260)
        spec.highlights = week.indices.compactMap { i in
            guard let sch = week[i].scheduled, sch.isFinite, week[i].required.isFinite, sch + 1e-9 < week[i].required else { return nil }
            return HTMLReportHighlight(x0: Double(i), x1: Double(i + 1), y0: sch, y1: week[i].required)
        }
        if week.count <= maxHitTargets {
            spec.hitTargets = week.indices.map { i in
                let w = week[i]
                var text = "\(w.weekday) \(w.time): required \(HTMLReportFormat.number(w.required, decimals: 1))"
                if let sch = w.scheduled, sch.isFinite, w.required.isFinite {
                    text += ", scheduled \(HTMLReportFormat.number(sch, decimals: 1)) (\(sch >= w.required ? "+" : "")\(HTMLReportFormat.number(sch - w.required, decimals: 1)))"
                }
                return HTMLReportHitTarget(x0: Double(i), x1: Double(i + 1), title: text)
            }
        }
        guard let chart = HTMLReportLineChart.render(spec) else {
            return "<div class=\"empty\">No typical-week requirement.</div>\n"
        }
        var legend = [HTMLReportPage.legendItem(.line(HTMLReportPalette.vermillion, dash: nil), "Required agents")]
        if hasScheduled { legend.append(HTMLReportPage.legendItem(.area(HTMLReportPalette.skyBlue), "Scheduled agents")) }
        if !spec.highlights.isEmpty { legend.append(HTMLReportPage.legendItem(.band(HTMLReportPalette.vermillion, opacity: 0.5), "Shortfall (scheduled below required)")) }
        var caption = "Agents needed to meet the service-level target in each interval, against agents scheduled"
        if let first = week.first, let last = week.last {
            caption += "; \(e(first.weekday)) \(e(first.time)) to \(e(last.weekday)) \(e(last.time))"
        }
        caption += ". Hover an interval for its values."
        return "<figure>\(chart)\n<ul class=\"legend\">\(legend.joined())</ul><figcaption>\(caption)</figcaption></figure>\n"
    }

    // MARK: Daily FTE

    static func fteChart(_ s: Doc.QueueSection) -> String {
        guard !s.dailyFTE.isEmpty else { return "<div class=\"empty\">No daily FTE.</div>\n" }
        let dashes: [String?] = [nil, "6 4", "2 3", "8 3 2 3"]
        let series = s.dailyFTE.enumerated().map { i, f in
            HTMLReportLineSeries(name: f.name, colour: HTMLReportPalette.series(i), points: f.points.map { HTMLReportXY(x: Double($0.time), y: $0.fte) },
                             width: i == 0 ? 2.2 : 1.8, dash: dashes[i % dashes.count])
        }
        var spec = HTMLReportLineChartSpec(label: "\(heading(s)): daily FTE over the horizon", yTitle: "FTE", series: series, height: 250)
        // Ticks and hover targets from the union of all times, in order.
        var times = Set<Int64>()
        var labelOf: [Int64: String] = [:]
        for f in s.dailyFTE {
            for p in f.points {
                times.insert(p.time)
                if labelOf[p.time] == nil { labelOf[p.time] = p.label }
            }
        }
        let sortedTimes = times.sorted()
        spec.xTicks = timeTicks(times: sortedTimes, labels: sortedTimes.map { labelOf[$0] ?? "" }, anchor: sortedTimes.first, maxTicks: 12)
        if sortedTimes.count <= maxHitTargets {
            let lookups: [[Int64: Double]] = s.dailyFTE.map { f in
                var m: [Int64: Double] = [:]
                for p in f.points { m[p.time] = p.fte }
                return m
            }
            spec.hitTargets = hitTargets(times: sortedTimes) { i in
                let t = sortedTimes[i]
                let parts = s.dailyFTE.indices.compactMap { k -> String? in
                    guard let v = lookups[k][t], v.isFinite else { return nil }
                    return s.dailyFTE[k].name + " " + HTMLReportFormat.number(v, decimals: 1)
                }
                return parts.isEmpty ? "" : (labelOf[t] ?? "") + ": " + parts.joined(separator: ", ") + " FTE"
            }
        }
        guard let chart = HTMLReportLineChart.render(spec) else { return "<div class=\"empty\">No daily FTE.</div>\n" }
        let legend = s.dailyFTE.enumerated().map { i, f in
            HTMLReportPage.legendItem(.line(HTMLReportPalette.series(i), dash: dashes[i % dashes.count]), f.name)
        }
        return "<figure>\(chart)\n<ul class=\"legend\">\(legend.joined())</ul></figure>\n"
    }
}
