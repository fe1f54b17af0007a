import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Bad rows are errors at file:line:column; duplicates follow the policy.
final class StrictnessTests: XCTestCase {
    func testEveryErrorClassNamesItsLineAndColumn() throws {
        try assertIssue(
            "err-non-numeric.csv", line: 3, column: 27, "offered: expected a non-negative number, found \"abc\"")
        try assertIssue(
            "err-negative.csv", line: 2, column: 29, "handled: expected a non-negative number, found \"-1\"")
        try assertIssue("err-non-finite.csv", line: 3, column: 27, "expected a finite number, found \"NaN\"")
        try assertIssue("err-handled-exceeds.csv", line: 2, column: 29, "handled (6) exceeds offered (5)")
        try assertIssue("err-unknown-channel.csv", line: 2, column: 27, "expected voice, chat or email, found \"fax\"")
        try assertIssue("err-missing-column.csv", line: 1, column: 1, "missing required column \"offered\"")
        try assertIssue("err-bad-date.csv", line: 3, column: 9, "no such date")
        try assertIssue("err-duplicate.csv", line: 4, column: 1, "duplicate row for queue \"billing\" (voice)")
        try assertIssue("err-mixed-interval.csv", line: 5, column: 1, "mixed interval lengths")
        try assertIssue("err-field-count.csv", line: 2, column: 26, "expected 3 fields as in the header, found 2")
    }

    func testIssuesFoundAfterReadingPointAtTheTimestampColumn() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("first.csv").path
        let second = directory.appendingPathComponent("second.csv").path
        try Data("queue,interval_start,offered\nbilling,2026-03-02T08:00Z,5\n".utf8).write(
            to: URL(fileURLWithPath: first))
        try Data("offered,queue,interval_start\n1,billing,2026-03-02T08:30Z\n2,billing,2026-03-02T08:00Z\n".utf8)
            .write(to: URL(fileURLWithPath: second))
        XCTAssertThrowsError(try HistoryReader().read([first, second])) { error in
            let issues = (error as? HistoryError)?.issues ?? []
            XCTAssertEqual(issues.count, 1, "\(error)")
            XCTAssertEqual(issues.first?.file, second)
            XCTAssertEqual(issues.first?.line, 3)
            XCTAssertEqual(issues.first?.column, 11)
            XCTAssertTrue(issues.first?.message.contains("first given at \(first):2") == true, "\(error)")
        }
    }

    func testAtMostTwentyIssuesAreListed() throws {
        let error = try issues("err-many.csv")
        XCTAssertEqual(error.totalCount, 25)
        let lines = error.description.split(separator: "\n")
        XCTAssertEqual(lines.count, 21)
        XCTAssertEqual(lines.last, "… and 5 more errors not listed")
        XCTAssertTrue(
            lines[0].hasSuffix("err-many.csv:2:19: offered: expected a non-negative number, found \"x0\""),
            String(lines[0]))
    }

    func testDuplicatePolicies() throws {
        let sum = try XCTUnwrap(load(["err-duplicate.csv"], HistoryReadOptions(onDuplicate: .sum)).series.first)
        XCTAssertEqual(sum.offered, [5, 13])
        let last = try XCTUnwrap(load(["err-duplicate.csv"], HistoryReadOptions(onDuplicate: .last)).series.first)
        XCTAssertEqual(last.offered, [5, 7])
    }

    func testDuplicatesAcrossFilesAreFound() throws {
        XCTAssertThrowsError(try load(["canonical.csv", "canonical.csv"])) { error in
            XCTAssertTrue("\(error)".contains("first given at"), "\(error)")
        }
    }
}
