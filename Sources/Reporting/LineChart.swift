/// A line chart as inline SVG: lines (solid, dashed, step, with an area below), translucent
/// bands, highlighted rectangles, vertical separators, a labelled marker and hover targets.
///
/// Layout: the y axis is a ``NiceTicks`` scale over every finite value (from 0 when
/// `includeZero`); the x range is `xDomain` or the data's. Series longer than
/// `maxPointsPerSeries` are reduced with ``Downsample``. Drawing order: grid and y axis,
/// separators, bands, highlights, areas and lines (in series order), marker, x axis, hover targets.
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        public var name: String
        /// A CSS colour (written as is).
        public var colour: String
        public var points: [ChartPoint]
        public var width: Double
        /// SVG dash pattern, e.g. "6 4"; nil for a solid line.
        public var dash: String?
        /// Draw as a step line (each value held until the next point).
        public var step: Bool
        /// Fill the area under the line with this opacity.
        public var areaOpacity: Double?

        public init(
            name: String, colour: String, points: [ChartPoint], width: Double = 2, dash: String? = nil,
            step: Bool = false,
            areaOpacity: Double? = nil
        ) {
            self.name = name
            self.colour = colour
            self.points = points
            self.width = width
            self.dash = dash
            self.step = step
            self.areaOpacity = areaOpacity
        }
    }

    /// A translucent band (e.g. the p10–p90 prediction interval).
    public struct Band: Sendable {
        public var name: String
        public var colour: String
        public var opacity: Double
        public var points: [BandPoint]

        public init(name: String, colour: String, opacity: Double = 0.22, points: [BandPoint]) {
            self.name = name
            self.colour = colour
            self.opacity = opacity
            self.points = points
        }
    }

    /// A filled rectangle in data coordinates (e.g. a staffing shortfall in one interval).
    public struct Highlight: Sendable, Equatable {
        public var x0: Double
        public var x1: Double
        public var y0: Double
        public var y1: Double

        public init(x0: Double, x1: Double, y0: Double, y1: Double) {
            self.x0 = x0
            self.x1 = x1
            self.y0 = y0
            self.y1 = y1
        }
    }

    /// The chart's accessible name and title.
    public var label: String
    public var yTitle: String
    public var series: [Series]
    public var bands: [Band]
    public var xTicks: [AxisTick]
    public var xTickMarks: Bool
    /// Light vertical separators (e.g. day boundaries).
    public var xSeparators: [Double]
    /// Vertical marker with a label, e.g. "Forecast starts".
    public var marker: AxisTick?
    public var hitTargets: [HitTarget]
    /// Rectangles drawn above the bands and below the lines.
    public var highlights: [Highlight]
    public var highlightColour: String
    public var highlightOpacity: Double
    /// Explicit x domain; computed from the data when nil.
    public var xDomain: ClosedRange<Double>?
    public var width: Double
    public var height: Double
    public var includeZero: Bool
    /// Above this many points a series is downsampled (minimum and maximum per bucket).
    public var maxPointsPerSeries: Int

    public init(
        label: String, yTitle: String, series: [Series], bands: [Band] = [], xTicks: [AxisTick] = [],
        xTickMarks: Bool = true,
        xSeparators: [Double] = [], marker: AxisTick? = nil, hitTargets: [HitTarget] = [], highlights: [Highlight] = [],
        highlightColour: String = Palette.vermillion, highlightOpacity: Double = 0.5,
        xDomain: ClosedRange<Double>? = nil,
        width: Double = 960, height: Double = 300, includeZero: Bool = true, maxPointsPerSeries: Int = 2_000
    ) {
        self.label = label
        self.yTitle = yTitle
        self.series = series
        self.bands = bands
        self.xTicks = xTicks
        self.xTickMarks = xTickMarks
        self.xSeparators = xSeparators
        self.marker = marker
        self.hitTargets = hitTargets
        self.highlights = highlights
        self.highlightColour = highlightColour
        self.highlightOpacity = highlightOpacity
        self.xDomain = xDomain
        self.width = width
        self.height = height
        self.includeZero = includeZero
        self.maxPointsPerSeries = maxPointsPerSeries
    }

    /// The chart as an SVG fragment, or nil when there is nothing finite to draw.
    ///
    /// - Complexity: O(total points + hit targets).
    public func render() -> String? {
        var h = HTMLBuffer()
        return render(into: &h) ? h.string : nil
    }

    /// Appends the chart to `h`; returns `false` (writing nothing) when there is nothing finite
    /// to draw.
    ///
    /// - Complexity: O(total points + hit targets).
    @discardableResult
    public func render(into h: inout HTMLBuffer) -> Bool {
        let series = self.series.map { s -> Series in
            var s = s
            s.points = Downsample.minMax(s.points, maxPoints: maxPointsPerSeries)
            return s
        }
        let bands = self.bands.map { b -> Band in
            var b = b
            b.points = Downsample.envelope(b.points, maxPoints: maxPointsPerSeries)
            return b
        }
        var xLow = Double.infinity, xHigh = -Double.infinity
        var yMin = Double.infinity, yMax = -Double.infinity
        for s in series {
            for p in s.points where p.x.isFinite && p.y.isFinite {
                xLow = min(xLow, p.x); xHigh = max(xHigh, p.x)
                yMin = min(yMin, p.y); yMax = max(yMax, p.y)
            }
        }
        for b in bands {
            for p in b.points where p.x.isFinite && p.low.isFinite && p.high.isFinite {
                xLow = min(xLow, p.x); xHigh = max(xHigh, p.x)
                yMin = min(yMin, p.low); yMax = max(yMax, p.high)
            }
        }
        guard xLow <= xHigh else { return false }
        var xMin = xDomain?.lowerBound ?? xLow
        var xMax = xDomain?.upperBound ?? xHigh
        if xMax <= xMin { xMin -= 0.5; xMax += 0.5 }

        let yScale = NiceTicks.scale(minimum: yMin, maximum: yMax, maxTicks: 6, includeZero: includeZero)
        let longestTick =
            yScale.ticks.map {
                SVG.textWidth(ReportNumber.number($0, decimals: yScale.decimals), fontSize: 11)
            }.max() ?? 20
        let frame = PlotFrame(
            width: width, height: height, left: max(48, 30 + longestTick + 10), right: 18, top: 22, bottom: 30,
            xMin: xMin, xMax: xMax, yScale: yScale)

        SVG.open(width: width, height: height, label: label, into: &h)
        SVG.yAxis(frame, title: yTitle, into: &h)
        if !xSeparators.isEmpty {
            h.raw("<g class=\"sep\">")
            for x in xSeparators where x.isFinite && x > xMin && x < xMax {
                let px = frame.px(x)
                h.raw("<line x1=\"")
                h.coordinate(px)
                h.raw("\" y1=\"")
                h.coordinate(frame.plotTop)
                h.raw("\" x2=\"")
                h.coordinate(px)
                h.raw("\" y2=\"")
                h.coordinate(frame.plotBottom)
                h.raw("\"/>")
            }
            h.raw("</g>")
        }
        for b in bands { Self.draw(b, frame: frame, into: &h) }
        if !highlights.isEmpty { drawHighlights(frame: frame, into: &h) }
        for line in series { Self.draw(line, frame: frame, xMax: xMax, into: &h) }
        if let marker, marker.x.isFinite, marker.x >= xMin, marker.x <= xMax {
            Self.draw(marker, frame: frame, into: &h)
        }
        SVG.xAxis(frame, ticks: xTicks, tickMarks: xTickMarks, into: &h)
        if !hitTargets.isEmpty { drawHitTargets(frame: frame, into: &h) }
        SVG.close(into: &h)
        return true
    }
}

