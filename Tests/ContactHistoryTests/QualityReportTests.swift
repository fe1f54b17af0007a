import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// What `inspect` prints: JSON numbers, the zone's name, hostile queue names.
final class QualityReportTests: XCTestCase {
    /// A one-interval-a-half-hour series with the given offered counts.
    func series(_ queue: String, _ offered: [Double]) -> IntervalSeries {
        let nan = [Double](repeating: .nan, count: offered.count)
        return IntervalSeries(
            queue: queue, channel: .voice, intervalMinutes: 30, timeZone: TimeZone(identifier: "UTC")!,
            start: utc(2026, 3, 2, 8), offered: offered, handled: nan, abandoned: nan, handleSeconds: nan,
            states: Array(repeating: .observed, count: offered.count))
    }

    func report(_ series: [IntervalSeries], zone: String? = nil) -> QualityReport {
        QualityReport(
            ContactHistory(
                series: series, rowCount: series.count, byteCount: 0,
                timeZone: TimeZone(identifier: "UTC")!, timeZoneName: zone))
    }

    func testJSONNumbersAreShortestAndNeverBareInfinity() throws {
        let json = report([
            series("big", [1e20]), series("huge", [1.7e308, 1.7e308]), series("small", [2.5, 0.1 + 0.2]),
        ]).json()
        XCTAssertTrue(json.contains("\"offered_total\": 1e+20"), json)
        XCTAssertFalse(json.contains("inf"), json)
        XCTAssertTrue(json.contains("\"offered_total\": null"), "a total that overflows is null: \(json)")
        XCTAssertTrue(json.contains("\"offered_total\": 2.8"), json)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let totals = (parsed?["series"] as? [[String: Any]])?.map { $0["offered_total"] as? Double }
        XCTAssertEqual(totals, [1e20, nil, 2.8])
    }

    func testTheZoneIsNamedAsGiven() {
        XCTAssertEqual(HistoryReadOptions().timeZoneName, "UTC", "Foundation calls it GMT")
        XCTAssertEqual(report([series("q", [1])], zone: "UTC").timeZone, "UTC")
        XCTAssertTrue(report([series("q", [1])], zone: "UTC").json().contains("\"time_zone\": \"UTC\""))
        var options = HistoryReadOptions()
        options.timeZone = berlin
        XCTAssertEqual(options.timeZoneName, "Europe/Berlin")
    }

    func testControlCharactersInQueueNamesAreEscapedInTheTable() {
        let table = report([series("evil\u{1B}[2J\u{07}\nname", [1, 2])]).table()
        XCTAssertFalse(table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, table)
        XCTAssertTrue(table.contains("evil\\u{1B}[2J\\u{7}\\u{A}name (voice)"), table)
        XCTAssertEqual(
            table.split(separator: "\n").filter { $0.hasPrefix("evil") }.count, 2, "one table row, one heading")
    }
}

/// Queue names read back as ccplan writes them (CSV-injection neutralisation removed).
final class QueueNameTests: XCTestCase {
    func testNeutralisedNamesAreRestoredAndMergedWithTheirRawSpelling() throws {
        let path = try write(
            """
            interval_start,queue,offered
            2026-03-02T08:00Z,'=HYPERLINK(x),1
            2026-03-02T08:30Z,=HYPERLINK(x),2
            2026-03-02T08:00Z,'plain,3
            2026-03-02T08:00Z,''-1,4

            """, "names.csv", in: self)
        let history = try HistoryReader().read([path])
        XCTAssertEqual(history.series.map(\.queue), ["'-1", "'plain", "=HYPERLINK(x)"])
        XCTAssertEqual(history.series.last?.offered, [1, 2], "both spellings are one queue")
    }

    func testDangerousNamesRoundTripThroughTheCanonicalWriter() throws {
        let names = ["=1+2", "+49 hotline", "-minus", "@at", "\tTab", "'=quoted", "plain"]
        var series: [IntervalSeries] = []
        for name in names.sorted() {
            series.append(
                IntervalSeries(
                    queue: name, channel: .voice, intervalMinutes: 30, timeZone: TimeZone(identifier: "UTC")!,
                    start: utc(2026, 3, 2, 8), offered: [1], handled: [1], abandoned: [0], handleSeconds: [60],
                    states: [.observed]))
        }
        let text = CanonicalCSVWriter.render(series)
        XCTAssertFalse(
            text.split(separator: "\n").contains { $0.contains(",=") || $0.contains(",+") || $0.contains(",@") }, text)
        let path = try write(text, "written.csv", in: self)
        XCTAssertEqual(try HistoryReader().read([path]).series.map(\.queue), names.sorted())
    }
}
