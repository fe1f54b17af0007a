import Foundation
import LinearAlgebra
import XCTest

/// Least squares against NIST's certified values (independent: computed by NIST in 500 digits).
final class LeastSquaresTests: XCTestCase {
    /// The design matrix [1, x₁, …, x_p] of a dataset.
    private func design(_ data: NISTDataset) throws -> Matrix {
        try Matrix(data.x.map { [1.0] + $0 })
    }

    /// Checks every coefficient and the residual sum of squares against NIST's certified values,
    /// within the error a backward-stable solver may make on this problem (``LeastSquaresBounds``).
    private func check(_ data: NISTDataset, rcond: Double = 1e-12) throws {
        let a = try design(data)
        let fit = try a.leastSquares(data.y, rcond: rcond)
        XCTAssertEqual(fit.rank, data.certified.count, "\(data.name): full rank expected")
        let bounds = try LeastSquaresBounds(design: a, response: data.y, solution: data.certified)
        let digits = zip(fit.solution, data.certified).map { logRelativeError($0, $1) }.min() ?? 0
        let allowed = -log10(bounds.coefficients.max() ?? 1)
        print(
            "\(data.name): κ(scaled) = \(String(format: "%.3g", bounds.condition)); at least "
                + "\(String(format: "%.1f", digits)) correct digits on every coefficient, "
                + "\(String(format: "%.1f", allowed)) guaranteed")
        for (i, (b, certified)) in zip(fit.solution, data.certified).enumerated() {
            let tolerance = bounds.coefficients[i] + certifiedRounding(certified)
            assertRelativelyEqual(b, certified, tolerance: tolerance, "\(data.name) B\(i)")
        }
        if let rss = data.certifiedResidualSumOfSquares {
            let tolerance = bounds.residualSumOfSquares + certifiedRounding(rss)
            assertRelativelyEqual(fit.residualSumOfSquares[0], rss, tolerance: tolerance, "\(data.name) RSS")
        }
    }

    /// NIST prints certified values to 15 significant digits: they are themselves off by up to half
    /// a unit in the 15th digit, relative to the value.
    private func certifiedRounding(_ value: Double) -> Double {
        guard value != 0 else { return 0 }
        return 0.5 * pow(10, (log10(abs(value))).rounded(.down) - 14) / abs(value)
    }

    func testLongleyToCertifiedValues() throws {
        try check(NIST.longley)
    }

    func testNorrisToCertifiedValues() throws {
        try check(NIST.norris)
    }

    func testWampler4And5ToCertifiedValues() throws {
        // Polynomials of degree 5 in x = 0…20 with large noise: the residual is large, so the
        // κ²·‖r‖ term dominates, and Wampler 5 (100× the noise) allows 100× the error.
        try check(NIST.wampler4)
        try check(NIST.wampler5)
    }

    func testFilipToCertifiedValues() throws {
        // Filip's raw design has condition number ≈ 1e15 (dgels/QR without scaling lose every
        // digit); with column scaling and an rcond small enough to keep all 11 columns, dgelsd
        // reaches what the scaled problem's conditioning allows.
        try check(NIST.filip, rcond: 1e-15)
    }

    func testRankDeficientDesignGivesMinimumNormSolutionAndRank() throws {
        // Column 2 = 2 × column 1: every x with x₁ + 2x₂ = 1 fits exactly; the minimum-norm one
        // is (1, 2)/5. (dgels returns info = 0 and garbage here.)
        let a = try Matrix([[1, 2], [2, 4], [3, 6]])
        let fit = try a.leastSquares([1, 2, 3], scaleColumns: false)
        XCTAssertEqual(fit.rank, 1)
        assertElementsEqual(fit.solution, [0.2, 0.4], absoluteTolerance: 1e-14)
        XCTAssertEqual(fit.residualSumOfSquares[0], 0, accuracy: 1e-24)

        // With column scaling the rank decision is the same and the fit is still exact.
        let scaled = try a.leastSquares([1, 2, 3])
        XCTAssertEqual(scaled.rank, 1)
        XCTAssertEqual(scaled.solution[0] + 2 * scaled.solution[1], 1, accuracy: 1e-14)
    }

    func testDummyVariableTrapIsDetected() throws {
        // Intercept + a full set of weekday dummies: rank is one less than the columns.
        var rows: [[Double]] = []
        for day in 0..<21 { rows.append([1] + (0..<7).map { $0 == day % 7 ? 1 : 0 }) }
        let y = (0..<21).map { Double($0 % 7) * 10 + 5 }
        let fit = try Matrix(rows).leastSquares(y)
        XCTAssertEqual(fit.rank, 7)
        XCTAssertEqual(fit.residualSumOfSquares[0], 0, accuracy: 1e-18)
    }

    func testSeveralRightHandSidesAtOnce() throws {
        let a = try design(NIST.norris)
        let b = try Matrix(rows: a.rows, columns: 2, columnMajor: NIST.norris.y + NIST.norris.y.map { 2 * $0 + 3 })
        let fit = try a.leastSquares(b)
        assertRelativelyEqual(fit.coefficients[1, 0], 1.00211681802045, tolerance: 1e-11)
        // y' = 2y + 3 has coefficients 2·B + (3, 0).
        assertRelativelyEqual(fit.coefficients[0, 1], 2 * -0.262323073774029 + 3, tolerance: 1e-11)
        assertRelativelyEqual(fit.coefficients[1, 1], 2 * 1.00211681802045, tolerance: 1e-11)
    }

    func testErrorsAreTyped() throws {
        let a = try Matrix([[1, 2], [3, 4]])
        XCTAssertThrowsError(try a.leastSquares([1, 2, 3])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try a.leastSquares([1, .nan])) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .nonFiniteInput("dgelsd"))
        }
    }
}
