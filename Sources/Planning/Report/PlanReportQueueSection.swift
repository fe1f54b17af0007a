import CCPlanBase
import Reporting

/// Renders one queue + channel section: key statistics, history and forecast, the typical
/// week (required vs scheduled agents) and daily FTE over the horizon.
enum PlanReportQueueSection {
    typealias Doc = PlanReportDocument

    /// Above this many points, charts carry no per-point hover targets (keeps the file small).
    static let maxHitTargets = 1_500
    /// Above this many rows the forecast table is left out (the chart still shows everything).
    static let maxTableRows = 400

    static func heading(_ s: Doc.QueueSection) -> String {
        s.channel.isEmpty ? s.queue : s.queue + " · " + s.channel
    }

    static func render(_ s: Doc.QueueSection, id: String, into h: inout HTMLBuffer) {
        ReportSection.begin(id: id, heading: heading(s), lead: s.note, extraClass: "queue", into: &h)
        chips(s, into: &h)
        h.raw("<h3>")
        h.text(s.volumeUnit.isEmpty ? "Volume" : s.volumeUnit)
        h.raw(": history and forecast</h3>\n")
        forecastChart(s, into: &h)
        h.raw("<h3>Required vs scheduled agents: typical week</h3>\n")
        weekChart(s, into: &h)
        h.raw("<h3>Daily FTE over the horizon</h3>\n")
        fteChart(s, into: &h)
        ReportSection.end(into: &h)
    }

    /// Opens a `<figure>` with the chart and a line break (the caller adds the legend and closes
    /// it), or writes the `empty` placeholder and returns `false` when the chart has nothing to draw.
    static func figure(_ chart: LineChart, empty: StaticString, into h: inout HTMLBuffer) -> Bool {
        let mark = h.bytes.count
        h.raw("<figure>")
        guard chart.render(into: &h) else {
            h.bytes.removeSubrange(mark...)
            h.raw("<div class=\"empty\">")
            h.raw(empty)
            h.raw("</div>\n")
            return false
        }
        h.raw("\n")
        return true
    }

    // MARK: Key statistics

    static func forecastStart(_ s: Doc.QueueSection) -> Int64? {
        if let start = s.forecastStart { return start }
        return s.series.first { !isFinite($0.actual) && isFinite($0.forecast) }?.time
    }

    static func isFinite(_ v: Double?) -> Bool { v?.isFinite ?? false }

