import Reporting
import XCTest

final class ReportKitTests: XCTestCase {
    func testTableFoldedWithNumericColumns() {
        let html = ReportKit.table(
            header: ["Week", "FTE"], numeric: [1], rows: [["2026-W01", "1,234.5"], ["<b>", "–"]],
            collapsedSummary: "All weeks")
        XCTAssertEqual(
            html,
            """
            <details class="data"><summary>All weeks</summary>
            <div class="tablewrap"><table>
            <thead><tr><th>Week</th><th class="num">FTE</th></tr></thead>
            <tbody>
            <tr><td>2026-W01</td><td class="num">1,234.5</td></tr>
            <tr><td>&lt;b&gt;</td><td class="num">–</td></tr>
            </tbody>
            </table></div>
            </details>

            """)
    }

    func testLineChartWithShortfallLegendAndCaption() {
        let html = ReportKit.lineChart(
            label: "FTE", yTitle: "FTE",
            lines: [.init(name: "Required", colour: ReportKit.vermillion, points: [(0, 1), (1, 2)], step: true)],
            ticks: [.init(x: 0, label: "W1")], highlights: [.init(x0: 0, x1: 1, y0: 1, y1: 2)],
            hover: [(0, 1, "week 1")],
            caption: "A & B")
        XCTAssertTrue(html.hasPrefix("<figure><svg class=\"chart\""))
        XCTAssertTrue(html.contains("Shortfall</li></ul><figcaption>A &amp; B</figcaption></figure>\n"))
        XCTAssertTrue(html.contains("<title>week 1</title>"))
        XCTAssertEqual(
            ReportKit.lineChart(label: "x", yTitle: "", lines: [], ticks: []), "<div class=\"empty\">No data.</div>\n")
        XCTAssertEqual(ReportKit.barChart(label: "x", axisTitle: "", bars: []), "")
    }

    func testPageEscapesTheCallout() {
        let html = ReportKit.page(
            title: "Capacity", subtitle: "", version: "1.0", generatedAt: "", keyFigures: [("Cost", "12", "")],
            callout: "2 weeks < target",
            sections: [(id: "a", title: "A", html: ReportKit.section(id: "a", title: "A", body: "<p>x</p>"))])
        XCTAssertTrue(html.contains("<div class=\"callout\">2 weeks &lt; target</div>"))
        XCTAssertTrue(html.contains("<section class=\"card\" id=\"a\">\n<h2>A</h2>\n<p>x</p></section>\n"))
        XCTAssertFalse(html.contains("<nav"))
        XCTAssertEqual(ReportKit.percent(0.5), "50.0%")
    }
}
