/// The report toolkit's public face, for the reports of other modules (capacity, scheduling):
/// a self-contained page in the plan report's style, cards, tables, line and bar charts as
/// inline SVG, legends and number formatting. Everything here delegates to the toolkit the plan
/// report uses (`HTMLReportLineChart`, `HTMLReportBarChart`, `HTMLReportStyle`, …): one
/// toolkit, one look. Output depends only on the arguments (byte-identical for the same input).
public enum ReportKit {
    /// The Okabe–Ito palette (colour-blind safe), in the order the plan report uses for series.
    public static func colour(_ index: Int) -> String { HTMLReportPalette.series(index) }
    public static let vermillion = HTMLReportPalette.vermillion
    public static let skyBlue = HTMLReportPalette.skyBlue
    public static let blue = HTMLReportPalette.blue

    /// One line of a line chart.
    public struct Line: Sendable {
        public var name: String
        public var colour: String
        public var points: [(x: Double, y: Double)]
        /// SVG dash pattern such as "6 4"; nil for solid.
        public var dash: String?
        /// Hold each value until the next point (weekly values).
        public var step: Bool
        public init(name: String, colour: String, points: [(x: Double, y: Double)], dash: String? = nil, step: Bool = false) {
            self.name = name
            self.colour = colour
            self.points = points
            self.dash = dash
            self.step = step
        }
    }

    /// A labelled tick on the x axis.
    public struct Tick: Sendable {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// A shaded rectangle in data coordinates (e.g. a week's shortfall).
    public struct Highlight: Sendable {
        public var x0: Double, x1: Double, y0: Double, y1: Double
        public init(x0: Double, x1: Double, y0: Double, y1: Double) {
            self.x0 = x0
            self.x1 = x1
            self.y0 = y0
            self.y1 = y1
        }
    }

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

    /// A line chart with its legend as a `<figure>`; an "empty" note when nothing is finite.
    ///
    /// - Parameter hover: a tooltip per x tick range (`x0 ..< x1`), native `<title>`, no JavaScript.
    /// - Complexity: O(points).
    public static func lineChart(
        label: String, yTitle: String, lines: [Line], ticks: [Tick], highlights: [Highlight] = [],
        hover: [(x0: Double, x1: Double, text: String)] = [], includeZero: Bool = true, height: Double = 280, caption: String = ""
    ) -> String {
        var spec = HTMLReportLineChartSpec(
            label: label, yTitle: yTitle,
            series: lines.map { l in
                HTMLReportLineSeries(name: l.name, colour: l.colour, points: l.points.map { HTMLReportXY(x: $0.x, y: $0.y) },
                                     dash: l.dash, step: l.step)
            },
            height: height)
        spec.xTicks = ticks.map { HTMLReportXTick(x: $0.x, label: $0.label) }
        spec.highlights = highlights.map { HTMLReportHighlight(x0: $0.x0, x1: $0.x1, y0: $0.y0, y1: $0.y1) }
        spec.hitTargets = hover.map { HTMLReportHitTarget(x0: $0.x0, x1: $0.x1, title: $0.text) }
        spec.includeZero = includeZero
        guard let chart = HTMLReportLineChart.render(spec) else { return "<div class=\"empty\">No data.</div>\n" }
        var legend = lines.map { HTMLReportPage.legendItem(.line($0.colour, dash: $0.dash), $0.name) }
        if !highlights.isEmpty { legend.append(HTMLReportPage.legendItem(.box(spec.highlightColour), "Shortfall")) }
        let figcaption = caption.isEmpty ? "" : "<figcaption>\(escape(caption))</figcaption>"
        return "<figure>\(chart)\n<ul class=\"legend\">\(legend.joined())</ul>\(figcaption)</figure>\n"
    }

    /// A horizontal bar chart, or an empty string without bars.
    ///
    /// - Complexity: O(bars).
    public static func barChart(label: String, axisTitle: String, bars: [Bar]) -> String {
        let chart = HTMLReportBarChart.render(
            label: label, axisTitle: axisTitle,
            bars: bars.map { HTMLReportBar(label: $0.label, value: $0.value, valueLabel: $0.valueLabel, colour: $0.colour, tooltip: $0.tooltip) })
        return chart.map { "<figure>\($0)</figure>\n" } ?? ""
    }

