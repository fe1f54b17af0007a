import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Rows inside a spring-forward gap, as real exports have them (the Anonymous Bank export lists
/// 1999-04-02 02:00 and 02:30, which Asia/Jerusalem skipped, with zero contacts).
final class DSTGapTests: XCTestCase {
    let jerusalem = TimeZone(identifier: "Asia/Jerusalem")!

    func options(_ gap: DSTGapPolicy = .error, duplicates: DuplicatePolicy = .error) -> HistoryReadOptions {
        HistoryReadOptions(
            timeZone: jerusalem,
            mappings: [
                .intervalStart: "timestamp", .handled: "answered", .ahtSeconds: "aht_sec",
                .waitSeconds: "mean_queue_sec",
            ],
            onDuplicate: duplicates, dstGap: gap)
    }

    func testRowsWithoutContactsInTheGapAreDroppedAndCounted() throws {
        let history = try load(["anon-bank-dst-gap.csv"], options())
        XCTAssertEqual(history.rowCount, 20)
        let s = try XCTUnwrap(history.series.first)
        XCTAssertEqual(s.readNotes.droppedGapRows, 2)
        XCTAssertEqual(s.readNotes.shiftedGapRows, 0)
        // 1999-04-01 20:00 +02:00 to 1999-04-02 05:30 +03:00: 18 half-hours, all observed.
        XCTAssertEqual(s.start, utc(1999, 4, 1, 18))
        XCTAssertEqual(s.count, 18)
        XCTAssertEqual(s.observedCount, 18)
        XCTAssertEqual(s.isoStart(12), "1999-04-02T03:00:00+03:00")
        XCTAssertEqual(SeriesQuality(s).droppedGapRows, 2)
    }

    func testARowWithContactsInTheGapIsAnErrorByDefault() throws {
        let error = try issues("err-anon-bank-dst-gap-contacts.csv", options())
        XCTAssertEqual(error.issues.count, 1, error.description)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual([issue.line, issue.column], [15, 1])
        XCTAssertTrue(issue.message.contains("\"1999-04-02T02:30:00\" does not exist in Asia/Jerusalem"), issue.message)
        XCTAssertTrue(issue.message.contains("--dst-gap shift to read it as 1999-04-02T03:30:00+03:00"), issue.message)
    }

    func testShiftMovesTheRowLaterByTheGapAndAddsItToThatInterval() throws {
        for duplicates in DuplicatePolicy.allCases {
            let s = try XCTUnwrap(
                load(["err-anon-bank-dst-gap-contacts.csv"], options(.shift, duplicates: duplicates)).series.first)
            XCTAssertEqual(s.readNotes.shiftedGapRows, 1)
            XCTAssertEqual(s.readNotes.droppedGapRows, 1, "02:00 has no contacts")
            let i = try XCTUnwrap(s.index(of: utc(1999, 4, 2, 0, 30)), "03:30 +03:00")
            XCTAssertEqual(s.isoStart(i), "1999-04-02T03:30:00+03:00")
            XCTAssertEqual(s.offered[i], 2, "the 02:30 row's 2 calls added to 03:30's 0 (\(duplicates))")
            XCTAssertEqual(s.handleSeconds[i], 190)
            XCTAssertEqual(s.observedCount, 18)
        }
    }

    func testBerlinGapWithoutContacts() throws {
        let path = try write(
            "interval_start,queue,offered\n2026-03-29 01:30,q,5\n2026-03-29 02:00,q,0\n2026-03-29 02:30,q,0\n2026-03-29 03:00,q,6\n",
            "berlin.csv", in: self)
        let s = try XCTUnwrap(HistoryReader(options: HistoryReadOptions(timeZone: berlin)).read([path]).series.first)
        XCTAssertEqual(s.offered, [5, 6])
        XCTAssertEqual(s.readNotes.droppedGapRows, 2)
        // A series whose only rows fall in the gap has no series at all.
        let only = try write(
            "interval_start,queue,offered\n2026-03-29 02:00,r,0\n2026-03-29 01:30,q,1\n2026-03-29 03:00,q,1\n",
            "only.csv", in: self)
        XCTAssertEqual(
            try HistoryReader(options: HistoryReadOptions(timeZone: berlin)).read([only]).series.map(\.queue), ["q"])
    }
}
