import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The outlier rule: a robust z-score of ln(1 + offered) across a series.
final class OutlierTests: XCTestCase {
    func testScoresAgainstAHandComputation() {
        // 21 counts whose ln(1 + x) are 1 (×5), 2 (×15) and 9: the median of the logs is 2 (the
        // 11th); the deviations are 1 (×5), 0 (×15) and 7, with median 0, so the scale is the
        // floor 0.5 and z(9) = (9 − 2) / 0.5 = 14.
        let values = Array(repeating: expm1(1.0), count: 5) + Array(repeating: expm1(2.0), count: 15)
        let (median, found) = OutlierRule.outliers(values + [expm1(9.0), 0, 0, .nan])
        XCTAssertEqual(median, expm1(2.0), accuracy: 1e-12)
        XCTAssertEqual(found.map(\.index), [20])
        XCTAssertEqual(try XCTUnwrap(found.first).z, 14, accuracy: 1e-12)
        // Around z = 10 (ln(1 + x) = 7): 6.99 is kept, 7.01 flagged.
        XCTAssertTrue(OutlierRule.outliers(values + [expm1(6.99)]).outliers.isEmpty)
        XCTAssertEqual(OutlierRule.outliers(values + [expm1(7.01)]).outliers.map(\.index), [20])
    }

    func testAWideSeriesWidensTheScale() {
        // ln(1 + x) = 1 … 21 and one more value v: with v far above, the median of the 22 logs is
        // (11 + 12) / 2 = 11.5, the deviations of 1 … 21 are 0.5, 0.5, 1.5, 1.5, … so their
        // median (with v's) is 5.5 and the scale 1.4826 × 5.5 = 8.154: v is an outlier above
        // 11.5 + 10 × 8.154 = 93.04.
        let values = (1...21).map { expm1(Double($0)) }
        XCTAssertTrue(OutlierRule.outliers(values + [expm1(93)]).outliers.isEmpty)
        let found = OutlierRule.outliers(values + [expm1(94)]).outliers
        XCTAssertEqual(found.map(\.index), [21])
        XCTAssertEqual(try XCTUnwrap(found.first).z, (94 - 11.5) / (1.4826 * 5.5), accuracy: 1e-9)
    }

    func testTooFewIntervalsAreNotJudged() {
        XCTAssertTrue(OutlierRule.outliers(Array(repeating: 10, count: 18) + [1e9]).outliers.isEmpty)
        XCTAssertEqual(OutlierRule.outliers(Array(repeating: 10, count: 19) + [1e9]).outliers.map(\.index), [19])
    }

    /// Issue 13: a spike of 1e9 calls in one interval.
    func testASpikeIsRefusedAtItsRowAndColumn() throws {
        let spikeRow = 48 * 9 + 24  // Wednesday 2026-03-11 12:00Z
        let text = "interval_start,queue,offered\n" + halfHourRows { $0 == spikeRow ? 1e9 : dayCurve($0) }
        let path = try write(text, "spike.csv", in: self)
        let error = readError([path])
        XCTAssertEqual(error.issues.count, 1, error.description)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual([issue.line, issue.column], [spikeRow + 2, "2026-03-11T12:00:00+00:00,billing,".count + 1])
        XCTAssertTrue(
            issue.message.hasPrefix(
                "offered: 1000000000 at 2026-03-11T12:00:00+00:00 is an outlier for queue \"billing\" (voice): robust z-score"
            ), issue.message)
        XCTAssertTrue(issue.message.contains("--accept-outliers"), issue.message)
        // Accepted: kept, and listed.
        let history = try HistoryReader(options: HistoryReadOptions(outliers: .accept)).read([path])
        let s = try XCTUnwrap(history.series.first)
        XCTAssertEqual(s.offered[spikeRow], 1e9)
        XCTAssertEqual(s.readNotes.outliers.map(\.start), [utc(2026, 3, 11, 12)])
        XCTAssertEqual(SeriesQuality(s).outliers.map(\.intervalStart), ["2026-03-11T12:00:00+00:00"])
        // Without the spike nothing is flagged.
        let clean = try write("interval_start,queue,offered\n" + halfHourRows(), "clean.csv", in: self)
        XCTAssertNoThrow(try HistoryReader().read([clean]))
    }

    func testSampleDataHasNoOutliers() throws {
        let generator = SampleHistoryGenerator(queueCount: 6, years: 1)
        let path = try temporaryDirectory().appendingPathComponent("sample.csv").path
        _ = try generator.writeHistory(to: path)
        let history = try ContactHistory.load([path], options: HistoryReadOptions(timeZone: berlin, outliers: .accept))
        XCTAssertEqual(history.series.flatMap(\.readNotes.outliers).count, 0)
    }
}