extension LineChart {
    private static func draw(_ b: Band, frame: PlotFrame, into h: inout HTMLBuffer) {
        let runs = bandRuns(b.points)
        guard !runs.isEmpty else { return }
        h.raw("<g class=\"band\" fill=\"")
        h.raw(b.colour)
        h.raw("\" fill-opacity=\"")
        h.number(b.opacity, decimals: 2)
        h.raw("\">")
        for run in runs {
            if run.count == 1 {
                let p = run[0]
                h.raw("<rect x=\"")
                h.coordinate(frame.px(p.x) - 2)
                h.raw("\" y=\"")
                h.coordinate(frame.py(p.high))
                h.raw("\" width=\"4\" height=\"")
                h.coordinate(max(0.5, frame.py(p.low) - frame.py(p.high)))
                h.raw("\"/>")
            } else {
                h.raw("<polygon points=\"")
                SVG.bandPolygon(run, frame: frame, into: &h)
                h.raw("\"/>")
            }
        }
        h.raw("</g>")
    }

    private func drawHighlights(frame: PlotFrame, into h: inout HTMLBuffer) {
        h.raw("<g fill=\"")
        h.raw(highlightColour)
        h.raw("\" fill-opacity=\"")
        h.number(highlightOpacity, decimals: 2)
        h.raw("\">")
        for r in highlights where r.x0.isFinite && r.x1.isFinite && r.y0.isFinite && r.y1.isFinite {
            let x0 = frame.px(min(r.x0, r.x1)), x1 = frame.px(max(r.x0, r.x1))
            let y0 = frame.py(max(r.y0, r.y1)), y1 = frame.py(min(r.y0, r.y1))
            h.raw("<rect x=\"")
            h.coordinate(x0)
            h.raw("\" y=\"")
            h.coordinate(y0)
            h.raw("\" width=\"")
            h.coordinate(max(0.5, x1 - x0))
            h.raw("\" height=\"")
            h.coordinate(max(0.5, y1 - y0))
            h.raw("\"/>")
        }
        h.raw("</g>")
    }

