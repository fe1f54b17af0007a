import CCPlanBase
/// One line of a line chart.
struct HTMLReportLineSeries: Sendable {
    var name: String
    var colour: String
    var points: [HTMLReportXY]
    var width: Double = 2
    /// SVG dash pattern, e.g. "6 4"; nil for a solid line.
    var dash: String? = nil
    /// Draw as a step line (each value held until the next point).
    var step: Bool = false
    /// Fill the area under the line with this opacity.
    var areaOpacity: Double? = nil
}

/// A translucent band (e.g. the p10–p90 prediction interval).
struct HTMLReportBandSeries: Sendable {
    var name: String
    var colour: String
    var opacity: Double = 0.22
    var points: [HTMLReportBandPoint]
}

/// A filled rectangle in data coordinates (e.g. a staffing shortfall in one interval).
struct HTMLReportHighlight: Sendable, Equatable {
    var x0: Double
    var x1: Double
    var y0: Double
    var y1: Double
}

/// What a line chart shows.
struct HTMLReportLineChartSpec: Sendable {
    var label: String
    var yTitle: String
    var series: [HTMLReportLineSeries]
    var bands: [HTMLReportBandSeries] = []
    var xTicks: [HTMLReportXTick] = []
    var xTickMarks: Bool = true
    /// Light vertical separators (e.g. day boundaries).
    var xSeparators: [Double] = []
    /// Vertical marker with a label, e.g. "Forecast starts".
    var marker: HTMLReportXTick? = nil
    var hitTargets: [HTMLReportHitTarget] = []
    /// Rectangles drawn above the bands and below the lines.
    var highlights: [HTMLReportHighlight] = []
    var highlightColour: String = HTMLReportPalette.vermillion
    var highlightOpacity: Double = 0.5
    /// Explicit x domain; computed from the data when nil.
    var xDomain: ClosedRange<Double>? = nil
    var width: Double = 960
    var height: Double = 300
    var includeZero: Bool = true
    /// Above this many points a series is downsampled (min/max per bucket).
    var maxPointsPerSeries: Int = 2_000
}

