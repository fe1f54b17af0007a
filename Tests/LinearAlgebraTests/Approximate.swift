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

/// The unit roundoff u = 2⁻⁵³ of Double.
let unitRoundoff = Double.ulpOfOne / 2

/// The backward error, relative to ‖A‖, that a stable dense factorization (Householder QR,
/// bidiagonalisation for the SVD, tridiagonalisation for symmetric eigenproblems, Cholesky) of an
/// m × n matrix may make: √(m·n)·u. Higham (*Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
/// §18–§20) bounds it by O(m·n)·u; rounding errors add up like a random walk in practice, and
/// blocked kernels of every OpenBLAS core type stay far below the worst case. Tests derive their
/// tolerances from it and from the problem's norms and conditioning, never from one run.
func stableFactorizationError(_ m: Int, _ n: Int) -> Double {
    Double(max(1, m * n)).squareRoot() * unitRoundoff
}

/// The forward error bound of a dot product of length k in any summation order (Higham §3.1):
/// |fl(xᵀy) − xᵀy| ≤ γ_k·|x|ᵀ|y|, γ_k = k·u / (1 − k·u).
func dotProductError(length k: Int, magnitude: Double) -> Double {
    let ku = Double(k) * unitRoundoff
    return ku / (1 - ku) * magnitude
}
