import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The deterministic sample-history generator and its calendar.
final class SampleDataTests: XCTestCase {
    func testGeneratorIsDeterministicAndQueuesAreIndependent() throws {
        func text(_ generator: SampleHistoryGenerator) -> String {
            var bytes: [UInt8] = []
            _ = generator.generate { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let end = CivilDate(year: 2026, month: 3, day: 31)!
        let a = text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end))
        XCTAssertEqual(a, text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end)))
        XCTAssertNotEqual(a, text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end, seed: 7)))
        let five = text(SampleHistoryGenerator(queueCount: 5, years: 1, lastDay: end))
        let billingLines = { (t: String) in t.split(separator: "\n").filter { $0.contains(",billing,") } }
        XCTAssertEqual(billingLines(a), billingLines(five))
    }

    func testGeneratedHistoryLoadsWithItsPatterns() throws {
        let generator = SampleHistoryGenerator(queueCount: 4, years: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try generator.writeHistory(to: path)
        let history = try ContactHistory.load([path], options: HistoryReadOptions(timeZone: berlin))
        XCTAssertEqual(history.rowCount, rows)
        XCTAssertEqual(history.series.map(\.queue), ["billing", "queue-0004", "vip", "webchat"])
        let billing = try XCTUnwrap(history.series(queue: "billing"))
        let report = SeriesQuality(billing)
        XCTAssertEqual(report.openingHours[0].opens, "08:00")
        XCTAssertEqual(report.openingHours[0].closes, "20:00")
        XCTAssertEqual(report.openingHours[5].opens, "09:00")
        XCTAssertEqual(report.openingHours[5].closes, "14:00")
        XCTAssertNil(report.openingHours[6].opens)
        XCTAssertEqual(report.missingIntervals, 8, "the 2025-06-12 export outage")
        let perWeekday = report.offeredTotal / 730 * 7 / 5.5
        XCTAssertEqual(perWeekday, 1000, accuracy: 200)
        XCTAssertTrue(report.unusualDays.contains { $0.date == CivilDate(year: 2025, month: 12, day: 25)! })
        XCTAssertTrue(report.unusualDays.contains { $0.date == CivilDate(year: 2026, month: 5, day: 1)! })
    }

    func testGermanHolidays() {
        let holidays = germanPublicHolidays(2026...2026)
        XCTAssertEqual(holidays.count, 9)
        XCTAssertTrue(holidays.contains(Holiday(date: CivilDate(year: 2026, month: 4, day: 3)!, name: "Karfreitag")))
        XCTAssertTrue(
            holidays.contains(Holiday(date: CivilDate(year: 2026, month: 5, day: 25)!, name: "Pfingstmontag")))
    }

    func testSeededRandomIsStableAndPoissonHasTheRightMean() {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        for lambda in [0.5, 4.0, 25.0, 300.0] {
            var rng = SeededRandom(seed: 9)
            let n = 20_000
            let mean = Double((0..<n).reduce(0) { acc, _ in acc + rng.poisson(lambda) }) / Double(n)
            XCTAssertEqual(mean, lambda, accuracy: 4 * (lambda / Double(n)).squareRoot() + 1e-9)
        }
    }
}
