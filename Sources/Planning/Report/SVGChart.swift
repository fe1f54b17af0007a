import CCPlanBase
/// The Okabe–Ito palette (colour-blind safe) and the neutral colours used by the charts.
enum HTMLReportPalette {
    static let black = "#000000"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let bluishGreen = "#009E73"
    static let yellow = "#F0E442"
    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let reddishPurple = "#CC79A7"

    /// History / actuals.
    static let history = blue
    /// Forecast line and band.
    static let forecast = vermillion
    /// Colours for a list of series, in order.
    static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    static func series(_ index: Int) -> String { series[index % series.count] }
}

/// A tick on the x axis.
struct HTMLReportXTick: Sendable, Equatable {
    var x: Double
    var label: String
}

/// An invisible hover target covering `x0...x1` with a native tooltip (`<title>`); works
/// without JavaScript.
struct HTMLReportHitTarget: Sendable, Equatable {
    var x0: Double
    var x1: Double
    var title: String
}

/// The plot area of a chart and the mapping from data to SVG user units.
struct HTMLReportPlotFrame: Sendable {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    var xMin: Double
    var xMax: Double
    var yScale: HTMLReportTickScale

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    func px(_ x: Double) -> Double {
        let span = xMax - xMin
        guard span > 0 else { return (plotLeft + plotRight) / 2 }
        return plotLeft + (x - xMin) / span * (plotRight - plotLeft)
    }

    func py(_ y: Double) -> Double {
        let span = yScale.upper - yScale.lower
        guard span > 0 else { return plotBottom }
        let clamped = min(max(y, yScale.lower), yScale.upper)
        return plotBottom - (clamped - yScale.lower) / span * (plotBottom - plotTop)
    }
}

/// Small SVG building blocks shared by the charts. All text goes through ``HTMLReportEscaping``.
enum HTMLReportSVG {
    static func c(_ v: Double) -> String { HTMLReportFormat.coordinate(v) }

    /// Opening tag of a responsive chart (scales with its container through the viewBox).
    static func open(width: Double, height: Double, label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(HTMLReportEscaping.escape(label))\" preserveAspectRatio=\"xMidYMid meet\">"
            + "<title>\(HTMLReportEscaping.escape(label))</title>"
    }

    static let close = "</svg>"

    /// Estimated rendered width of `text` at `fontSize` (system sans-serif), for layout decisions.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        var units = 0.0
        for ch in text {
            if ch.isNumber || ch == "," || ch == "." { units += 0.56 }
            else if ch.isUppercase { units += 0.66 }
            else if ch == " " { units += 0.3 }
            else { units += 0.55 }
        }
        return units * fontSize
    }

    /// Horizontal gridlines and y tick labels (left), plus the rotated y axis title.
    static func yAxis(_ f: HTMLReportPlotFrame, title: String) -> String {
        var s = "<g class=\"grid\">"
        for t in f.yScale.ticks {
            let y = c(f.py(t))
            s += "<line x1=\"\(c(f.plotLeft))\" y1=\"\(y)\" x2=\"\(c(f.plotRight))\" y2=\"\(y)\"/>"
        }
        s += "</g><g class=\"ytick\">"
        for t in f.yScale.ticks {
            s += "<text x=\"\(c(f.plotLeft - 8))\" y=\"\(c(f.py(t) + 4))\">\(HTMLReportFormat.number(t, decimals: f.yScale.decimals))</text>"
        }
        s += "</g>"
        if !title.isEmpty {
            let cy = (f.plotTop + f.plotBottom) / 2
            s += "<text class=\"atitle\" transform=\"translate(14 \(c(cy))) rotate(-90)\">\(HTMLReportEscaping.escape(title))</text>"
        }
        return s
    }

    /// The x axis line, tick marks and labels; labels that would overlap the previous one are skipped.
    static func xAxis(_ f: HTMLReportPlotFrame, ticks: [HTMLReportXTick], tickMarks: Bool = true, title: String = "") -> String {
        let base = c(f.plotBottom)
        var s = "<g class=\"xaxis\"><line x1=\"\(c(f.plotLeft))\" y1=\"\(base)\" x2=\"\(c(f.plotRight))\" y2=\"\(base)\"/>"
        var lastRight = -Double.infinity
        for t in ticks where t.x.isFinite {
            let x = f.px(t.x)
            guard x >= f.plotLeft - 0.5, x <= f.plotRight + 0.5 else { continue }
            let w = textWidth(t.label, fontSize: 11)
            var anchorX = x
            // Keep labels inside the chart.
            anchorX = max(anchorX, w / 2 + 2)
            anchorX = min(anchorX, f.width - w / 2 - 2)
            guard anchorX - w / 2 > lastRight + 8 else { continue }
            lastRight = anchorX + w / 2
            if tickMarks {
                s += "<line x1=\"\(c(x))\" y1=\"\(base)\" x2=\"\(c(x))\" y2=\"\(c(f.plotBottom + 5))\"/>"
            }
            s += "<text x=\"\(c(anchorX))\" y=\"\(c(f.plotBottom + 19))\">\(HTMLReportEscaping.escape(t.label))</text>"
        }
        s += "</g>"
        if !title.isEmpty {
            s += "<text class=\"xtitle\" x=\"\(c((f.plotLeft + f.plotRight) / 2))\" y=\"\(c(f.height - 4))\">\(HTMLReportEscaping.escape(title))</text>"
        }
        return s
    }

    /// Runs of consecutive finite points (a non-finite y splits runs).
    static func runs(_ points: [HTMLReportXY]) -> [[HTMLReportXY]] {
        var result: [[HTMLReportXY]] = []
        var current: [HTMLReportXY] = []
        for p in points {
            if p.x.isFinite && p.y.isFinite {
                current.append(p)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Path data for a polyline (or a step line, each value held until the next point's x;
    /// the last step extends to `stepEnd`).
    static func pathData(_ run: [HTMLReportXY], frame f: HTMLReportPlotFrame, step: Bool, stepEnd: Double? = nil) -> String {
        var d = ""
        for (i, p) in run.enumerated() {
            let x = c(f.px(p.x)), y = c(f.py(p.y))
            if i == 0 {
                d += "M\(x) \(y)"
            } else if step {
                d += "H\(x)V\(y)"
            } else {
                d += "L\(x) \(y)"
            }
        }
        if step, let end = stepEnd ?? run.last.map({ $0.x }) {
            d += "H\(c(f.px(end)))"
        }
        return d
    }

    /// A polygon for a band run: along the highs, back along the lows.
    static func bandPolygon(_ run: [HTMLReportBandPoint], frame f: HTMLReportPlotFrame) -> String {
        var pts: [String] = []
        pts.reserveCapacity(run.count * 2)
        for p in run { pts.append("\(c(f.px(p.x))),\(c(f.py(p.high)))") }
        for p in run.reversed() { pts.append("\(c(f.px(p.x))),\(c(f.py(p.low)))") }
        return pts.joined(separator: " ")
    }
}
