import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The canonical format: columns, delimiters, quoting, BOM and line ends, chunk boundaries.
final class CanonicalFormatTests: XCTestCase {
    func testCanonicalFileWithAnyColumnOrderAndCase() throws {
        let history = try load(["canonical.csv"])
        XCTAssertEqual(history.rowCount, 6)
        XCTAssertEqual(history.series.map(\.queue), ["billing", "support"])
        let billing = try XCTUnwrap(history.series(queue: "billing"))
        XCTAssertEqual(billing.intervalMinutes, 30)
        XCTAssertEqual(billing.start, utc(2026, 3, 2, 8))
        XCTAssertEqual(billing.states, [.observed, .observed, .absent, .observed])
        XCTAssertEqual(billing.offered[0], 10)
        XCTAssertEqual(billing.handleSeconds[0], 2700)
        XCTAssertEqual(billing.handleSeconds[1], 310.5 * 12)
        XCTAssertEqual(billing.handleSeconds[3], 0, "no AHT and nothing handled is zero handle time")
        let support = try XCTUnwrap(history.series(queue: "support", channel: .chat))
        XCTAssertEqual(support.intervalMinutes, 15)
        XCTAssertEqual(support.start, utc(2026, 3, 2, 7), "an offset is honoured")
        XCTAssertEqual(support.count, 3)
    }

    func testMissingIntervalsStayMissingAndZerosStayZero() throws {
        let s = try XCTUnwrap(load(["missing-vs-zero.csv"]).series.first)
        XCTAssertEqual(s.queue, "default")
        XCTAssertEqual(s.channel, .voice)
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.states, [.observed, .absent, .observed, .observed])
        XCTAssertTrue(s.offered[1].isNaN, "an absent interval holds NaN, never 0")
        XCTAssertTrue(s.isZero(2))
        XCTAssertFalse(s.isZero(1))
        XCTAssertEqual(s.observedCount, 3)
        XCTAssertEqual(s.zeroCount, 1)
        XCTAssertEqual(s.absentCount, 1)
        XCTAssertTrue(s.handled[0].isNaN, "handled was not reported")
    }

    func testSemicolonsWithDecimalCommas() throws {
        let s = try XCTUnwrap(load(["semicolon-decimal-comma.csv"]).series.first)
        XCTAssertEqual(s.offered, [10, 12, 7])
        XCTAssertEqual(s.handleSeconds, [300.5 * 9, 310.25 * 11, 299 * 7])
    }

    func testByteOrderMarkAndCRLF() throws {
        let s = try XCTUnwrap(load(["bom-crlf.csv"]).series.first)
        XCTAssertEqual(s.queue, "billing")
        XCTAssertEqual(s.intervalMinutes, 15)
        XCTAssertEqual(s.offered, [10, 11, 9], "volume is an alias of offered")
        XCTAssertEqual(s.handleSeconds, [3000, 3300, 2700])
    }

    func testQuotedFieldsWithDoubledQuotesAndLineBreaks() throws {
        for chunk in [nil, 5, 17] as [Int?] {
            let history = try load(["quoted.csv"], chunkSize: chunk)
            XCTAssertEqual(history.series.map(\.queue), ["Billing, \"Premium\"", "Line\nTwo"])
            XCTAssertEqual(history.series[0].offered, [3, 4])
            XCTAssertEqual(history.series[1].offered, [1, 2])
        }
    }

    func testTabAndPipeDelimiters() throws {
        XCTAssertEqual(try load(["tab.tsv"]).series.first?.offered, [5, 6])
        let pipe = try XCTUnwrap(load(["pipe.csv"]).series.first)
        XCTAssertEqual(pipe.offered, [5, 6])
        XCTAssertEqual(pipe.intervalMinutes, 5)
    }

    func testTinyChunksReadTheSameAsOneChunk() throws {
        for name in ["canonical.csv", "bom-crlf.csv", "semicolon-decimal-comma.csv", "nice.csv"] {
            let options = HistoryReadOptions(profile: name == "nice.csv" ? .nice : nil)
            let whole = try load([name], options)
            for chunk in [1, 2, 3, 7, 64] {
                XCTAssertEqual(
                    try load([name], options, chunkSize: chunk).series, whole.series, "\(name), chunk \(chunk)")
            }
        }
    }

    func testLastLineWithoutLineBreakAndBlankLines() throws {
        let directory = try temporaryDirectory()
        for (name, text) in [
            ("no-newline.csv", "interval_start,offered\n2026-03-02T08:00Z,1\n\n2026-03-02T08:30Z,2"),
            ("crlf-no-newline.csv", "interval_start,offered\r\n2026-03-02T08:00Z,1\r\n\r\n2026-03-02T08:30Z,\"2\""),
        ] {
            let path = directory.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            for chunk in [1, 4, 4096] {
                var reader = HistoryReader()
                reader.chunkSize = chunk
                XCTAssertEqual(try reader.read([path]).series.first?.offered, [1, 2], "\(name), chunk \(chunk)")
            }
        }
        let empty = directory.appendingPathComponent("empty.csv").path
        try Data().write(to: URL(fileURLWithPath: empty))
        XCTAssertThrowsError(try HistoryReader().read([empty])) {
            XCTAssertTrue("\($0)".contains("the file is empty"), "\($0)")
        }
        let unterminated = directory.appendingPathComponent("unterminated.csv").path
        try Data("interval_start,queue,offered\n2026-03-02T08:00Z,\"billing,1\n".utf8).write(
            to: URL(fileURLWithPath: unterminated))
        XCTAssertThrowsError(try HistoryReader().read([unterminated])) {
            XCTAssertTrue("\($0)".contains("unterminated.csv:2:19: a quoted field is not closed"), "\($0)")
        }
    }
}
