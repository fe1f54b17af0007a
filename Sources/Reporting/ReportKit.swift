/// The toolkit with strings in and out, for reports that do not need to build bytes (capacity,
/// monitoring): a page, cards, tables, line and bar charts with legends, and number formatting.
/// Every function is a thin layer over the toolkit the plan report uses (``ReportPage``,
/// ``ReportSection``, ``ReportTable``, ``LineChart``, ``BarChart``, ``Legend``,
/// ``ReportNumber``): one toolkit, one look. Output depends only on the arguments.
public enum ReportKit {
    /// The Okabe–Ito palette (colour-blind safe), in the order the plan report uses for series.
    public static func colour(_ index: Int) -> String { Palette.series(index) }
    public static let vermillion = Palette.vermillion
    public static let skyBlue = Palette.skyBlue
    public static let blue = Palette.blue

    /// One line of a line chart.
    public struct Line: Sendable {
        public var name: String
        public var colour: String
        public var points: [(x: Double, y: Double)]
        /// SVG dash pattern such as "6 4"; nil for solid.
        public var dash: String?
        /// Hold each value until the next point (weekly values).
        public var step: Bool

        public init(
            name: String, colour: String, points: [(x: Double, y: Double)], dash: String? = nil, step: Bool = false
        ) {
            self.name = name
            self.colour = colour
            self.points = points
            self.dash = dash
            self.step = step
        }
    }

    /// A labelled tick on the x axis.
    public typealias Tick = AxisTick
    /// A shaded rectangle in data coordinates (e.g. a week's shortfall).
    public typealias Highlight = LineChart.Highlight

    /// One bar of a horizontal bar chart.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double?
        public var valueLabel: String
        public var colour: String
        public var tooltip: String

        public init(label: String, value: Double?, valueLabel: String, colour: String, tooltip: String = "") {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
            self.colour = colour
            self.tooltip = tooltip
        }
    }

    /// A line chart with its legend (and the highlights as "Shortfall") as a `<figure>`; an
    /// "empty" note when nothing is finite.
    ///
    /// - Parameter hover: a tooltip per x range (`x0 ..< x1`), native `<title>`, no JavaScript.
    /// - Complexity: O(points).
    public static func lineChart(
        label: String, yTitle: String, lines: [Line], ticks: [Tick], highlights: [Highlight] = [],
        hover: [(x0: Double, x1: Double, text: String)] = [], includeZero: Bool = true, height: Double = 280,
        caption: String = ""
    ) -> String {
        let chart = LineChart(
            label: label, yTitle: yTitle,
            series: lines.map { l in
                .init(
                    name: l.name, colour: l.colour, points: l.points.map { ChartPoint(x: $0.x, y: $0.y) }, dash: l.dash,
                    step: l.step)
            },
            xTicks: ticks, hitTargets: hover.map { HitTarget(x0: $0.x0, x1: $0.x1, title: $0.text) },
            highlights: highlights,
            height: height, includeZero: includeZero)
        var h = HTMLBuffer()
        h.raw("<figure>")
        guard chart.render(into: &h) else { return "<div class=\"empty\">No data.</div>\n" }
        h.raw("\n")
        var legend = lines.map { Legend.Item(.line($0.colour, dash: $0.dash), $0.name) }
        if !highlights.isEmpty { legend.append(.init(.box(chart.highlightColour), "Shortfall")) }
        Legend.render(legend, into: &h)
        if !caption.isEmpty {
            h.raw("<figcaption>")
            h.text(caption)
            h.raw("</figcaption>")
        }
        h.raw("</figure>\n")
        return h.string
    }

    /// A horizontal bar chart as a `<figure>`, or an empty string without bars.
    ///
    /// - Complexity: O(bars).
    public static func barChart(label: String, axisTitle: String, bars: [Bar]) -> String {
        let chart = BarChart(
            label: label, axisTitle: axisTitle,
            bars: bars.map {
                .init(
                    label: $0.label, value: $0.value, valueLabel: $0.valueLabel, colour: $0.colour, tooltip: $0.tooltip)
            })
        var h = HTMLBuffer()
        h.raw("<figure>")
        guard chart.render(into: &h) else { return "" }
        h.raw("</figure>\n")
        return h.string
    }

    /// A table (``ReportTable``); `numeric` marks right-aligned columns. Cells are escaped. With
    /// `collapsedSummary`, the table is folded in a `<details>` with that summary.
    ///
    /// - Complexity: O(cells).
    public static func table(
        header: [String], numeric: Set<Int> = [], rows: [[String]], collapsedSummary: String? = nil
    ) -> String {
        var h = HTMLBuffer()
        if let collapsedSummary {
            h.raw("<details class=\"data\"><summary>")
            h.text(collapsedSummary)
            h.raw("</summary>\n")
        }
        ReportTable.begin(header.enumerated().map { ReportTable.Column($1, numeric: numeric.contains($0)) }, into: &h)
        for row in rows {
            ReportTable.beginRow(into: &h)
            for (i, cell) in row.enumerated() {
                ReportTable.cell(cell, class: numeric.contains(i) ? "num" : "", into: &h)
            }
            ReportTable.endRow(into: &h)
        }
        ReportTable.end(into: &h)
        h.raw("\n")
        if collapsedSummary != nil { h.raw("</details>\n") }
        return h.string
    }

    /// A card section (``ReportSection``) with a heading and a lead sentence around `body` (HTML).
    public static func section(id: String, title: String, lead: String = "", body: String) -> String {
        var h = HTMLBuffer()
        ReportSection.begin(id: id, heading: title, lead: lead, into: &h)
        h.raw(body)
        ReportSection.end(into: &h)
        return h.string
    }

    /// The whole page (``ReportPage``): header with key figures (label, value, detail), an
    /// optional callout (text), a table of contents of the sections, the sections and the footer.
    ///
    /// - Complexity: O(size of the sections).
    public static func page(
        title: String, subtitle: String, version: String, generatedAt: String,
        keyFigures: [(label: String, value: String, detail: String)], callout: String?,
        sections: [(id: String, title: String, html: String)]
    ) -> String {
        let page = ReportPage(
            title: title, subtitle: subtitle, generator: "ccplan", version: version, generatedAt: generatedAt,
            keyFigures: keyFigures.map { .init(label: $0.label, value: $0.value, detail: $0.detail) },
            calloutHTML: callout.map(escape) ?? "", contents: sections.map { .init(id: $0.id, title: $0.title) })
        return page.render(capacity: sections.reduce(1 << 16) { $0 + $1.html.utf8.count }) { h in
            for s in sections { h.raw(s.html) }
        }.string
    }

    /// HTML-escaped text (``HTMLEscaping``).
    public static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
    /// A number with thousands separators; "–" when absent or not finite (``ReportNumber``).
    public static func number(_ value: Double?, decimals: Int = 0) -> String {
        ReportNumber.number(value, decimals: decimals)
    }
    /// A fraction as a percentage; "–" when absent.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        ReportNumber.percent(fraction: fraction, decimals: decimals)
    }
}
