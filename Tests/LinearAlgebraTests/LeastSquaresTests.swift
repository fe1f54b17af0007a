import LinearAlgebra
import XCTest

/// Least squares against NIST's certified values (independent: computed by NIST in 500 digits).
final class LeastSquaresTests: XCTestCase {
    /// The design matrix [1, x₁, …, x_p] of a dataset.
    private func design(_ data: NISTDataset) throws -> Matrix {
        try Matrix(data.x.map { [1.0] + $0 })
    }

    private func check(_ data: NISTDataset, coefficientTolerance: Double, rssTolerance: Double) throws {
        let fit = try design(data).leastSquares(data.y)
        XCTAssertEqual(fit.rank, data.certified.count, "\(data.name): full rank expected")
        let digits = zip(fit.solution, data.certified).map { logRelativeError($0, $1) }.min() ?? 0
        print("\(data.name): at least \(String(format: "%.1f", digits)) correct digits on every coefficient")
        for (i, (b, certified)) in zip(fit.solution, data.certified).enumerated() {
            assertRelativelyEqual(b, certified, tolerance: coefficientTolerance, "\(data.name) B\(i)")
        }
        if let rss = data.certifiedResidualSumOfSquares {
            assertRelativelyEqual(fit.residualSumOfSquares[0], rss, tolerance: rssTolerance, "\(data.name) RSS")
        }
    }

    func testLongleyToCertifiedValues() throws {
        // Required: 1e-7 relative. Measured: about 1e-11 (dgelsd on the column-scaled design).
        try check(NIST.longley, coefficientTolerance: 1e-9, rssTolerance: 1e-9)
    }

    func testNorrisToCertifiedValues() throws {
        // Required: 1e-9 relative. Measured: about 1e-13.
        try check(NIST.norris, coefficientTolerance: 1e-11, rssTolerance: 1e-11)
    }

    func testWampler4And5ToCertifiedValues() throws {
        // Polynomials of degree 5 in x = 0…20 with large noise (condition ≈ 5e13 unscaled).
        // Measured: Wampler 4 ≈ 8.8 correct digits, Wampler 5 ≈ 6.8 (the noise is 100× larger, so
        // the same backward error costs 100× more in the coefficients).
        try check(NIST.wampler4, coefficientTolerance: 1e-8, rssTolerance: 1e-8)
        try check(NIST.wampler5, coefficientTolerance: 5e-7, rssTolerance: 5e-7)
    }

    func testFilipReachesSevenDigits() throws {
        // Filip's raw design has condition number ≈ 1e15 (beyond double precision for the normal
        // equations, and dgels/QR without scaling lose every digit). With column scaling and an
        // rcond small enough to keep all 11 columns, dgelsd reaches about 7–8 correct digits; we
        // require 1e-6 relative on every coefficient and on the residual sum of squares.
        let data = NIST.filip
        let fit = try design(data).leastSquares(data.y, rcond: 1e-15)
        XCTAssertEqual(fit.rank, 11)
        var worst = 16.0
        for (b, certified) in zip(fit.solution, data.certified) {
            worst = min(worst, logRelativeError(b, certified))
            assertRelativelyEqual(b, certified, tolerance: 1e-6, "Filip")
        }
        assertRelativelyEqual(fit.residualSumOfSquares[0], data.certifiedResidualSumOfSquares!, tolerance: 1e-6, "Filip RSS")
        print("Filip: at least \(String(format: "%.1f", worst)) correct digits on every coefficient")
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
