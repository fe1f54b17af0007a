import CCPlanBase
import Reporting
import XCTest

final class NiceTicksTests: XCTestCase {
    func assertTicks(_ scale: TickScale, _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(scale.ticks.count, expected.count, "\(scale.ticks)", file: file, line: line)
        for (a, b) in zip(scale.ticks, expected) { XCTAssertEqual(a, b, accuracy: 1e-9, file: file, line: line) }
    }

    func testUnitRange() {
        assertTicks(NiceTicks.scale(minimum: 0, maximum: 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(NiceTicks.scale(minimum: 0, maximum: 1).decimals, 1)
    }

    func testAwkwardRange() {
        assertTicks(NiceTicks.scale(minimum: 0, maximum: 37.2), [0, 10, 20, 30, 40])
    }

    func testLargeRange() {
        let s = NiceTicks.scale(minimum: 1234, maximum: 98765)
        assertTicks(s, [0, 20_000, 40_000, 60_000, 80_000, 100_000])
        XCTAssertEqual(ReportNumber.number(s.ticks[5], decimals: s.decimals), "100,000")
    }

    func testConstantSeries() {
        assertTicks(NiceTicks.scale(minimum: 0, maximum: 0), [0, 0.2, 0.4, 0.6, 0.8, 1])
        let c = NiceTicks.scale(minimum: 50, maximum: 50)
        XCTAssertLessThan(c.lower, 50)
        XCTAssertGreaterThan(c.upper, 50)
        XCTAssertGreaterThanOrEqual(c.ticks.count, 2)
        let z = NiceTicks.scale(minimum: 50, maximum: 50, includeZero: true)
        XCTAssertEqual(z.lower, 0)
        XCTAssertGreaterThanOrEqual(z.upper, 50)
    }

    func testNegativeAndNonFinite() {
        let s = NiceTicks.scale(minimum: -7.5, maximum: 12)
        XCTAssertLessThanOrEqual(s.lower, -7.5)
        XCTAssertGreaterThanOrEqual(s.upper, 12)
        XCTAssertTrue(s.ticks.contains(0))
        let huge = NiceTicks.scale(minimum: -1.7e308, maximum: 1.7e308)
        XCTAssertTrue(huge.ticks.allSatisfy(\.isFinite))
        XCTAssertLessThanOrEqual(huge.ticks.count, 10)
        let n = NiceTicks.scale(minimum: .nan, maximum: .infinity)
        XCTAssertTrue(n.ticks.allSatisfy(\.isFinite))
        XCTAssertGreaterThanOrEqual(n.ticks.count, 2)
    }

    func testTicksAreRoundAndCoverTheRange() {
        let ranges: [(Double, Double)] = [(0, 0.003), (0.1, 0.13), (3, 1e9), (-1e6, -10), (0, 1.5), (17, 17.5), (0, 7)]
        for (lo, hi) in ranges {
            let s = NiceTicks.scale(minimum: lo, maximum: hi)
            XCTAssertLessThanOrEqual(s.lower, lo)
            XCTAssertGreaterThanOrEqual(s.upper, hi)
            XCTAssertGreaterThanOrEqual(s.ticks.count, 3, "\(lo)...\(hi): \(s.ticks)")
            XCTAssertLessThanOrEqual(s.ticks.count, 9, "\(lo)...\(hi): \(s.ticks)")
            // Printed ticks are distinct (enough decimals).
            let labels = s.ticks.map { ReportNumber.number($0, decimals: s.decimals) }
            XCTAssertEqual(Set(labels).count, labels.count, "\(labels)")
        }
    }
}