/// Renders line, step, area and band charts as inline SVG.
enum HTMLReportLineChart {
    /// The chart as an SVG fragment, or nil when there is nothing finite to draw.
    ///
    /// - Complexity: O(total points).
    static func render(_ spec: HTMLReportLineChartSpec) -> String? {
        let series = spec.series.map { s -> HTMLReportLineSeries in
            var s = s
            s.points = HTMLReportDownsample.minMax(s.points, maxPoints: spec.maxPointsPerSeries)
            return s
        }
        let bands = spec.bands.map { b -> HTMLReportBandSeries in
            var b = b
            b.points = HTMLReportDownsample.envelope(b.points, maxPoints: spec.maxPointsPerSeries)
            return b
        }
        var xs: [Double] = []
        var yMin = Double.infinity, yMax = -Double.infinity
        for s in series {
            for p in s.points where p.x.isFinite && p.y.isFinite {
                xs.append(p.x)
                yMin = min(yMin, p.y); yMax = max(yMax, p.y)
            }
        }
        for b in bands {
            for p in b.points where p.x.isFinite && p.low.isFinite && p.high.isFinite {
                xs.append(p.x)
                yMin = min(yMin, p.low); yMax = max(yMax, p.high)
            }
        }
        guard !xs.isEmpty else { return nil }
        var xMin = spec.xDomain?.lowerBound ?? xs.min()!
        var xMax = spec.xDomain?.upperBound ?? xs.max()!
        if xMax <= xMin { xMin -= 0.5; xMax += 0.5 }

        let yScale = HTMLReportNiceTicks.scale(minimum: yMin, maximum: yMax, maxTicks: 6, includeZero: spec.includeZero)
        let longestTick = yScale.ticks.map { HTMLReportSVG.textWidth(HTMLReportFormat.number($0, decimals: yScale.decimals), fontSize: 11) }.max() ?? 20
        let frame = HTMLReportPlotFrame(
            width: spec.width, height: spec.height,
            left: max(48, 30 + longestTick + 10), right: 18, top: 22, bottom: 30,
            xMin: xMin, xMax: xMax, yScale: yScale)

        var s = HTMLReportSVG.open(width: spec.width, height: spec.height, label: spec.label)
        s += HTMLReportSVG.yAxis(frame, title: spec.yTitle)
        if !spec.xSeparators.isEmpty {
            s += "<g class=\"sep\">"
            for x in spec.xSeparators where x.isFinite && x > xMin && x < xMax {
                let px = HTMLReportSVG.c(frame.px(x))
                s += "<line x1=\"\(px)\" y1=\"\(HTMLReportSVG.c(frame.plotTop))\" x2=\"\(px)\" y2=\"\(HTMLReportSVG.c(frame.plotBottom))\"/>"
            }
            s += "</g>"
        }
        for b in bands {
            let runs = bandRuns(b.points)
            guard !runs.isEmpty else { continue }
            s += "<g class=\"band\" fill=\"\(b.colour)\" fill-opacity=\"\(HTMLReportFormat.number(b.opacity, decimals: 2))\">"
            for run in runs {
                if run.count == 1 {
                    let p = run[0]
                    let x = frame.px(p.x)
                    s += "<rect x=\"\(HTMLReportSVG.c(x - 2))\" y=\"\(HTMLReportSVG.c(frame.py(p.high)))\" width=\"4\" height=\"\(HTMLReportSVG.c(max(0.5, frame.py(p.low) - frame.py(p.high))))\"/>"
                } else {
                    s += "<polygon points=\"\(HTMLReportSVG.bandPolygon(run, frame: frame))\"/>"
                }
            }
            s += "</g>"
        }
        if !spec.highlights.isEmpty {
            s += "<g fill=\"\(spec.highlightColour)\" fill-opacity=\"\(HTMLReportFormat.number(spec.highlightOpacity, decimals: 2))\">"
            for r in spec.highlights where r.x0.isFinite && r.x1.isFinite && r.y0.isFinite && r.y1.isFinite {
                let x0 = frame.px(min(r.x0, r.x1)), x1 = frame.px(max(r.x0, r.x1))
                let y0 = frame.py(max(r.y0, r.y1)), y1 = frame.py(min(r.y0, r.y1))
                s += "<rect x=\"\(HTMLReportSVG.c(x0))\" y=\"\(HTMLReportSVG.c(y0))\" width=\"\(HTMLReportSVG.c(max(0.5, x1 - x0)))\" height=\"\(HTMLReportSVG.c(max(0.5, y1 - y0)))\"/>"
            }
            s += "</g>"
        }
        for line in series {
            let runs = HTMLReportSVG.runs(line.points)
            guard !runs.isEmpty else { continue }
            let allX = line.points.map(\.x).filter(\.isFinite)
            let stepEnd: Double? = line.step ? stepEndX(allX, xMax: xMax) : nil
            if let opacity = line.areaOpacity {
                s += "<g fill=\"\(line.colour)\" fill-opacity=\"\(HTMLReportFormat.number(opacity, decimals: 2))\">"
                for run in runs {
                    let base = HTMLReportSVG.c(frame.py(max(yScale.lower, 0)))
                    let d = HTMLReportSVG.pathData(run, frame: frame, step: line.step, stepEnd: line.step ? nextX(after: run.last!.x, in: allX, fallback: stepEnd) : nil)
                    s += "<path d=\"\(d)V\(base)H\(HTMLReportSVG.c(frame.px(run[0].x)))Z\"/>"
                }
                s += "</g>"
            }
            var attributes = "fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"\(HTMLReportFormat.number(line.width, decimals: 1))\" stroke-linejoin=\"round\""
            if let dash = line.dash { attributes += " stroke-dasharray=\"\(HTMLReportEscaping.escape(dash))\"" }
            s += "<g \(attributes)>"
            for run in runs {
                if run.count == 1 && !line.step {
                    let p = run[0]
                    s += "<circle cx=\"\(HTMLReportSVG.c(frame.px(p.x)))\" cy=\"\(HTMLReportSVG.c(frame.py(p.y)))\" r=\"2.5\" fill=\"\(line.colour)\"/>"
                } else {
                    let end = line.step ? nextX(after: run.last!.x, in: allX, fallback: stepEnd) : nil
                    s += "<path d=\"\(HTMLReportSVG.pathData(run, frame: frame, step: line.step, stepEnd: end))\"/>"
                }
            }
            s += "</g>"
        }
        if let marker = spec.marker, marker.x.isFinite, marker.x >= xMin, marker.x <= xMax {
            let px = frame.px(marker.x)
            let x = HTMLReportSVG.c(px)
            s += "<g class=\"marker\"><line x1=\"\(x)\" y1=\"\(HTMLReportSVG.c(frame.plotTop - 6))\" x2=\"\(x)\" y2=\"\(HTMLReportSVG.c(frame.plotBottom))\"/>"
            let w = HTMLReportSVG.textWidth(marker.label, fontSize: 11)
            // Label to the right of the line unless it would leave the plot.
            if px + 6 + w <= frame.plotRight {
                s += "<text x=\"\(HTMLReportSVG.c(px + 6))\" y=\"\(HTMLReportSVG.c(frame.plotTop - 8))\">\(HTMLReportEscaping.escape(marker.label))</text>"
            } else {
                s += "<text x=\"\(HTMLReportSVG.c(px - 6))\" y=\"\(HTMLReportSVG.c(frame.plotTop - 8))\" text-anchor=\"end\">\(HTMLReportEscaping.escape(marker.label))</text>"
            }
            s += "</g>"
        }
        s += HTMLReportSVG.xAxis(frame, ticks: spec.xTicks, tickMarks: spec.xTickMarks)
        if !spec.hitTargets.isEmpty {
            s += "<g class=\"hit\">"
            let top = HTMLReportSVG.c(frame.plotTop), h = HTMLReportSVG.c(frame.plotBottom - frame.plotTop)
            for t in spec.hitTargets where t.x0.isFinite && t.x1.isFinite {
                let x0 = max(frame.plotLeft, frame.px(t.x0)), x1 = min(frame.plotRight, frame.px(t.x1))
                guard x1 > x0 else { continue }
                s += "<rect x=\"\(HTMLReportSVG.c(x0))\" y=\"\(top)\" width=\"\(HTMLReportSVG.c(x1 - x0))\" height=\"\(h)\"><title>\(HTMLReportEscaping.escape(t.title))</title></rect>"
            }
            s += "</g>"
        }
        s += HTMLReportSVG.close
        return s
    }

    private static func bandRuns(_ points: [HTMLReportBandPoint]) -> [[HTMLReportBandPoint]] {
        var result: [[HTMLReportBandPoint]] = []
        var current: [HTMLReportBandPoint] = []
        for p in points {
            if p.x.isFinite && p.low.isFinite && p.high.isFinite {
                current.append(HTMLReportBandPoint(x: p.x, low: min(p.low, p.high), high: max(p.low, p.high)))
            } else if !current.isEmpty {
                result.append(current); current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Where the last step of a step line ends: one typical spacing after the last point.
    private static func stepEndX(_ xs: [Double], xMax: Double) -> Double? {
        guard let last = xs.last else { return nil }
        if xs.count >= 2 { return min(xMax, last + (xs[xs.count - 1] - xs[xs.count - 2])) }
        return min(xMax, last + 1)
    }

    /// The x of the point after `x` (so a step run ends where the next interval starts).
    private static func nextX(after x: Double, in xs: [Double], fallback: Double?) -> Double? {
        // xs is in display order; find the first strictly greater value after x.
        if let i = xs.firstIndex(of: x), i + 1 < xs.count { return xs[i + 1] }
        return fallback
    }
}