    /// A table; `numeric` marks right-aligned columns. Cells are escaped.
    ///
    /// - Complexity: O(cells).
    public static func table(header: [String], numeric: Set<Int> = [], rows: [[String]], collapsedSummary: String? = nil) -> String {
        func cls(_ i: Int) -> String { numeric.contains(i) ? " class=\"num\"" : "" }
        var h = "<div class=\"tablewrap\"><table>\n<thead><tr>"
        h += header.enumerated().map { "<th\(cls($0))>\(escape($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { h += "<tr>" + row.enumerated().map { "<td\(cls($0))>\(escape($1))</td>" }.joined() + "</tr>\n" }
        h += "</tbody></table></div>\n"
        if let collapsedSummary { return "<details class=\"data\"><summary>\(escape(collapsedSummary))</summary>\n\(h)</details>\n" }
        return h
    }

    /// A card section with a heading and a lead sentence around `body` (HTML).
    public static func section(id: String, title: String, lead: String = "", body: String) -> String {
        var h = "<section class=\"card\" id=\"\(escape(id))\">\n<h2>\(escape(title))</h2>\n"
        if !lead.isEmpty { h += "<p class=\"lead\">\(escape(lead))</p>\n" }
        return h + body + "</section>\n"
    }

    /// The whole page: header with key figures (label, value, detail), an optional callout, a
    /// table of contents of the sections, the sections and the footer.
    ///
    /// - Complexity: O(size of the sections).
    public static func page(
        title: String, subtitle: String, version: String, generatedAt: String,
        keyFigures: [(label: String, value: String, detail: String)], callout: String?,
        sections: [(id: String, title: String, html: String)]
    ) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"color-scheme\" content=\"light\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"ccplan \(escape(version))\">\n"
        h += "<title>\(escape(title))</title>\n<style>\n\(HTMLReportStyle.css)\n</style>\n</head>\n<body>\n<div class=\"page\">\n"
        h += "<header class=\"top\">\n<h1>\(escape(title))</h1>\n"
        if !subtitle.isEmpty { h += "<div class=\"subtitle\">\(escape(subtitle))</div>\n" }
        h += "<div class=\"meta\">ccplan \(escape(version))\(generatedAt.isEmpty ? "" : " · Generated \(escape(generatedAt))")</div>\n"
        if !keyFigures.isEmpty {
            h += "<div class=\"kpis\">\n"
            for k in keyFigures {
                h += "<div class=\"kpi\"><div class=\"label\">\(escape(k.label))</div><div class=\"value\">\(escape(k.value))</div>"
                if !k.detail.isEmpty { h += "<div class=\"detail\">\(escape(k.detail))</div>" }
                h += "</div>\n"
            }
            h += "</div>\n"
        }
        if let callout { h += "<div class=\"callout\">\(escape(callout))</div>\n" }
        h += "</header>\n"
        if sections.count > 1 {
            h += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
            for s in sections { h += "<li><a href=\"#\(escape(s.id))\">\(escape(s.title))</a></li>\n" }
            h += "</ol>\n</nav>\n"
        }
        for s in sections { h += s.html }
        h += "<footer>Generated by ccplan \(escape(version))\(generatedAt.isEmpty ? "" : " · " + escape(generatedAt))</footer>\n</div>\n</body>\n</html>\n"
        return h
    }

    /// HTML-escaped text.
    public static func escape(_ text: String) -> String { HTMLReportEscaping.escape(text) }
    /// A number with thousands separators; "–" when absent or not finite.
    public static func number(_ value: Double?, decimals: Int = 0) -> String { HTMLReportFormat.number(value, decimals: decimals) }
    /// A fraction as a percentage; "–" when absent.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String { HTMLReportFormat.percent(fraction: fraction, decimals: decimals) }
}
