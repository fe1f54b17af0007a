import XCTest

/// Asserts |actual − expected| ≤ tolerance · max(|expected|, tiny), as swift-numerics' tests do.
func assertRelativelyEqual(
    _ actual: Double, _ expected: Double, tolerance: Double, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    let error = abs(actual - expected) / max(abs(expected), .leastNormalMagnitude)
    XCTAssertTrue(
        error <= tolerance,
        "\(actual) vs \(expected): relative error \(error) > \(tolerance) \(message())", file: file, line: line)
}

/// Asserts every element pair agrees to an absolute tolerance.
func assertElementsEqual(
    _ actual: [Double], _ expected: [Double], absoluteTolerance: Double, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "length \(message())", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        XCTAssertEqual(a, e, accuracy: absoluteTolerance, "element \(i) \(message())", file: file, line: line)
    }
}

/// Number of correct significant digits ("log relative error", as NIST grades solvers).
func logRelativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 16 }
    return min(16, -log10(abs(actual - expected) / abs(expected)))
}
