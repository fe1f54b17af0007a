import XCTest

@testable import Planning

/// The published precision that makes outputs the same on every BLAS kernel.
final class PublishedPrecisionTests: XCTestCase {
    func testVolumesAndSecondsRoundToAThousandth() {
        // Two kernels' answers 3e-14 apart land on the same published value.
        let haswell = 37.793122012463655, skylake = 37.793122012463655 * (1 + 3e-14)
        XCTAssertEqual(PublishedPrecision.volume(haswell), 37.793)
        XCTAssertEqual(PublishedPrecision.volume(skylake), 37.793)
        XCTAssertEqual(PublishedPrecision.volume(0.0004999), 0)
        XCTAssertEqual(PublishedPrecision.volume(0.0005001), 0.001)
        XCTAssertEqual(PublishedPrecision.volume(1_234_567.8915), 1_234_567.892)
        XCTAssertEqual(PublishedPrecision.seconds(317.1463941728872), 317.146)
        // Never -0 (it would print as "-0").
        XCTAssertEqual(PublishedPrecision.volume(-0.0001).sign, .plus)
        XCTAssertTrue(PublishedPrecision.volume(.nan).isNaN)
    }

    func testScoresKeepSixSignificantDigits() {
        XCTAssertEqual(PublishedPrecision.score(0.16252293745402327), 0.162523)
        XCTAssertEqual(PublishedPrecision.score(0.16252293745402355), 0.162523)
        XCTAssertEqual(PublishedPrecision.score(123_456_789), 123_457_000)
        XCTAssertEqual(PublishedPrecision.score(-0.000012345678), -0.0000123457)
        XCTAssertEqual(PublishedPrecision.score(0), 0)
        XCTAssertTrue(PublishedPrecision.score(.infinity).isInfinite)
    }
}
