import CCPlanBase
/// One bar of a horizontal bar chart.
struct HTMLReportBar: Sendable {
    var label: String
    var value: Double?
    /// Text after the bar, e.g. "123.4 FTE (+4.2%)".
    var valueLabel: String
    var colour: String
    var tooltip: String
}

/// Renders horizontal bar charts (one row per bar, labels on the left) as inline SVG.
enum HTMLReportBarChart {
    /// The chart as an SVG fragment, or nil when there are no bars.
    ///
    /// - Complexity: O(number of bars).
    static func render(label: String, axisTitle: String, bars: [HTMLReportBar], width: Double = 960) -> String? {
        guard !bars.isEmpty else { return nil }
        let values = bars.compactMap { $0.value }.filter(\.isFinite)
        let scale = HTMLReportNiceTicks.scale(minimum: values.min() ?? 0, maximum: values.max() ?? 1, maxTicks: 6, includeZero: true)
        let fontSize = 12.0
        let maxLabel = 240.0
        let labelWidth = min(maxLabel, max(80, bars.map { HTMLReportSVG.textWidth($0.label, fontSize: fontSize) }.max() ?? 80))
        let valueRoom = min(220, max(60, bars.map { HTMLReportSVG.textWidth($0.valueLabel, fontSize: 11.5) }.max() ?? 60) + 12)
        let rowHeight = 34.0, barHeight = 20.0
        let top = 10.0
        let height = top + Double(bars.count) * rowHeight + 40
        let frame = HTMLReportPlotFrame(
            width: width, height: height,
            left: labelWidth + 24, right: valueRoom, top: top, bottom: 40,
            xMin: scale.lower, xMax: scale.upper,
            yScale: HTMLReportTickScale(lower: 0, upper: 1, step: 1, ticks: [0, 1]))
        let c = HTMLReportSVG.c
        var s = HTMLReportSVG.open(width: width, height: height, label: label)
        s += "<g class=\"grid\">"
        for t in scale.ticks {
            let x = c(frame.px(t))
            s += "<line x1=\"\(x)\" y1=\"\(c(frame.plotTop))\" x2=\"\(x)\" y2=\"\(c(frame.plotBottom))\"/>"
        }
        s += "</g>"
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight + (rowHeight - barHeight) / 2
            let name = truncated(bar.label, width: labelWidth, fontSize: fontSize)
            s += "<g class=\"bar\"><title>\(HTMLReportEscaping.escape(bar.tooltip))</title>"
            s += "<text class=\"blabel\" x=\"\(c(frame.plotLeft - 10))\" y=\"\(c(y + barHeight / 2 + 4))\">\(HTMLReportEscaping.escape(name))</text>"
            if let v = bar.value, v.isFinite {
                let x0 = frame.px(max(scale.lower, 0)), x1 = frame.px(v)
                let bx = min(x0, x1), bw = max(1, abs(x1 - x0))
                s += "<rect x=\"\(c(bx))\" y=\"\(c(y))\" width=\"\(c(bw))\" height=\"\(c(barHeight))\" rx=\"2\" fill=\"\(bar.colour)\"/>"
                s += "<text class=\"bvalue\" x=\"\(c(bx + bw + 6))\" y=\"\(c(y + barHeight / 2 + 4))\">\(HTMLReportEscaping.escape(bar.valueLabel))</text>"
            } else {
                s += "<text class=\"bvalue\" x=\"\(c(frame.plotLeft + 6))\" y=\"\(c(y + barHeight / 2 + 4))\">\(HTMLReportEscaping.escape(bar.valueLabel))</text>"
            }
            s += "</g>"
        }
        let ticks = scale.ticks.map { HTMLReportXTick(x: $0, label: HTMLReportFormat.number($0, decimals: scale.decimals)) }
        s += HTMLReportSVG.xAxis(frame, ticks: ticks, tickMarks: true, title: axisTitle)
        s += HTMLReportSVG.close
        return s
    }

    /// `text` shortened with "…" so that it fits in `width`.
    static func truncated(_ text: String, width: Double, fontSize: Double) -> String {
        guard HTMLReportSVG.textWidth(text, fontSize: fontSize) > width else { return text }
        var out = ""
        for ch in text {
            if HTMLReportSVG.textWidth(out + String(ch) + "…", fontSize: fontSize) > width { break }
            out.append(ch)
        }
        return out + "…"
    }
}
