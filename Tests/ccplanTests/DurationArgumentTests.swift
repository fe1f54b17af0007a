import XCTest

@testable import ccplan

/// Duration parsing shared by every subcommand.
final class DurationArgumentTests: XCTestCase {
    func testUnits() throws {
        let cases: [(String, Double)] = [
            ("45", 45), ("20s", 20), ("2.5m", 150), ("30m", 1800), ("1h", 3600),
            ("24h", 86_400), ("7d", 604_800), ("0", 0), (" 90 ", 90), ("1.5H", 5400),
        ]
        for (text, seconds) in cases {
            XCTAssertEqual(try DurationArgument.parse(text).seconds, seconds, text)
            XCTAssertEqual(DurationArgument(argument: text)?.seconds, seconds, text)
        }
    }

    func testRejectsGarbage() {
        for text in ["", "-5", "-2m", "abc", "5x", "1e3", "inf", "nan", "1.2.3", "m", "0x10", "+5", "5 m s"] {
            XCTAssertThrowsError(try DurationArgument.parse(text), text)
            XCTAssertNil(DurationArgument(argument: text), text)
        }
    }

    func testDescriptionRoundTrips() throws {
        for seconds in [20.0, 150, 1800, 3600, 5400, 86_400, 0.5] {
            let text = DurationArgument(seconds: seconds).description
            XCTAssertEqual(try DurationArgument.parse(text).seconds, seconds, text)
        }
        XCTAssertEqual(DurationArgument(seconds: 1800).description, "30m")
    }
}
