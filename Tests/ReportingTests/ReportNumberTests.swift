import CCPlanBase
import Reporting
import XCTest

final class ReportNumberTests: XCTestCase {
    func testNumbers() {
        XCTAssertEqual(ReportNumber.number(1234567.891, decimals: 1), "1,234,567.9")
        XCTAssertEqual(ReportNumber.number(999.96, decimals: 1), "1,000.0")
        XCTAssertEqual(ReportNumber.number(-1234.5, decimals: 0), "−1,235")
        XCTAssertEqual(ReportNumber.number(-0.04, decimals: 1), "0.0")
        XCTAssertEqual(ReportNumber.number(0.05, decimals: 2), "0.05")
        XCTAssertEqual(ReportNumber.number(nil), "–")
        XCTAssertEqual(ReportNumber.number(.nan), "–")
        XCTAssertEqual(ReportNumber.number(-.infinity), "–")
        XCTAssertEqual(ReportNumber.number(1e300), "1.00e300")
    }

    func testPercentAndAuto() {
        XCTAssertEqual(ReportNumber.percent(fraction: 0.8234), "82.3%")
        XCTAssertEqual(ReportNumber.signedPercent(4.25), "+4.3%")
        XCTAssertEqual(ReportNumber.signedPercent(-2), "−2.0%")
        XCTAssertEqual(ReportNumber.signedPercent(0.01), "±0.0%")
        XCTAssertEqual(ReportNumber.auto(1234.4), "1,234")
        XCTAssertEqual(ReportNumber.auto(12.34), "12.3")
        XCTAssertEqual(ReportNumber.auto(0.123), "0.12")
    }

    func testCoordinates() {
        XCTAssertEqual(ReportNumber.coordinate(12.345), "12.3")
        XCTAssertEqual(ReportNumber.coordinate(4), "4")
        XCTAssertEqual(ReportNumber.coordinate(-0.26), "-0.3")
        XCTAssertEqual(ReportNumber.coordinate(.nan), "0")
    }
}

final class ReportNumberGroupingTests: XCTestCase {
    func testThousandsSeparators() {
        XCTAssertEqual(ReportNumber.number(0), "0")
        XCTAssertEqual(ReportNumber.number(999), "999")
        XCTAssertEqual(ReportNumber.number(1_000), "1,000")
        XCTAssertEqual(ReportNumber.number(123_456), "123,456")
        XCTAssertEqual(ReportNumber.number(1_234_567_890), "1,234,567,890")
        XCTAssertEqual(ReportNumber.number(1_234_567, separators: false), "1234567")
        XCTAssertEqual(ReportNumber.number(-1_000_000.25, decimals: 2), "−1,000,000.25")
    }

    func testRoundingIsHalfAwayFromZeroOnTheScaledValue() {
        // 0.125, 2.5 and 12.25 are exact in binary: the report rounds ties away from zero
        // (printf, and CCPlanBase.fixed, round them to even).
        XCTAssertEqual(ReportNumber.number(0.125, decimals: 2), "0.13")
        XCTAssertEqual(ReportNumber.number(2.5), "3")
        XCTAssertEqual(ReportNumber.number(-2.5), "−3")
        XCTAssertEqual(ReportNumber.number(12.25, decimals: 1), "12.3")
        XCTAssertEqual(ReportNumber.number(0.001, decimals: 2), "0.00")
        XCTAssertEqual(ReportNumber.number(0.07, decimals: 6), "0.070000")
        XCTAssertEqual(ReportNumber.number(1.5, decimals: 9), "1.500000")  // at most 6 decimals
    }

    func testScientificForHugeValues() {
        XCTAssertEqual(ReportNumber.number(-2.5e20), "−2.50e20")
        XCTAssertEqual(ReportNumber.number(1.5e16), "1.50e16")
        XCTAssertEqual(ReportNumber.number(1e15, decimals: 1), "1.00e15")  // 10¹⁶ tenths: beyond exact integers
    }

    func testPercentNilAndAppend() {
        XCTAssertEqual(ReportNumber.percent(fraction: nil), "–")
        XCTAssertEqual(ReportNumber.percent(fraction: 1, decimals: 0), "100%")
        XCTAssertEqual(ReportNumber.signedPercent(nil), "–")
        XCTAssertEqual(ReportNumber.auto(0), "0")
        XCTAssertEqual(ReportNumber.auto(-5), "−5.0")
        XCTAssertEqual(ReportNumber.auto(.infinity), "–")
    }

    func testCoordinatesNeverShowNegativeZero() {
        XCTAssertEqual(ReportNumber.coordinate(-0.04), "0")
        XCTAssertEqual(ReportNumber.coordinate(-0.05), "-0.1")
        XCTAssertEqual(ReportNumber.coordinate(1e300), "0")
        XCTAssertEqual(ReportNumber.coordinate(1234.56), "1234.6")
    }

    func testDecimalsForStep() {
        XCTAssertEqual(ReportNumber.decimals(forStep: 5), 0)
        XCTAssertEqual(ReportNumber.decimals(forStep: 0.25), 2)
        XCTAssertEqual(ReportNumber.decimals(forStep: 2.5e-9), 6)
        XCTAssertEqual(ReportNumber.decimals(forStep: .nan), 0)
    }
}
