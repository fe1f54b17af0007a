@testable import Planning
import XCTest

final class HTMLReportFormatTests: XCTestCase {
    func testNumbers() {
        XCTAssertEqual(HTMLReportFormat.number(1234567.891, decimals: 1), "1,234,567.9")
        XCTAssertEqual(HTMLReportFormat.number(999.96, decimals: 1), "1,000.0")
        XCTAssertEqual(HTMLReportFormat.number(-1234.5, decimals: 0), "−1,235")
        XCTAssertEqual(HTMLReportFormat.number(-0.04, decimals: 1), "0.0")
        XCTAssertEqual(HTMLReportFormat.number(0.05, decimals: 2), "0.05")
        XCTAssertEqual(HTMLReportFormat.number(nil), "–")
        XCTAssertEqual(HTMLReportFormat.number(.nan), "–")
        XCTAssertEqual(HTMLReportFormat.number(-.infinity), "–")
        XCTAssertEqual(HTMLReportFormat.number(1e300), "1.00e300")
    }

    func testPercentAndAuto() {
        XCTAssertEqual(HTMLReportFormat.percent(fraction: 0.8234), "82.3%")
        XCTAssertEqual(HTMLReportFormat.signedPercent(4.25), "+4.3%")
        XCTAssertEqual(HTMLReportFormat.signedPercent(-2), "−2.0%")
        XCTAssertEqual(HTMLReportFormat.signedPercent(0.01), "±0.0%")
        XCTAssertEqual(HTMLReportFormat.auto(1234.4), "1,234")
        XCTAssertEqual(HTMLReportFormat.auto(12.34), "12.3")
        XCTAssertEqual(HTMLReportFormat.auto(0.123), "0.12")
    }

    func testCoordinates() {
        XCTAssertEqual(HTMLReportFormat.coordinate(12.345), "12.3")
        XCTAssertEqual(HTMLReportFormat.coordinate(4), "4")
        XCTAssertEqual(HTMLReportFormat.coordinate(-0.26), "-0.3")
        XCTAssertEqual(HTMLReportFormat.coordinate(.nan), "0")
    }
}
