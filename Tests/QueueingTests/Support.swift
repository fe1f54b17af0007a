import CCPlanBase
import Queueing
import XCTest

/// Asserts |actual − expected| ≤ tolerance·|expected| (relative), reporting both values.
func assertRelative(
    _ actual: Double?, _ expected: Double, _ tolerance: Double, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let actual else {
        XCTFail("nil, expected \(expected) \(message())", file: file, line: line)
        return
    }
    let error = abs(actual - expected) / max(abs(expected), .leastNormalMagnitude)
    XCTAssertLessThanOrEqual(
        error, tolerance, "got \(actual), expected \(expected) \(message())", file: file, line: line)
}

/// Asserts |actual − expected| ≤ tolerance.
func assertAbsolute(
    _ actual: Double?, _ expected: Double, _ tolerance: Double, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let actual else {
        XCTFail("nil, expected \(expected) \(message())", file: file, line: line)
        return
    }
    XCTAssertLessThanOrEqual(
        abs(actual - expected), tolerance, "got \(actual), expected \(expected) \(message())",
        file: file, line: line)
}

/// Asserts that every probability of `m` is finite and in [0, 1] and every wait finite and ≥ 0.
func assertSane(_ m: QueueMetrics, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
    for (name, value) in [
        ("P(wait)", m.probabilityOfWaiting), ("SL", m.serviceLevel),
        ("P(abandon)", m.probabilityOfAbandonment), ("occupancy", m.occupancy),
    ] {
        XCTAssertTrue(value.isFinite && value >= 0 && value <= 1, "\(name) = \(value) \(label)", file: file, line: line)
    }
    if let asa = m.averageSpeedOfAnswer {
        XCTAssertTrue(asa.isFinite && asa >= 0, "ASA \(asa) \(label)", file: file, line: line)
    }
    if let wait = m.meanWait {
        XCTAssertTrue(wait.isFinite && wait >= 0, "E[W] \(wait) \(label)", file: file, line: line)
    }
}
