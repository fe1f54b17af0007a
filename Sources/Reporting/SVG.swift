/// The Okabe–Ito palette (colour-blind safe), as CSS colours.
public enum Palette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"

    /// History / actuals.
    public static let history = blue
    /// Forecast line and band.
    public static let forecast = vermillion
    /// Colours for a list of series, in order.
    public static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    /// The colour of series `index` (the list repeats).
    public static func series(_ index: Int) -> String { series[index % series.count] }
}

/// A labelled position on the x axis (a tick, or a marker such as "Forecast starts").
public struct AxisTick: Sendable, Equatable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// An invisible hover target covering `x0...x1` with a native tooltip (`<title>`); works
/// without JavaScript.
public struct HitTarget: Sendable, Equatable {
    public var x0: Double
    public var x1: Double
    public var title: String

    public init(x0: Double, x1: Double, title: String) {
        self.x0 = x0
        self.x1 = x1
        self.title = title
    }
}

/// The plot area of a chart and the mapping from data to SVG user units:
/// px(x) = left + (x − xMin) / (xMax − xMin) · (plot width), and
/// py(y) = bottom − (clamp(y) − lower) / (upper − lower) · (plot height).
public struct PlotFrame: Sendable {
    public var width: Double
    public var height: Double
    /// Margins around the plot area.
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double
    public var xMin: Double
    public var xMax: Double
    public var yScale: TickScale

    public init(
        width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double,
        xMin: Double, xMax: Double, yScale: TickScale
    ) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.xMin = xMin
        self.xMax = xMax
        self.yScale = yScale
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }

    /// The SVG x of data x (the middle of the plot when the x range is empty).
    @inlinable
    public func px(_ x: Double) -> Double {
        let span = xMax - xMin
        guard span > 0 else { return (left + (width - right)) / 2 }
        return left + (x - xMin) / span * (width - right - left)
    }

    /// The SVG y of data y, clamped to the scale.
    @inlinable
    public func py(_ y: Double) -> Double {
        let span = yScale.upper - yScale.lower
        guard span > 0 else { return height - bottom }
        let clamped = min(max(y, yScale.lower), yScale.upper)
        return height - bottom - (clamped - yScale.lower) / span * (height - bottom - top)
    }
}

/// Small SVG building blocks shared by the charts. All text goes through ``HTMLEscaping``.
public enum SVG {
    /// Opening tag of a responsive chart (it scales with its container through the viewBox),
    /// with `label` as its accessible name and title.
    public static func open(width: Double, height: Double, label: String, into h: inout HTMLBuffer) {
        h.raw("<svg class=\"chart\" viewBox=\"0 0 ")
        h.coordinate(width)
        h.raw(" ")
        h.coordinate(height)
        h.raw("\" role=\"img\" aria-label=\"")
        h.text(label)
        h.raw("\" preserveAspectRatio=\"xMidYMid meet\"><title>")
        h.text(label)
        h.raw("</title>")
    }

    /// Closing tag of ``open(width:height:label:into:)``.
    public static func close(into h: inout HTMLBuffer) { h.raw("</svg>") }

    /// Estimated rendered width of `text` at `fontSize` (system sans-serif), for layout:
    /// 0.56 em per digit, comma or point, 0.66 per capital, 0.3 per space, 0.55 otherwise.
    ///
    /// - Complexity: O(length of `text`).
    public static func textWidth(_ text: String, fontSize: Double) -> Double {
        var units = 0.0
        for ch in text {
            if ch.isNumber || ch == "," || ch == "." {
                units += 0.56
            } else if ch.isUppercase {
                units += 0.66
            } else if ch == " " {
                units += 0.3
            } else {
                units += 0.55
            }
        }
        return units * fontSize
    }

    /// Horizontal gridlines and y tick labels (left), plus the rotated y axis title.
    ///
    /// - Complexity: O(ticks).
    public static func yAxis(_ f: PlotFrame, title: String, into h: inout HTMLBuffer) {
        h.raw("<g class=\"grid\">")
        for t in f.yScale.ticks {
            let y = f.py(t)
            h.raw("<line x1=\"")
            h.coordinate(f.plotLeft)
            h.raw("\" y1=\"")
            h.coordinate(y)
            h.raw("\" x2=\"")
            h.coordinate(f.plotRight)
            h.raw("\" y2=\"")
            h.coordinate(y)
            h.raw("\"/>")
        }
        h.raw("</g><g class=\"ytick\">")
        let decimals = f.yScale.decimals
        for t in f.yScale.ticks {
            h.raw("<text x=\"")
            h.coordinate(f.plotLeft - 8)
            h.raw("\" y=\"")
            h.coordinate(f.py(t) + 4)
            h.raw("\">")
            h.number(t, decimals: decimals)
            h.raw("</text>")
        }
        h.raw("</g>")
        if !title.isEmpty {
            h.raw("<text class=\"atitle\" transform=\"translate(14 ")
            h.coordinate((f.plotTop + f.plotBottom) / 2)
            h.raw(") rotate(-90)\">")
            h.text(title)
            h.raw("</text>")
        }
    }

