import CCPlanBase
import Reporting
import XCTest

final class DownsampleTests: XCTestCase {
    func testShortSeriesUnchanged() {
        let points = (0..<100).map { ChartPoint(x: Double($0), y: Double($0 % 7)) }
        XCTAssertEqual(Downsample.minMax(points, maxPoints: 2_000), points)
    }

    func testKeepsExtremesAndEnds() {
        var noise = SeededRandom(seed: 42)
        var points = (0..<50_000).map { ChartPoint(x: Double($0), y: noise.uniform() * 100) }
        points[12_345].y = 1_000  // global max
        points[40_000].y = -500  // global min
        let out = Downsample.minMax(points, maxPoints: 2_000)
        XCTAssertLessThanOrEqual(out.count, 2_000)
        XCTAssertTrue(out.contains(points[12_345]))
        XCTAssertTrue(out.contains(points[40_000]))
        XCTAssertEqual(out.first, points.first)
        XCTAssertEqual(out.last, points.last)
        XCTAssertEqual(out.map(\.x), out.map(\.x).sorted())
        // Every bucket's local extremes survive: the max over any 1,000-point window is kept.
        let windowMax = points[20_000..<21_000].max { $0.y < $1.y }!
        XCTAssertTrue(out.contains(windowMax))
    }

    func testBandEnvelopeKeepsExtremes() {
        let band = (0..<10_000).map { i in BandPoint(x: Double(i), low: i == 777 ? -5 : 1, high: i == 8_888 ? 99 : 2) }
        let out = Downsample.envelope(band, maxPoints: 500)
        XCTAssertLessThanOrEqual(out.count, 500)
        XCTAssertEqual(out.map(\.low).min(), -5)
        XCTAssertEqual(out.map(\.high).max(), 99)
        XCTAssertEqual(out.first?.x, 0)
        XCTAssertEqual(out.last?.x, 9_999)
    }
}
