import Reporting
import XCTest

/// Chart geometry checked against positions worked out by hand from the layout rules: a
/// 960 × 300 chart, plot area from `left` (48, or 30 + the widest y label + 10) to 960 − 18,
/// from y = 22 to 300 − 30 = 270.
final class LineChartTests: XCTestCase {
    func chart(_ points: [ChartPoint], step: Bool = false, xDomain: ClosedRange<Double>? = nil) -> String? {
        LineChart(
            label: "Test", yTitle: "Agents",
            series: [.init(name: "a", colour: "#123456", points: points, step: step)], xDomain: xDomain
        ).render()
    }

    func testTwoPointsMapToThePlotCorners() throws {
        // y ticks 0, 2, …, 10 (decimals 0); the widest label "10" is 2 × 0.56 × 11 = 12.32 wide,
        // so left = max(48, 30 + 12.32 + 10) = 52.32: x = 0 → 52.3, x = 10 → 942; y = 0 → 270, y = 10 → 22.
        let svg = try XCTUnwrap(chart([.init(x: 0, y: 0), .init(x: 10, y: 10)]))
        XCTAssertTrue(svg.contains("<path d=\"M52.3 270L942 22\"/>"), svg)
        XCTAssertTrue(svg.hasPrefix("<svg class=\"chart\" viewBox=\"0 0 960 300\" role=\"img\" aria-label=\"Test\""))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        // Gridlines at every tick: y = 270 − k × 248 / 5.
        for y in ["270", "220.4", "170.8", "121.2", "71.6", "22"] {
            XCTAssertTrue(svg.contains("<line x1=\"52.3\" y1=\"\(y)\" x2=\"942\" y2=\"\(y)\"/>"), y)
        }
        assertXML(svg)
    }

    func testStepLineHoldsEachValueUntilTheNextPoint() throws {
        // y from 0 (includeZero) to 2: the nice step for 6 ticks is 0.5, labels "0.0" … "2.0", each
        // 3 × 0.56 × 11 = 18.48 wide → left = 30 + 18.48 + 10 = 58.48.
        let svg = try XCTUnwrap(chart([.init(x: 0, y: 1), .init(x: 1, y: 2)], step: true, xDomain: 0...2))
        // px(x) = 58.48 + x × (942 − 58.48) / 2: 0 → 58.5, 1 → 500.2, 2 → 942; py(1) = 146, py(2) = 22.
        XCTAssertTrue(svg.contains("<path d=\"M58.5 146H500.2V22H942\"/>"), svg)
    }

    func testGapsSplitTheLineAndSinglePointsAreDots() throws {
        let svg = try XCTUnwrap(chart([.init(x: 0, y: 1), .init(x: 1, y: 1), .init(x: 2, y: .nan), .init(x: 3, y: 1)]))
        XCTAssertEqual(occurrences(of: "<path", in: svg), 1)
        XCTAssertEqual(occurrences(of: "<circle", in: svg), 1)
        assertXML(svg)
    }

    func testNothingFiniteGivesNoChart() {
        XCTAssertNil(chart([.init(x: 0, y: .nan), .init(x: .infinity, y: 1)]))
        XCTAssertNil(chart([]))
        var h = HTMLBuffer()
        XCTAssertFalse(LineChart(label: "x", yTitle: "", series: []).render(into: &h))
        XCTAssertTrue(h.bytes.isEmpty)
    }

    func testLongSeriesAreDownsampled() throws {
        let points = (0..<10_000).map { ChartPoint(x: Double($0), y: Double($0 % 10)) }
        let svg = try XCTUnwrap(
            LineChart(
                label: "x", yTitle: "", series: [.init(name: "a", colour: "#000", points: points)],
                maxPointsPerSeries: 100
            ).render())
        XCTAssertLessThanOrEqual(occurrences(of: "L", in: svg), 100)
    }

    func testBandsHighlightsMarkerAndHitTargets() throws {
        var c = LineChart(
            label: "A & B", yTitle: "Contacts",
            series: [
                .init(name: "f", colour: Palette.forecast, points: [.init(x: 0, y: 5), .init(x: 1, y: 6)], dash: "6 4")
            ],
            bands: [
                .init(
                    name: "p10–p90", colour: Palette.forecast,
                    points: [BandPoint(x: 0, low: 4, high: 7), BandPoint(x: 1, low: 4, high: 7)])
            ])
        c.highlights = [.init(x0: 0, x1: 1, y0: 5, y1: 6)]
        c.marker = AxisTick(x: 0.5, label: "Forecast <starts>")
        c.hitTargets = [
            HitTarget(x0: -1, x1: 0.5, title: "first \"half\""), HitTarget(x0: 0.7, x1: 0.6, title: "empty"),
        ]
        let svg = try XCTUnwrap(c.render())
        XCTAssertEqual(occurrences(of: "<polygon", in: svg), 1)
        XCTAssertTrue(svg.contains("stroke-dasharray=\"6 4\""))
        XCTAssertTrue(svg.contains("aria-label=\"A &amp; B\""))
        XCTAssertTrue(svg.contains("Forecast &lt;starts&gt;"))
        XCTAssertTrue(svg.contains("<title>first &quot;half&quot;</title>"))
        XCTAssertFalse(svg.contains("empty"))  // x1 < x0: no target
        assertXML(svg)
    }
}

final class BarChartTests: XCTestCase {
    func testBarsLabelsAndMissingValues() throws {
        let bars = [
            BarChart.Bar(label: "base", value: 10, valueLabel: "10.0 FTE", colour: Palette.blue, tooltip: "base: 10"),
            BarChart.Bar(label: "no value", value: nil, valueLabel: "–", colour: Palette.skyBlue, tooltip: "none"),
            BarChart.Bar(
                label: String(repeating: "W", count: 80), value: 20, valueLabel: "20.0 FTE", colour: Palette.skyBlue,
                tooltip: "<w>"),
        ]
        let svg = try XCTUnwrap(BarChart(label: "FTE", axisTitle: "Average FTE", bars: bars).render())
        XCTAssertEqual(occurrences(of: "<rect", in: svg), 2)
        XCTAssertEqual(occurrences(of: "<g class=\"bar\">", in: svg), 3)
        XCTAssertTrue(svg.contains("…</text>"))  // the long label is shortened to fit 240 units
        XCTAssertTrue(svg.contains("&lt;w&gt;"))
        XCTAssertTrue(svg.contains(">Average FTE</text>"))
        assertXML(svg)
        XCTAssertNil(BarChart(label: "x", axisTitle: "", bars: []).render())
    }

    func testTruncation() {
        XCTAssertEqual(BarChart.truncated("short", width: 100, fontSize: 12), "short")
        let cut = BarChart.truncated("abcdefghijklmnopqrstuvwxyz", width: 60, fontSize: 10)
        XCTAssertTrue(cut.hasSuffix("…"))
        XCTAssertLessThanOrEqual(SVG.textWidth(cut, fontSize: 10), 60)
    }
}
