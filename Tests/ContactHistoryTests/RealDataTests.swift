import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The shared real data sets (skipped when absent).
final class RealDataTests: XCTestCase {
    /// The shared real data directory (beside the repository), or a skip when it is absent.
    func sharedData(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip(
                "real data \(path) is absent (it lives outside the repository; see /work/shared/data/README.md)")
        }
        return path
    }

    func testRealDataLoadsThroughMappings() throws {
        let us5 = try HistoryReader(options: HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
            .read([try sharedData("us_bank_2003_5min.csv")])
        XCTAssertEqual(us5.rowCount, 27_716)
        XCTAssertEqual(us5.series.first?.intervalMinutes, 5)
        XCTAssertEqual(us5.series.first?.observedCount, 27_716)
        let us30 = try HistoryReader(options: HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
            .read([try sharedData("us_bank_2003_30min.csv")])
        XCTAssertEqual(us30.series.first?.observedCount, 4_592)
        XCTAssertEqual(us30.series.first?.zeroCount, 0)
        let anon = try HistoryReader(
            options: HistoryReadOptions(
                timeZone: TimeZone(identifier: "Asia/Jerusalem")!,
                mappings: [.intervalStart: "timestamp", .handled: "answered", .ahtSeconds: "aht_sec"])
        )
        .read([try sharedData("anon_bank_1999_jan_oct_30min.csv")])
        let s = try XCTUnwrap(anon.series.first)
        XCTAssertEqual(s.observedCount, 2_880)
        XCTAssertEqual(
            s.offered.enumerated().filter { s.states[$0.offset] == .observed }.reduce(0) { $0 + $1.element }, 63_128)
        XCTAssertGreaterThan(s.zeroCount, 0)
        let aht = SeriesQuality(s).ahtSeconds ?? 0
        XCTAssertEqual(aht, 183, accuracy: 15)
    }
}
