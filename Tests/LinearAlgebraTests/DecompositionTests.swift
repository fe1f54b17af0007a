import CCPlanBase
import XCTest

@testable import LinearAlgebra

final class DecompositionTests: XCTestCase {
    /// A deterministic pseudo-random matrix (SplitMix64), independent of any system generator.
    private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Matrix {
        var rng = SplitMix64(seed: seed)
        return try Matrix(
            rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in rng.uniform() * 2 - 1 })
    }

    /// max |Mᵀ·M − I|.
    private func orthogonalityError(_ m: Matrix) throws -> Double {
        let g = try Matrix.product(m, m, transposeA: true)
        var worst = 0.0
        for i in 0..<g.rows { for j in 0..<g.columns { worst = max(worst, abs(g[i, j] - (i == j ? 1 : 0))) } }
        return worst
    }

    /// The largest absolute row sum times the largest column sum, square-rooted: an upper bound of
    /// ‖A‖₂ (Higham (6.12)) that needs no decomposition of its own.
    private func normBound(_ a: Matrix) -> Double {
        let rowSums = (0..<a.rows).map { i in (0..<a.columns).reduce(0.0) { $0 + abs(a[i, $1]) } }
        let columnSums = (0..<a.columns).map { j in (0..<a.rows).reduce(0.0) { $0 + abs(a[$1, j]) } }
        return (rowSums.max()! * columnSums.max()!).squareRoot()
    }

    func testThinSVDReconstructsAndIsOrthogonal() throws {
        // The shape of one year of days × half-hour intervals.
        let a = try randomMatrix(500, 48, seed: 7)
        let svd = try a.singularValueDecomposition(.thin)
        // Backward stable: U·Σ·Vᵀ = A + E with ‖E‖₂ ≤ ε‖A‖₂, and U, V orthogonal to O(ε); forming
        // the product again costs one dot product of length 48 per element.
        let epsilon = stableFactorizationError(500, 48)
        let norm = normBound(a)
        XCTAssertEqual(svd.u.rows, 500); XCTAssertEqual(svd.u.columns, 48)
        XCTAssertEqual(svd.vt.rows, 48); XCTAssertEqual(svd.vt.columns, 48)
        XCTAssertEqual(svd.singularValues, svd.singularValues.sorted(by: >))
        var us = svd.u
        for j in 0..<48 { for i in 0..<500 { us[i, j] *= svd.singularValues[j] } }
        let back = try Matrix.product(us, svd.vt)
        let worst = zip(back.elements, a.elements).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, epsilon * norm + dotProductError(length: 48, magnitude: norm))
        XCTAssertLessThan(try orthogonalityError(svd.u), epsilon + dotProductError(length: 500, magnitude: 1))
        XCTAssertLessThan(
            try orthogonalityError(svd.vt.transposed), epsilon + dotProductError(length: 48, magnitude: 1))
    }

    func testFullSVDGivesCompleteBases() throws {
        let a = try randomMatrix(7, 4, seed: 11)
        let svd = try a.singularValueDecomposition(.full)
        XCTAssertEqual(svd.u.rows, 7); XCTAssertEqual(svd.u.columns, 7)
        XCTAssertEqual(svd.vt.rows, 4); XCTAssertEqual(svd.vt.columns, 4)
        let epsilon = stableFactorizationError(7, 4)
        XCTAssertLessThan(try orthogonalityError(svd.u), epsilon + dotProductError(length: 7, magnitude: 1))
        XCTAssertLessThan(try orthogonalityError(svd.vt), epsilon + dotProductError(length: 4, magnitude: 1))
        // Two backward-stable computations of the same singular values: each within ε‖A‖ (Weyl).
        let values = try a.singularValueDecomposition(.valuesOnly).singularValues
        assertElementsEqual(values, svd.singularValues, absoluteTolerance: 2 * epsilon * normBound(a))
    }

    func testSingularValuesOfAKnownMatrix() throws {
        // Rank-one matrix u·vᵀ with ‖u‖ = 3, ‖v‖ = 5: one singular value 15, the rest 0.
        let u = [1.0, 2, 2], v = [3.0, 4]
        var a = Matrix(rows: 3, columns: 2)
        for i in 0..<3 { for j in 0..<2 { a[i, j] = u[i] * v[j] } }
        let s = try a.singularValueDecomposition(.valuesOnly).singularValues
        // Weyl: each computed singular value is within ε·‖A‖₂ = ε·15 of the exact one.
        let tolerance = stableFactorizationError(3, 2) * 15
        XCTAssertEqual(s[0], 15, accuracy: tolerance)
        XCTAssertEqual(s[1], 0, accuracy: tolerance)
    }

    func testCholeskySolveAndNotPositiveDefinite() throws {
        // A = [[4, 2], [2, 3]], x = (1, 2) → b = (8, 8).
        // Forward error ≤ κ₂(A)·ε·‖x‖ with κ₂ = (7 + √17)/(7 − √17) ≈ 3.86 (eigenvalues (7 ± √17)/2).
        let a = try Matrix([[4, 2], [2, 3]])
        let kappa = (7 + 17.0.squareRoot()) / (7 - 17.0.squareRoot())
        assertElementsEqual(
            try a.solveSymmetricPositiveDefinite([8, 8]), [1, 2],
            absoluteTolerance: kappa * stableFactorizationError(2, 2) * 5.0.squareRoot())
        let indefinite = try Matrix([[1, 2], [2, 1]])
        XCTAssertThrowsError(try indefinite.solveSymmetricPositiveDefinite([1, 1])) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(routine: "dposv", order: 2))
        }
    }

    func testSymmetricEigenvaluesOfTheSecondDifferenceMatrix() throws {
        // tridiag(−1, 2, −1) of order n has eigenvalues 2 − 2·cos(kπ/(n + 1)), k = 1…n.
        let n = 12
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            a[i, i] = 2
            if i > 0 { a[i, i - 1] = -1; a[i - 1, i] = -1 }
        }
        let eigen = try a.symmetricEigendecomposition()
        let expected = (1...n).map { 2 - 2 * cos(Double($0) * .pi / Double(n + 1)) }.sorted()
        // Backward stable with ‖A‖₂ < 4: each eigenvalue within 4ε (Weyl), residuals ‖Av − λv‖ ≤ 4ε
        // plus the rounding of forming A·v (3 non-zeros per row) and λ·v.
        let epsilon = stableFactorizationError(n, n)
        assertElementsEqual(
            eigen.eigenvalues, expected, absoluteTolerance: 4 * epsilon + dotProductError(length: n, magnitude: 4))
        XCTAssertLessThan(
            try orthogonalityError(eigen.eigenvectors), epsilon + dotProductError(length: n, magnitude: 1))
        // A·v = λ·v for every pair.
        for k in 0..<n {
            let v = eigen.eigenvectors.column(k)
            let av = try a.multiply(v)
            for i in 0..<n {
                XCTAssertEqual(
                    av[i], eigen.eigenvalues[k] * v[i], accuracy: 4 * epsilon + dotProductError(length: 4, magnitude: 4)
                )
            }
        }
    }

    func testProductsAgainstTheDefinition() throws {
        let a = try randomMatrix(5, 3, seed: 1), b = try randomMatrix(3, 4, seed: 2)
        // Both the kernel and the definition sum 3 products of magnitude ≤ 1, in any order.
        let tolerance = 2 * dotProductError(length: 3, magnitude: 3)
        func naive(_ a: Matrix, _ b: Matrix) -> Matrix {
            var c = Matrix(rows: a.rows, columns: b.columns)
            for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { c[i, j] += a[i, k] * b[k, j] } } }
            return c
        }
        assertElementsEqual((a * b).elements, naive(a, b).elements, absoluteTolerance: tolerance)
        let atb = try Matrix.product(a.transposed, b.transposed.transposed, transposeA: true)
        assertElementsEqual(atb.elements, naive(a, b).elements, absoluteTolerance: tolerance)
        let abt = try Matrix.product(a, b.transposed, transposeB: true)
        assertElementsEqual(abt.elements, naive(a, b).elements, absoluteTolerance: tolerance)
        let x = [1.0, -2, 0.5]
        assertElementsEqual(a * x, naive(a, Matrix(column: x)).elements, absoluteTolerance: tolerance)
        assertElementsEqual(
            try a.transposed.multiply(x, transposed: true), naive(a, Matrix(column: x)).elements,
            absoluteTolerance: tolerance)
        XCTAssertThrowsError(try Matrix.product(a, a))
        XCTAssertEqual(
            try Matrix.product(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 3)), Matrix(rows: 2, columns: 3))
    }

    /// The Gram matrix of the leading rows (dsyrk, mirrored) is AᵀA of those rows by the
    /// definition, exactly symmetric, and the trailing rows do not enter it.
    func testGramMatrixOfLeadingRowsAgainstTheDefinition() throws {
        let a = try randomMatrix(9, 4, seed: 3)
        let tolerance = 2 * dotProductError(length: 6, magnitude: 6)
        let g = try a.gram(rows: 6)
        XCTAssertEqual(g.rows, 4)
        XCTAssertEqual(g.columns, 4)
        for i in 0..<4 {
            for j in 0..<4 {
                var s = 0.0
                for r in 0..<6 { s += a[r, i] * a[r, j] }
                XCTAssertEqual(g[i, j], s, accuracy: tolerance)
                XCTAssertEqual(g[i, j], g[j, i])
            }
        }
        let full = try a.gram()
        assertElementsEqual(
            full.elements, try Matrix.product(a, a, transposeA: true).elements,
            absoluteTolerance: 2 * dotProductError(length: 9, magnitude: 9))
        XCTAssertEqual(try a.gram(rows: 0), Matrix(rows: 4, columns: 4))
        XCTAssertThrowsError(try a.gram(rows: 10))
    }

    func testSizesAreCheckedIntoInt32() {
        XCTAssertThrowsError(try lapackInt(Int(Int32.max) + 1, "rows")) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .sizeTooLarge("rows", Int(Int32.max) + 1))
        }
        XCTAssertEqual(try lapackInt(48, "rows"), 48)
    }

    func testThreadCountIsASetting() {
        let before = BLASThreads.threadCount  // the suite may run under CCPLAN_BLAS_THREADS=2
        defer { BLASThreads.setThreadCount(before) }
        BLASThreads.setThreadCount(2)
        XCTAssertEqual(BLASThreads.threadCount, 2)
        BLASThreads.setThreadCount(1)
        XCTAssertEqual(BLASThreads.threadCount, 1)
    }

    func testMatrixConstructionErrors() {
        XCTAssertThrowsError(try Matrix([[1, 2], [3]]))
        XCTAssertThrowsError(try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]))
    }
}
