import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Memory bounded by the input: grids that would be mostly absent, or too large, are refused
/// before they are built.
final class MemoryBoundsTests: XCTestCase {
    /// Issue 13's reproduction: 102 bytes, one queue on a 1-minute grid, rows in 1960 and 2027
    /// (35 million intervals, 3.1 GB before).
    static let sparse =
        "interval_start,queue,interval_minutes,offered\n1960-01-01T00:00:00Z,q1,1,1\n2027-01-01T00:00:00Z,q1,1,1\n"

    func testAMostlyAbsentGridIsRefusedAtTheRowThatStretchesIt() throws {
        let path = try write(Self.sparse, "sparse.csv", in: self)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)).count, 102)
        let error = readError([path])
        XCTAssertEqual(error.issues.count, 1, error.description)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual([issue.line, issue.column], [3, 1])
        XCTAssertTrue(
            issue.message.contains("queue \"q1\" (voice) would span 35239681 1-minute intervals"), issue.message)
        XCTAssertTrue(issue.message.contains("from 1960-01-01T00:00:00+00:00 (\(path):2)"), issue.message)
        XCTAssertTrue(issue.message.contains("of its grid would be absent"), issue.message)
    }

    func testTheTotalIsBoundedNotJustEachSeries() throws {
        // Four queues, each 1/10 of the floor's worth of intervals with 2 rows, stay within any
        // per-series bound; together they pass the floor and are refused.
        var limits = HistoryLimits()
        limits.sparseGridFloor = 40_000
        var text = "interval_start,queue,interval_minutes,offered\n"
        for q in 1...4 {
            text += "2026-01-01T00:00Z,q\(q),5,1\n\(iso8601(utc(2026, 1, 1) + 12_000 * 300, offset: 0)),q\(q),5,1\n"
        }
        let path = try write(text, "four.csv", in: self)
        let error = readError([path], HistoryReadOptions(limits: limits))
        XCTAssertEqual(error.issues.count, 3, "the three largest sparse series are named: \(error.description)")
        XCTAssertTrue(error.issues.allSatisfy { $0.message.contains("48004 intervals") }, error.description)
        // One queue alone stays under the floor and loads.
        let one = try write(text.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n", "one.csv", in: self)
        XCTAssertEqual(
            try HistoryReader(options: HistoryReadOptions(limits: limits)).read([one]).series.first?.count, 12_001)
    }

    func testDenseGridsAndSmallSparseOnesLoad() throws {
        // 92 % absent, but small: under the floor.
        let us = try load(["us-bank-extract.csv"], HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
        XCTAssertEqual(us.series.first?.absentCount, 45)
        // Dense: 4 weeks of half-hours with a row each, far beyond a tiny floor.
        var limits = HistoryLimits()
        limits.sparseGridFloor = 10
        let path = try write("interval_start,queue,offered\n" + halfHourRows(), "dense.csv", in: self)
        XCTAssertEqual(
            try HistoryReader(options: HistoryReadOptions(limits: limits)).read([path]).series.first?.count, 1344)
    }

    func testSeriesAndTotalMaxima() throws {
        let path = try write("interval_start,queue,offered\n" + halfHourRows(days: 2), "two-days.csv", in: self)
        var limits = HistoryLimits()
        limits.maximumSeriesIntervals = 95
        var error = readError([path], HistoryReadOptions(limits: limits))
        XCTAssertTrue(error.description.contains("more than 95 intervals in one series"), error.description)
        limits = HistoryLimits()
        limits.maximumTotalIntervals = 95
        error = readError([path], HistoryReadOptions(limits: limits))
        XCTAssertTrue(error.description.contains("would take 96 intervals"), error.description)
        XCTAssertEqual(error.issues.first?.line, 97)
    }
}
