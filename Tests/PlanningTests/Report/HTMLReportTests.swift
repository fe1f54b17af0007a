import Foundation
import XCTest

@testable import Planning

#if canImport(FoundationXML)
import FoundationXML
#endif

final class HTMLReportTests: XCTestCase {
    typealias Doc = PlanReportDocument

    // MARK: Escaping

    func testQueueNameIsEscapedEverywhere() {
        var doc = HTMLReportSample.document()
        let evil = "<script>&\"x\"'"
        doc.title = evil
        doc.sections[0].queue = evil
        doc.summary[0].queue = evil
        doc.scenarios[0].name = evil
        doc.assumptions[0].definition = evil
        doc.dataQuality[0].warnings = [evil]
        doc.warnings.append(evil)
        doc.sections[0].typicalWeek[0].weekday = evil
        let html = renderHTML(doc)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains(evil))
        XCTAssertTrue(html.contains("&lt;script&gt;&amp;&quot;x&quot;&#39;"))
        assertSVGFragmentsAreXML(html)
    }

    func testChartsHaveBandMarkerLegendsAndTooltips() {
        let html = renderHTML(HTMLReportSample.document())
        XCTAssertEqual(html.components(separatedBy: "<polygon").count - 1, 3)  // one p10–p90 band per queue
        XCTAssertTrue(html.contains("Forecast starts 2026-03-02"))
        XCTAssertTrue(html.contains("p10–p90 prediction band"))
        XCTAssertTrue(html.contains("Shortfall (scheduled below required)"))
        XCTAssertTrue(html.contains("<title>2026-03-02: forecast 1,259, p10–p90 1,161–1,357"))  // native hover tooltip
        XCTAssertTrue(html.contains("<td class=\"num\">25,647</td>"))  // thousands separators
        XCTAssertTrue(html.contains("id=\"q3\""))
        XCTAssertTrue(html.contains("href=\"#scenarios\""))
    }

    // MARK: Determinism and robustness

    func testRenderingIsDeterministic() {
        let doc = HTMLReportSample.document()
        let a = renderHTML(doc)
        let b = renderHTML(doc)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, renderHTML(HTMLReportSample.document()))
    }

    func testNonFiniteValuesNeverPrinted() {
        var doc = HTMLReportSample.document()
        doc.sections[0].series[3].actual = .nan
        doc.sections[0].series[60].forecast = .infinity
        doc.sections[0].series[61].low = -.infinity
        doc.sections[0].series[62].high = .nan
        doc.sections[1].series = doc.sections[1].series.map {
            var p = $0; p.actual = p.actual.map { _ in .nan }; return p
        }
        doc.sections[0].typicalWeek[5].required = .nan
        doc.sections[0].typicalWeek[6].scheduled = .infinity
        doc.sections[0].dailyFTE[0].points[2].fte = .nan
        doc.summary[0].volume = .nan
        doc.summary[1].serviceLevel = .infinity
        doc.scenarios[1].fte = .nan
        doc.scenarios[1].deltaVsBasePercent = .nan
        doc.scenarios[2].cost = .infinity
        let html = renderHTML(doc)
        assertNoNonFiniteText(html)
        assertSVGFragmentsAreXML(html)
    }

    func testAllNaNSeriesRendersPlaceholder() {
        let points = (0..<10).map {
            Doc.SeriesPoint(time: Int64($0) * 86_400, label: "d\($0)", actual: .nan, forecast: .nan)
        }
        let doc = Doc(title: "x", sections: [.init(queue: "Q", channel: "Voice", series: points)])
        let html = renderHTML(doc)
        XCTAssertTrue(html.contains("No history or forecast data."))
        assertNoNonFiniteText(html)
    }

    func testEdgeCases() {
        let single = Doc.QueueSection(
            queue: "One", channel: "Voice",
            series: [.init(time: 1_000_000, label: "only", actual: 5)],
            typicalWeek: [.init(weekday: "Mon", time: "08:00", required: 3, scheduled: 2)],
            dailyFTE: [.init(name: "Base", points: [.init(time: 1_000_000, label: "only", fte: 1.5)])])
        let zeros = Doc.QueueSection(
            queue: "Zero", channel: "Chat",
            series: (0..<30).map {
                .init(
                    time: Int64($0) * 86_400, label: "d\($0)", actual: $0 < 20 ? 0 : nil, forecast: $0 < 20 ? nil : 0,
                    low: 0, high: 0)
            },
            typicalWeek: (0..<20).map {
                .init(weekday: $0 < 10 ? "Mon" : "Tue", time: "t\($0)", required: 0, scheduled: 0)
            },
            dailyFTE: [
                .init(name: "Base", points: (20..<30).map { .init(time: Int64($0) * 86_400, label: "d\($0)", fte: 0) })
            ])
        let empty = Doc.QueueSection(queue: "Empty", channel: "")
        let doc = Doc(
            title: "Edge", sections: [single, zeros, empty],
            scenarios: [.init(name: "Base", fte: nil, hours: nil, serviceLevel: nil, isBase: true)])
        let html = renderHTML(doc)
        assertNoNonFiniteText(html)
        assertSVGFragmentsAreXML(html)
        XCTAssertTrue(html.contains("<circle"))  // a single point is drawn as a dot
        XCTAssertTrue(html.contains("No typical-week requirement."))
        XCTAssertTrue(html.contains("No daily FTE."))
        // An entirely empty document is still a complete page.
        let minimal = renderHTML(Doc(title: ""))
        XCTAssertTrue(minimal.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(minimal.hasSuffix("</html>\n"))
    }

    // MARK: Well-formedness and self-containment

    func testEverySVGIsClosedAndParsesAsXML() {
        let html = renderHTML(HTMLReportSample.document())
        let opens = html.components(separatedBy: "<svg").count - 1
        let closes = html.components(separatedBy: "</svg>").count - 1
        XCTAssertEqual(opens, closes)
        XCTAssertGreaterThan(opens, 9)
        assertSVGFragmentsAreXML(html)
        for tag in ["html", "head", "body", "section", "table", "figure", "ul", "div"] {
            XCTAssertEqual(
                html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 2,
                html.components(separatedBy: "</\(tag)>").count - 1, "unbalanced <\(tag)>")
        }
    }

    func testNoExternalReferences() {
        let html = renderHTML(HTMLReportSample.document()).lowercased()
        for needle in ["http://", "https://", "src=", "@import", "url(", "<script", "<link", "//fonts", "<img"] {
            XCTAssertFalse(html.contains(needle), "found \(needle)")
        }
    }

    func testLargeDocumentStaysSmall() {
        // 3 queues × 2 years of daily history + 13 weeks of forecast.
        let doc = HTMLReportSample.document(historyWeeks: 104, forecastWeeks: 13)
        let html = renderHTML(doc)
        XCTAssertLessThan(html.utf8.count, 2_000_000)
        assertSVGFragmentsAreXML(html)
    }

    func testThousandsOfPointsAreDownsampled() {
        let n = 20_000
        let points = (0..<n).map { i in
            Doc.SeriesPoint(
                time: Int64(i) * 3_600, label: "h\(i)", actual: i < n / 2 ? Double(i % 97) : nil,
                forecast: i >= n / 2 ? 50 : nil, low: i >= n / 2 ? 40 : nil, high: i >= n / 2 ? 60 : nil)
        }
        let html = renderHTML(Doc(title: "big", sections: [.init(queue: "Q", channel: "V", series: points)]))
        XCTAssertLessThan(html.utf8.count, 300_000)
        assertSVGFragmentsAreXML(html)
    }

    // MARK: Helpers

    func assertNoNonFiniteText(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        let lower = html.lowercased()
        for needle in ["nan", "inf"] {
            // Word-bounded: "nan" or "inf" not part of a longer word (e.g. "infinity" is also caught).
            var search = lower[...]
            while let r = search.range(of: needle) {
                let before = r.lowerBound == lower.startIndex ? " " : lower[lower.index(before: r.lowerBound)]
                if !(before.isLetter) {
                    let context = String(lower[r.lowerBound...].prefix(20))
                    // Allow ordinary words that start with these letters.
                    let allowed = ["inform", "info", "inflat", "inf-", "nano"]
                    if !allowed.contains(where: { context.hasPrefix($0) }) {
                        XCTFail("found non-finite text near: \(context)", file: file, line: line)
                        return
                    }
                }
                search = lower[r.upperBound...]
            }
        }
    }

    func assertSVGFragmentsAreXML(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        var rest = html[...]
        var count = 0
        while let start = rest.range(of: "<svg") {
            guard let end = rest[start.lowerBound...].range(of: "</svg>") else {
                XCTFail("unclosed <svg", file: file, line: line)
                return
            }
            let fragment = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(fragment.utf8))
            if !parser.parse() {
                XCTFail(
                    "SVG fragment is not XML: \(parser.parserError.map { "\($0)" } ?? "?") in \(fragment.prefix(300))",
                    file: file, line: line)
                return
            }
            count += 1
            rest = rest[end.upperBound...]
        }
        XCTAssertGreaterThan(count, 0, file: file, line: line)
    }
}
