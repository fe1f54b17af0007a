/// A horizontal bar chart as inline SVG: one row per bar, labels on the left, the value label
/// after the bar, a ``NiceTicks`` scale from 0 along the x axis.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        /// The length; nil or non-finite draws no bar (the value label is still shown).
        public var value: Double?
        /// Text after the bar, e.g. "123.4 FTE (+4.2%)".
        public var valueLabel: String
        /// A CSS colour (written as is).
        public var colour: String
        public var tooltip: String

        public init(label: String, value: Double?, valueLabel: String, colour: String, tooltip: String) {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
            self.colour = colour
            self.tooltip = tooltip
        }
    }

    /// The chart's accessible name and title.
    public var label: String
    public var axisTitle: String
    public var bars: [Bar]
    public var width: Double

    public init(label: String, axisTitle: String, bars: [Bar], width: Double = 960) {
        self.label = label
        self.axisTitle = axisTitle
        self.bars = bars
        self.width = width
    }

    /// The chart as an SVG fragment, or nil when there are no bars.
    ///
    /// - Complexity: O(number of bars × label length).
    public func render() -> String? {
        var h = HTMLBuffer()
        return render(into: &h) ? h.string : nil
    }

    /// Appends the chart to `h`; returns `false` (writing nothing) when there are no bars.
    ///
    /// - Complexity: O(number of bars × label length).
    @discardableResult
    public func render(into h: inout HTMLBuffer) -> Bool {
        guard !bars.isEmpty else { return false }
        let values = bars.compactMap { $0.value }.filter(\.isFinite)
        let scale = NiceTicks.scale(
            minimum: values.min() ?? 0, maximum: values.max() ?? 1, maxTicks: 6, includeZero: true)
        let fontSize = 12.0
        let labelWidth = min(240, max(80, bars.map { SVG.textWidth($0.label, fontSize: fontSize) }.max() ?? 80))
        let valueRoom = min(220, max(60, bars.map { SVG.textWidth($0.valueLabel, fontSize: 11.5) }.max() ?? 60) + 12)
        let rowHeight = 34.0, barHeight = 20.0
        let top = 10.0
        let height = top + Double(bars.count) * rowHeight + 40
        let frame = PlotFrame(
            width: width, height: height, left: labelWidth + 24, right: valueRoom, top: top, bottom: 40,
            xMin: scale.lower, xMax: scale.upper, yScale: TickScale(lower: 0, upper: 1, step: 1, ticks: [0, 1]))
        SVG.open(width: width, height: height, label: label, into: &h)
        h.raw("<g class=\"grid\">")
        for t in scale.ticks {
            let x = frame.px(t)
            h.raw("<line x1=\"")
            h.coordinate(x)
            h.raw("\" y1=\"")
            h.coordinate(frame.plotTop)
            h.raw("\" x2=\"")
            h.coordinate(x)
            h.raw("\" y2=\"")
            h.coordinate(frame.plotBottom)
            h.raw("\"/>")
        }
        h.raw("</g>")
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight + (rowHeight - barHeight) / 2
            h.raw("<g class=\"bar\"><title>")
            h.text(bar.tooltip)
            h.raw("</title><text class=\"blabel\" x=\"")
            h.coordinate(frame.plotLeft - 10)
            h.raw("\" y=\"")
            h.coordinate(y + barHeight / 2 + 4)
            h.raw("\">")
            h.text(Self.truncated(bar.label, width: labelWidth, fontSize: fontSize))
            h.raw("</text>")
            var valueX = frame.plotLeft + 6
            if let v = bar.value, v.isFinite {
                let x0 = frame.px(max(scale.lower, 0)), x1 = frame.px(v)
                let bx = min(x0, x1), bw = max(1, abs(x1 - x0))
                h.raw("<rect x=\"")
                h.coordinate(bx)
                h.raw("\" y=\"")
                h.coordinate(y)
                h.raw("\" width=\"")
                h.coordinate(bw)
                h.raw("\" height=\"")
                h.coordinate(barHeight)
                h.raw("\" rx=\"2\" fill=\"")
                h.raw(bar.colour)
                h.raw("\"/>")
                valueX = bx + bw + 6
            }
            h.raw("<text class=\"bvalue\" x=\"")
            h.coordinate(valueX)
            h.raw("\" y=\"")
            h.coordinate(y + barHeight / 2 + 4)
            h.raw("\">")
            h.text(bar.valueLabel)
            h.raw("</text></g>")
        }
        let ticks = scale.ticks.map { AxisTick(x: $0, label: ReportNumber.number($0, decimals: scale.decimals)) }
        SVG.xAxis(frame, ticks: ticks, tickMarks: true, title: axisTitle, into: &h)
        SVG.close(into: &h)
        return true
    }

    /// `text` shortened with "…" so that it fits in `width`.
    ///
    /// - Complexity: O(length of `text`²).
    public static func truncated(_ text: String, width: Double, fontSize: Double) -> String {
        guard SVG.textWidth(text, fontSize: fontSize) > width else { return text }
        var out = ""
        for ch in text {
            if SVG.textWidth(out + String(ch) + "…", fontSize: fontSize) > width { break }
            out.append(ch)
        }
        return out + "…"
    }
}
