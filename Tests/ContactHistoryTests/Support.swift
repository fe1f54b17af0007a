import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

// Helpers shared by the ContactHistory tests: fixtures, loading, expected failures.

/// The fixture directory shipped with the tests.
func fixture(_ name: String) throws -> String {
    guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw XCTSkip("the Fixtures resource directory is missing from the test bundle")
    }
    return directory.appendingPathComponent(name).path
}

let berlin = TimeZone(identifier: "Europe/Berlin")!

/// Seconds since 1970 of a UTC date-time.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
    Int64(CivilDate(year: year, month: month, day: day)!.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60)
}

/// Reads fixtures, failing the test with the reader's message on bad data.
func load(
    _ names: [String], _ options: HistoryReadOptions = HistoryReadOptions(), chunkSize: Int? = nil
) throws -> ContactHistory {
    var reader = HistoryReader(options: options)
    if let chunkSize { reader.chunkSize = chunkSize }
    return try reader.read(try names.map(fixture))
}

/// The issues of a file that must not load.
func issues(_ name: String, _ options: HistoryReadOptions = HistoryReadOptions()) throws -> HistoryError {
    let path = try fixture(name)
    do throws(HistoryError) {
        _ = try HistoryReader(options: options).read([path])
    } catch {
        return error
    }
    XCTFail("\(name) loaded, but it has an error")
    return HistoryError(issues: [])
}

/// Where two lists of series first differ, briefly; `nil` when they are equal.
func firstDifference(_ a: [IntervalSeries], _ b: [IntervalSeries]) -> String? {
    guard a.count == b.count else { return "\(a.count) series vs \(b.count): \(a.map(\.queue)) vs \(b.map(\.queue))" }
    for (x, y) in zip(a, b) where x != y {
        let head = "\(x.queue)/\(x.channel): "
        if (x.queue, x.channel, x.intervalMinutes, x.start, x.count) != (
            y.queue, y.channel, y.intervalMinutes, y.start, y.count
        ) {
            return head
                + "\((x.queue, x.channel, x.intervalMinutes, x.start, x.count)) vs \((y.queue, y.channel, y.intervalMinutes, y.start, y.count))"
        }
        for i in x.indices {
            let u = [x.offered[i], x.handled[i], x.abandoned[i], x.handleSeconds[i]]
            let v = [y.offered[i], y.handled[i], y.abandoned[i], y.handleSeconds[i]]
            if x.states[i] != y.states[i] || zip(u, v).contains(where: { !($0 == $1 || ($0.isNaN && $1.isNaN)) }) {
                return head + "interval \(i): \(x.states[i]) \(u) vs \(y.states[i]) \(v)"
            }
        }
        return head + "time zones \(x.timeZone.identifier) vs \(y.timeZone.identifier)"
    }
    return nil
}

extension XCTestCase {
    /// A fresh directory removed after the test.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contacthistory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Checks that a fixture fails with exactly one issue at a line and column, saying `text`.
    func assertIssue(
        _ name: String, line: Int, column: Int, _ text: String, _ options: HistoryReadOptions = HistoryReadOptions(),
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) throws {
        let error = try issues(name, options)
        XCTAssertEqual(error.totalCount, 1, error.description, file: file, line: sourceLine)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual(issue.line, line, error.description, file: file, line: sourceLine)
        XCTAssertEqual(issue.column, column, error.description, file: file, line: sourceLine)
        XCTAssertTrue(issue.message.contains(text), error.description, file: file, line: sourceLine)
        XCTAssertTrue(issue.file.hasSuffix(name), file: file, line: sourceLine)
    }
}

/// Writes `text` to a file named `name` in a fresh directory of the test; returns its path.
func write(_ text: String, _ name: String, in test: XCTestCase) throws -> String {
    let path = try test.temporaryDirectory().appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// The error of reading files that must not load (fails the test when they load).
func readError(
    _ paths: [String], _ options: HistoryReadOptions = HistoryReadOptions(),
    file: StaticString = #filePath, line: UInt = #line
) -> HistoryError {
    do throws(HistoryError) {
        _ = try HistoryReader(options: options).read(paths)
    } catch {
        return error
    }
    XCTFail("\(paths) loaded, but it has an error", file: file, line: line)
    return HistoryError(issues: [])
}

/// Rows `interval_start,queue,offered` every half hour from 2026-03-02T00:00Z (a Monday): `days`
/// days of a smooth day curve (0 at night), for series the outlier rule can judge.
func halfHourRows(queue: String = "billing", days: Int = 28, offered: (Int) -> Double = dayCurve) -> String {
    var text = ""
    for k in 0..<(48 * days) {
        let t = utc(2026, 3, 2) + Int64(k) * 1800
        text += "\(iso8601(t, offset: 0)),\(queue),\(shortestNumber(offered(k)))\n"
    }
    return text
}

/// Offered in half-hour `k` of a day curve: 0 from 20:00 to 08:00, up to 60 at midday.
func dayCurve(_ k: Int) -> Double {
    let slot = k % 48
    guard slot >= 16, slot < 40 else { return 0 }
    return (60 * sin(Double(slot - 16) / 24 * .pi)).rounded() + 1
}