    private static func draw(_ line: Series, frame: PlotFrame, xMax: Double, into h: inout HTMLBuffer) {
        let runs = SVG.runs(line.points)
        guard !runs.isEmpty else { return }
        let allX = line.points.map(\.x).filter(\.isFinite)
        let stepEnd: Double? = line.step ? stepEndX(allX, xMax: xMax) : nil
        if let opacity = line.areaOpacity {
            h.raw("<g fill=\"")
            h.raw(line.colour)
            h.raw("\" fill-opacity=\"")
            h.number(opacity, decimals: 2)
            h.raw("\">")
            for run in runs {
                h.raw("<path d=\"")
                let end = line.step ? nextX(after: run.last!.x, in: allX, fallback: stepEnd) : nil
                SVG.pathData(run, frame: frame, step: line.step, stepEnd: end, into: &h)
                h.raw("V")
                h.coordinate(frame.py(max(frame.yScale.lower, 0)))
                h.raw("H")
                h.coordinate(frame.px(run.first!.x))
                h.raw("Z\"/>")
            }
            h.raw("</g>")
        }
        h.raw("<g fill=\"none\" stroke=\"")
        h.raw(line.colour)
        h.raw("\" stroke-width=\"")
        h.number(line.width, decimals: 1)
        h.raw("\" stroke-linejoin=\"round\"")
        if let dash = line.dash {
            h.raw(" stroke-dasharray=\"")
            h.text(dash)
            h.raw("\"")
        }
        h.raw(">")
        for run in runs {
            if run.count == 1 && !line.step {
                let p = run.first!
                h.raw("<circle cx=\"")
                h.coordinate(frame.px(p.x))
                h.raw("\" cy=\"")
                h.coordinate(frame.py(p.y))
                h.raw("\" r=\"2.5\" fill=\"")
                h.raw(line.colour)
                h.raw("\"/>")
            } else {
                let end = line.step ? nextX(after: run.last!.x, in: allX, fallback: stepEnd) : nil
                h.raw("<path d=\"")
                SVG.pathData(run, frame: frame, step: line.step, stepEnd: end, into: &h)
                h.raw("\"/>")
            }
        }
        h.raw("</g>")
    }

    private static func draw(_ marker: AxisTick, frame: PlotFrame, into h: inout HTMLBuffer) {
        let px = frame.px(marker.x)
        h.raw("<g class=\"marker\"><line x1=\"")
        h.coordinate(px)
        h.raw("\" y1=\"")
        h.coordinate(frame.plotTop - 6)
        h.raw("\" x2=\"")
        h.coordinate(px)
        h.raw("\" y2=\"")
        h.coordinate(frame.plotBottom)
        h.raw("\"/>")
        let w = SVG.textWidth(marker.label, fontSize: 11)
        // Label to the right of the line unless it would leave the plot.
        let right = px + 6 + w <= frame.plotRight
        h.raw("<text x=\"")
        h.coordinate(right ? px + 6 : px - 6)
        h.raw("\" y=\"")
        h.coordinate(frame.plotTop - 8)
        h.raw(right ? "\">" : "\" text-anchor=\"end\">")
        h.text(marker.label)
        h.raw("</text></g>")
    }

    private func drawHitTargets(frame: PlotFrame, into h: inout HTMLBuffer) {
        h.raw("<g class=\"hit\">")
        var top = HTMLBuffer(), height = HTMLBuffer()
        top.coordinate(frame.plotTop)
        height.coordinate(frame.plotBottom - frame.plotTop)
        for t in hitTargets where t.x0.isFinite && t.x1.isFinite {
            let x0 = max(frame.plotLeft, frame.px(t.x0)), x1 = min(frame.plotRight, frame.px(t.x1))
            guard x1 > x0 else { continue }
            h.raw("<rect x=\"")
            h.coordinate(x0)
            h.raw("\" y=\"")
            h.raw(top)
            h.raw("\" width=\"")
            h.coordinate(x1 - x0)
            h.raw("\" height=\"")
            h.raw(height)
            h.raw("\"><title>")
            h.text(t.title)
            h.raw("</title></rect>")
        }
        h.raw("</g>")
    }

    private static func bandRuns(_ points: [BandPoint]) -> [[BandPoint]] {
        var result: [[BandPoint]] = []
        var current: [BandPoint] = []
        for p in points {
            if p.x.isFinite && p.low.isFinite && p.high.isFinite {
                current.append(BandPoint(x: p.x, low: min(p.low, p.high), high: max(p.low, p.high)))
            } else if !current.isEmpty {
                result.append(current)
                current = []
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
        if let i = xs.firstIndex(of: x), i + 1 < xs.count { return xs[i + 1] }
        return fallback
    }
}
