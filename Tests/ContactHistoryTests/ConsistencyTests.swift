import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Data accepted that would be wrong: outcomes above offered, fractional interval starts, files
/// without rows, totals that overflow; and files that must load (CR-only line ends).
final class ConsistencyTests: XCTestCase {
    func testAbandonedAboveOfferedBeyondTheTolerance() throws {
        // Offered 100 allows an excess of 5; offered 10 an excess of 1.
        let path = try write(
            """
            interval_start,queue,offered,handled,abandoned
            2026-03-02T08:00Z,q,100,96,10
            2026-03-02T08:30Z,q,100,,106
            2026-03-02T09:00Z,q,10,,12
            2026-03-02T09:30Z,q,100,100,5
            2026-03-02T10:00Z,q,10,,11
            2026-03-02T10:30Z,q,0,,1

            """, "outcomes.csv", in: self)
        let error = readError([path])
        XCTAssertEqual(error.issues.map(\.line), [2, 3, 4], error.description)
        guard error.issues.count == 3 else { return }
        XCTAssertEqual(error.issues.map(\.column), [28, 26, 25], "at the abandoned field: \(error.description)")
        XCTAssertTrue(
            error.issues[0].message.hasPrefix(
                "handled + abandoned (96 + 10) exceeds offered (100) by more than the tolerance of 1 contact or 5 % of offered"
            ), error.description)
        XCTAssertTrue(error.issues[1].message.hasPrefix("abandoned (106) exceeds offered (100)"), error.description)
        XCTAssertTrue(error.issues[1].message.hasSuffix("expected at most 105"), error.description)
        XCTAssertTrue(error.issues[2].message.hasPrefix("abandoned (12) exceeds offered (10)"), error.description)
        XCTAssertEqual(CountTolerance.excess(offered: 0), 1)
        XCTAssertEqual(CountTolerance.excess(offered: 400), 20)
    }

    func testFractionalSecondsInAnIntervalStartAreRefused() throws {
        let path = try write(
            "interval_start,offered\n2026-03-02T08:00:00Z,1\n2026-03-02T08:30:00.250Z,2\n2026-03-02T09:00:00.000Z,3\n",
            "fractions.csv", in: self)
        let error = readError([path])
        XCTAssertEqual(error.issues.count, 1, error.description)
        XCTAssertEqual(error.issues.first.map { [$0.line, $0.column] }, [3, 1])
        XCTAssertTrue(error.description.contains("fractional seconds are not allowed"), error.description)
    }

    func testAHeaderWithoutRowsIsAnError() throws {
        let path = try write("interval_start,queue,offered\n", "header-only.csv", in: self)
        let error = readError([path])
        XCTAssertEqual(error.issues.first.map { [$0.line, $0.column] }, [2, 1])
        XCTAssertTrue(error.description.contains("the file has a header but no rows"), error.description)
        // Also one header-only file among good ones.
        let good = try write("interval_start,queue,offered\n2026-03-02T08:00Z,q,1\n", "good.csv", in: self)
        XCTAssertEqual(readError([good, path]).issues.map(\.file), [path])
    }

    func testCROnlyLineEndsAreRead() throws {
        for chunk in [3, 4096] {
            let path = try write(
                "interval_start,queue,offered,aht_seconds\r2026-03-02T08:00Z,q,10,300\r2026-03-02T08:30Z,q,12,300\r",
                "mac.csv", in: self)
            var reader = HistoryReader()
            reader.chunkSize = chunk
            let s = try XCTUnwrap(reader.read([path]).series.first)
            XCTAssertEqual(s.offered, [10, 12], "chunk \(chunk)")
            XCTAssertEqual(s.handleSeconds, [3000, 3600])
        }
    }

    func testProductsThatOverflowAreRefused() throws {
        let path = try write(
            "interval_start,offered,aht_seconds\n2026-03-02T08:00Z,1e200,1e200\n", "overflow.csv", in: self)
        let error = readError([path])
        XCTAssertEqual(error.issues.first.map { [$0.line, $0.column] }, [2, 25])
        XCTAssertTrue(error.description.contains("the handle time: the total is too large"), error.description)
    }

    func testAHTIsPerOfferedContactWithoutAHandledColumn() throws {
        let path = try write(
            "interval_start,queue,offered,aht_seconds\n2026-03-02T08:00Z,q,10,300\n2026-03-02T08:30Z,q,12,200\n",
            "simplest.csv", in: self)
        let s = try XCTUnwrap(HistoryReader().read([path]).series.first)
        XCTAssertEqual(s.handleSeconds, [3000, 2400])
        XCTAssertEqual(s.handleTimeBase(0), 10)
        XCTAssertEqual(try XCTUnwrap(SeriesQuality(s).ahtSeconds), 5400.0 / 22, accuracy: 1e-12)
    }
}
