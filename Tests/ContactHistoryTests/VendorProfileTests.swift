import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Vendor export profiles and `--map` mappings.
final class VendorProfileTests: XCTestCase {
    func testGenesysProfile() throws {
        let history = try load(["genesys.csv"], HistoryReadOptions(profile: .genesys, onDuplicate: .sum))
        let s = try XCTUnwrap(history.series(queue: "Billing"))
        XCTAssertEqual(s.intervalMinutes, 15)
        XCTAssertEqual(s.offered, [23, 24], "callbacks count as voice (summed with --on-duplicate sum)")
        XCTAssertEqual(s.handled, [21, 24])
        XCTAssertEqual(s.handleSeconds, [6300, 7200])
    }

    func testConnectProfileDerivesOffered() throws {
        let history = try load(["connect.csv"], HistoryReadOptions(profile: .connect))
        let voice = try XCTUnwrap(history.series(queue: "Sales", channel: .voice))
        XCTAssertEqual(voice.offered, [32, 30])
        XCTAssertEqual(voice.handleSeconds, [7200, 6250])
        XCTAssertEqual(try XCTUnwrap(history.series(queue: "Sales", channel: .chat)).offered, [10, 13])
    }

    func testNICEProfileWithDurationsAndDecimalCommas() throws {
        let s = try XCTUnwrap(load(["nice.csv"], HistoryReadOptions(profile: .nice)).series.first)
        XCTAssertEqual(s.queue, "Support DE")
        XCTAssertEqual(s.offered, [40, 44])
        XCTAssertEqual(s.abandoned, [2, 4])
        XCTAssertEqual(s.handleSeconds, [300 * 38, 330 * 40])
    }

    func testAvayaCMSProfile() throws {
        let s = try XCTUnwrap(load(["avaya-cms.csv"], HistoryReadOptions(profile: .avayaCMS)).series.first)
        XCTAssertEqual(s.queue, "Skill 12")
        XCTAssertEqual(s.offered, [55, 64])
        XCTAssertEqual(s.handled, [50, 60])
        XCTAssertEqual(s.handleSeconds, [50 * 300, 60 * 300])
    }

    func testExplicitMappingsWinOverCanonicalNames() throws {
        let us = try load(["us-bank-extract.csv"], HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
        let s = try XCTUnwrap(us.series.first)
        XCTAssertEqual(s.offered.first, 560, "calls is an alias of offered")
        XCTAssertEqual(s.count, 49, "07:00 Monday to 07:00 Tuesday in half-hours")
        XCTAssertEqual(s.observedCount, 4)

        let anon = try load(
            ["anon-bank-extract.csv"],
            HistoryReadOptions(mappings: [
                .intervalStart: "timestamp", .handled: "answered", .ahtSeconds: "aht_sec",
            ]))
        let a = try XCTUnwrap(anon.series.first)
        XCTAssertEqual(a.offered, [2, 0, 3])
        XCTAssertEqual(a.handleSeconds, [0, 0, 361.5])
    }

    func testUnknownMappingHeaderIsReported() throws {
        let error = try issues("us-bank-extract.csv", HistoryReadOptions(mappings: [.offered: "Volume Total"]))
        XCTAssertTrue(
            error.description.contains("us-bank-extract.csv:1:1: --map offered=Volume Total"), error.description)
    }

    func testParseMapping() {
        guard case .success(let (field, header)) = HistoryReadOptions.parseMapping("Offered=Calls Offered") else {
            return XCTFail("expected a mapping")
        }
        XCTAssertEqual(field, .offered)
        XCTAssertEqual(header, "Calls Offered")
        if case .success = HistoryReadOptions.parseMapping("offered") { XCTFail("no =") }
        if case .success = HistoryReadOptions.parseMapping("volumes=x") { XCTFail("unknown field") }
    }
}