    /// The x axis line, tick marks and labels; labels are kept inside the chart, and a label that
    /// would overlap the previous one is skipped (with its tick mark).
    ///
    /// - Complexity: O(ticks × label length).
    public static func xAxis(
        _ f: PlotFrame, ticks: [AxisTick], tickMarks: Bool = true, title: String = "", into h: inout HTMLBuffer
    ) {
        h.raw("<g class=\"xaxis\"><line x1=\"")
        h.coordinate(f.plotLeft)
        h.raw("\" y1=\"")
        h.coordinate(f.plotBottom)
        h.raw("\" x2=\"")
        h.coordinate(f.plotRight)
        h.raw("\" y2=\"")
        h.coordinate(f.plotBottom)
        h.raw("\"/>")
        var lastRight = -Double.infinity
        for t in ticks where t.x.isFinite {
            let x = f.px(t.x)
            guard x >= f.plotLeft - 0.5, x <= f.plotRight + 0.5 else { continue }
            let w = textWidth(t.label, fontSize: 11)
            let anchorX = min(max(x, w / 2 + 2), f.width - w / 2 - 2)
            guard anchorX - w / 2 > lastRight + 8 else { continue }
            lastRight = anchorX + w / 2
            if tickMarks {
                h.raw("<line x1=\"")
                h.coordinate(x)
                h.raw("\" y1=\"")
                h.coordinate(f.plotBottom)
                h.raw("\" x2=\"")
                h.coordinate(x)
                h.raw("\" y2=\"")
                h.coordinate(f.plotBottom + 5)
                h.raw("\"/>")
            }
            h.raw("<text x=\"")
            h.coordinate(anchorX)
            h.raw("\" y=\"")
            h.coordinate(f.plotBottom + 19)
            h.raw("\">")
            h.text(t.label)
            h.raw("</text>")
        }
        h.raw("</g>")
        if !title.isEmpty {
            h.raw("<text class=\"xtitle\" x=\"")
            h.coordinate((f.plotLeft + f.plotRight) / 2)
            h.raw("\" y=\"")
            h.coordinate(f.height - 4)
            h.raw("\">")
            h.text(title)
            h.raw("</text>")
        }
    }

    /// Runs of consecutive finite points (a non-finite x or y splits runs).
    ///
    /// - Complexity: O(points).
    public static func runs(_ points: [ChartPoint]) -> [ArraySlice<ChartPoint>] {
        var result: [ArraySlice<ChartPoint>] = []
        var start = -1
        for (i, p) in points.enumerated() {
            if p.x.isFinite && p.y.isFinite {
                if start < 0 { start = i }
            } else if start >= 0 {
                result.append(points[start..<i])
                start = -1
            }
        }
        if start >= 0 { result.append(points[start...]) }
        return result
    }

    /// Path data for a polyline, or for a step line when `step` (each value held until the next
    /// point's x; the last step extends to `stepEnd`, or ends at the last point).
    ///
    /// - Complexity: O(points).
    public static func pathData(
        _ run: ArraySlice<ChartPoint>, frame f: PlotFrame, step: Bool, stepEnd: Double? = nil, into h: inout HTMLBuffer
    ) {
        var first = true
        for p in run {
            let x = f.px(p.x), y = f.py(p.y)
            if first {
                h.raw("M")
                h.coordinate(x)
                h.raw(" ")
                h.coordinate(y)
                first = false
            } else if step {
                h.raw("H")
                h.coordinate(x)
                h.raw("V")
                h.coordinate(y)
            } else {
                h.raw("L")
                h.coordinate(x)
                h.raw(" ")
                h.coordinate(y)
            }
        }
        if step, let end = stepEnd ?? run.last.map({ $0.x }) {
            h.raw("H")
            h.coordinate(f.px(end))
        }
    }

    /// The points of a polygon around a band run: along the highs, back along the lows.
    ///
    /// - Complexity: O(points).
    public static func bandPolygon(_ run: [BandPoint], frame f: PlotFrame, into h: inout HTMLBuffer) {
        var first = true
        for p in run {
            if !first { h.raw(" ") }
            first = false
            h.coordinate(f.px(p.x))
            h.raw(",")
            h.coordinate(f.py(p.high))
        }
        for p in run.reversed() {
            if !first { h.raw(" ") }
            first = false
            h.coordinate(f.px(p.x))
            h.raw(",")
            h.coordinate(f.py(p.low))
        }
    }
}