    /// The chips under the heading: recent history and forecast averages, the typical week's
    /// peak and shortfalls, the base's average FTE (each as HTML).
    static func chips(_ s: Doc.QueueSection, into h: inout HTMLBuffer) {
        var items: [String] = []
        let start = forecastStart(s)
        let history = s.series.filter { isFinite($0.actual) && (start == nil || $0.time < start!) }
        let recent = history.suffix(28)
        var historyMean: Double? = nil
        if !recent.isEmpty {
            historyMean = recent.reduce(0) { $0 + $1.actual! } / Double(recent.count)
            let span =
                TimeAxis.isDaily(recent.map(\.time)) ? "last \(recent.count) days" : "last \(recent.count) points"
            items.append("History average (\(span)): <b>\(ReportNumber.auto(historyMean))</b>")
        }
        let future = s.series.filter { isFinite($0.forecast) && (start == nil || $0.time >= start!) }
        if !future.isEmpty {
            let mean = future.reduce(0) { $0 + $1.forecast! } / Double(future.count)
            var text = "Forecast average: <b>\(ReportNumber.auto(mean))</b>"
            if let hm = historyMean, hm > 0 {
                text += " (\(ReportNumber.signedPercent((mean / hm - 1) * 100)) vs history)"
            }
            items.append(text)
        }
        let week = s.typicalWeek.filter { $0.required.isFinite }
        if let peak = week.max(by: { $0.required < $1.required }), peak.required > 0 {
            items.append(
                "Peak required: <b>\(ReportNumber.number(peak.required, decimals: 1))</b> agents (\(HTMLEscaping.escape(peak.weekday)) \(HTMLEscaping.escape(peak.time)))"
            )
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
                items.append(
                    "Average FTE (\(HTMLEscaping.escape(base.name))): <b>\(ReportNumber.number(mean, decimals: 1))</b>")
            }
        }
        guard !items.isEmpty else { return }
        h.raw("<div class=\"chips\">")
        for item in items {
            h.raw("<span class=\"chip\">")
            h.raw(item)
            h.raw("</span>")
        }
        h.raw("</div>\n")
    }

    // MARK: History and forecast

    static func forecastChart(_ s: Doc.QueueSection, into h: inout HTMLBuffer) {
        let start = forecastStart(s)
        let points = s.series.sorted { $0.time < $1.time }  // stable: equal times keep their order
        let inForecast: (Doc.SeriesPoint) -> Bool = { p in start.map { p.time >= $0 } ?? true }
        let actual = points.map { ChartPoint(x: Double($0.time), y: $0.actual ?? .nan) }
        let forecast = points.filter(inForecast).map { ChartPoint(x: Double($0.time), y: $0.forecast ?? .nan) }
        let band = points.filter(inForecast).map {
            BandPoint(x: Double($0.time), low: $0.low ?? .nan, high: $0.high ?? .nan)
        }
        let hasBand = band.contains { $0.low.isFinite && $0.high.isFinite }
        let hasActual = actual.contains { $0.y.isFinite }
        let hasForecast = forecast.contains { $0.y.isFinite }

        var chart = LineChart(
            label: "\(heading(s)): \(s.volumeUnit), history and forecast",
            yTitle: s.volumeUnit,
            series: [
                .init(name: "History", colour: Palette.history, points: actual, width: 1.6),
                .init(name: "Forecast", colour: Palette.forecast, points: forecast, width: 2),
            ],
            bands: hasBand ? [.init(name: "p10–p90", colour: Palette.forecast, points: band)] : [])
        let times = points.map(\.time)
        chart.xTicks = TimeAxis.ticks(times: times, labels: points.map(\.label), anchor: start, maxTicks: 12)
        if let start, let firstTime = times.first, let lastTime = times.last, start > firstTime, start <= lastTime {
            let label = points.first { $0.time >= start }?.label ?? ""
            chart.marker = AxisTick(
                x: Double(start), label: label.isEmpty ? "Forecast starts" : "Forecast starts \(label)")
        }
        if points.count <= maxHitTargets {
            chart.hitTargets = TimeAxis.hitTargets(times: times) { i in
                let p = points[i]
                var parts: [String] = []
                if isFinite(p.actual) { parts.append("actual " + ReportNumber.auto(p.actual)) }
                if isFinite(p.forecast) && inForecast(p) { parts.append("forecast " + ReportNumber.auto(p.forecast)) }
                if isFinite(p.low) && isFinite(p.high) && inForecast(p) {
                    parts.append("p10–p90 " + ReportNumber.auto(p.low) + "–" + ReportNumber.auto(p.high))
                }
                return parts.isEmpty ? "" : p.label + ": " + parts.joined(separator: ", ")
            }
        }
        guard figure(chart, empty: "No history or forecast data.", into: &h) else { return }
        var legend: [Legend.Item] = []
        if hasActual { legend.append(.init(.line(Palette.history, dash: nil), "History (actual)")) }
        if hasForecast { legend.append(.init(.line(Palette.forecast, dash: nil), "Forecast")) }
        if hasBand { legend.append(.init(.band(Palette.forecast, opacity: 0.22), "p10–p90 prediction band")) }
        if chart.marker != nil { legend.append(.init(.marker, "Forecast start")) }
        Legend.render(legend, into: &h)
        h.raw("</figure>\n")
        forecastTable(points.filter(inForecast), unit: s.volumeUnit, into: &h)
    }

    /// The forecast horizon as a collapsible table (no JavaScript: `<details>`), for reading
    /// exact values and copying them.
    static func forecastTable(_ points: [Doc.SeriesPoint], unit: String, into h: inout HTMLBuffer) {
        let rows = points.filter { isFinite($0.forecast) }
        guard !rows.isEmpty, rows.count <= maxTableRows else { return }
        let hasBand = rows.contains { isFinite($0.low) && isFinite($0.high) }
        h.raw("<details class=\"data\"><summary>Forecast table (")
        h.integer(rows.count)
        h.raw(" rows)</summary>\n")
        var columns: [ReportTable.Column] = [.init("Period"), .init(unit.isEmpty ? "Forecast" : unit, numeric: true)]
        if hasBand { columns += [.init("p10", numeric: true), .init("p90", numeric: true)] }
        ReportTable.begin(columns, into: &h)
        for p in rows {
            ReportTable.beginRow(into: &h)
            ReportTable.cell(p.label, into: &h)
            ReportTable.cell(class: "num", into: &h) { ReportNumber.appendAuto(p.forecast, to: &$0.bytes) }
            if hasBand {
                ReportTable.cell(class: "num", into: &h) { ReportNumber.appendAuto(p.low, to: &$0.bytes) }
                ReportTable.cell(class: "num", into: &h) { ReportNumber.appendAuto(p.high, to: &$0.bytes) }
            }
            ReportTable.endRow(into: &h)
        }
        ReportTable.end(into: &h)
        h.raw("</details>\n")
    }

    // MARK: Typical week

    static func weekChart(_ s: Doc.QueueSection, into h: inout HTMLBuffer) {
        let week = s.typicalWeek
        guard !week.isEmpty else {
            h.raw("<div class=\"empty\">No typical-week requirement.</div>\n")
            return
        }
        let required = week.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element.required) }
        let scheduled = week.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element.scheduled ?? .nan) }
        let hasScheduled = scheduled.contains { $0.y.isFinite }
        // Day groups: consecutive intervals with the same weekday label.
        var separators: [Double] = []
        var ticks: [AxisTick] = []
        var groupStart = 0
        for i in 1...week.count {
            if i == week.count || week[i].weekday != week[groupStart].weekday {
                ticks.append(AxisTick(x: Double(groupStart + i) / 2, label: week[groupStart].weekday))
                if i < week.count { separators.append(Double(i)) }
                groupStart = i
            }
        }
        var chart = LineChart(
            label: "\(heading(s)): required vs scheduled agents in a typical week",
            yTitle: "Agents",
            series: [
                .init(
                    name: "Scheduled", colour: Palette.skyBlue, points: scheduled, width: 1.5, step: true,
                    areaOpacity: 0.3),
                .init(name: "Required", colour: Palette.vermillion, points: required, width: 2, step: true),
            ],
            xTicks: ticks, xTickMarks: false, xSeparators: separators,
            xDomain: 0...Double(week.count), height: 260)
        chart.highlights = week.indices.compactMap { i in
            guard let sch = week[i].scheduled, sch.isFinite, week[i].required.isFinite, sch + 1e-9 < week[i].required
            else { return nil }
            return LineChart.Highlight(x0: Double(i), x1: Double(i + 1), y0: sch, y1: week[i].required)
        }
        if week.count <= maxHitTargets {
            var text: [UInt8] = []
            chart.hitTargets = week.indices.map { i in
                let w = week[i]
                text.removeAll(keepingCapacity: true)
                text.append(contentsOf: w.weekday.utf8)
                text.append(UInt8(ascii: " "))
                text.append(contentsOf: w.time.utf8)
                text.append(contentsOf: ": required ".utf8)
                ReportNumber.append(w.required, decimals: 1, to: &text)
                if let sch = w.scheduled, sch.isFinite, w.required.isFinite {
                    text.append(contentsOf: ", scheduled ".utf8)
                    ReportNumber.append(sch, decimals: 1, to: &text)
                    text.append(contentsOf: sch >= w.required ? " (+".utf8 : " (".utf8)
                    ReportNumber.append(sch - w.required, decimals: 1, to: &text)
                    text.append(UInt8(ascii: ")"))
                }
                return HitTarget(x0: Double(i), x1: Double(i + 1), title: String(decoding: text, as: UTF8.self))
            }
        }
        guard figure(chart, empty: "No typical-week requirement.", into: &h) else { return }
        var legend: [Legend.Item] = [.init(.line(Palette.vermillion, dash: nil), "Required agents")]
        if hasScheduled { legend.append(.init(.area(Palette.skyBlue), "Scheduled agents")) }
        if !chart.highlights.isEmpty {
            legend.append(.init(.band(Palette.vermillion, opacity: 0.5), "Shortfall (scheduled below required)"))
        }
        Legend.render(legend, into: &h)
        h.raw("<figcaption>Agents needed to meet the service-level target in each interval, against agents scheduled")
        if let first = week.first, let last = week.last {
            h.raw("; ")
            h.text(first.weekday)
            h.raw(" ")
            h.text(first.time)
            h.raw(" to ")
            h.text(last.weekday)
            h.raw(" ")
            h.text(last.time)
        }
        h.raw(". Hover an interval for its values.</figcaption></figure>\n")
    }

    // MARK: Daily FTE

    static func fteChart(_ s: Doc.QueueSection, into h: inout HTMLBuffer) {
        guard !s.dailyFTE.isEmpty else {
            h.raw("<div class=\"empty\">No daily FTE.</div>\n")
            return
        }
        let dashes: [String?] = [nil, "6 4", "2 3", "8 3 2 3"]
        let series = s.dailyFTE.enumerated().map { i, f in
            LineChart.Series(
                name: f.name, colour: Palette.series(i),
                points: f.points.map { ChartPoint(x: Double($0.time), y: $0.fte) },
                width: i == 0 ? 2.2 : 1.8, dash: dashes[i % dashes.count])
        }
        var chart = LineChart(
            label: "\(heading(s)): daily FTE over the horizon", yTitle: "FTE", series: series, height: 250)
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
        chart.xTicks = TimeAxis.ticks(
            times: sortedTimes, labels: sortedTimes.map { labelOf[$0] ?? "" }, anchor: sortedTimes.first, maxTicks: 12)
        if sortedTimes.count <= maxHitTargets {
            let lookups: [[Int64: Double]] = s.dailyFTE.map { f in
                var m: [Int64: Double] = [:]
                for p in f.points { m[p.time] = p.fte }
                return m
            }
            chart.hitTargets = TimeAxis.hitTargets(times: sortedTimes) { i in
                let t = sortedTimes[i]
                let parts = s.dailyFTE.indices.compactMap { k -> String? in
                    guard let v = lookups[k][t], v.isFinite else { return nil }
                    return s.dailyFTE[k].name + " " + ReportNumber.number(v, decimals: 1)
                }
                return parts.isEmpty ? "" : (labelOf[t] ?? "") + ": " + parts.joined(separator: ", ") + " FTE"
            }
        }
        guard figure(chart, empty: "No daily FTE.", into: &h) else { return }
        Legend.render(
            s.dailyFTE.enumerated().map { i, f in
                .init(.line(Palette.series(i), dash: dashes[i % dashes.count]), f.name)
            }, into: &h)
        h.raw("</figure>\n")
    }
}
