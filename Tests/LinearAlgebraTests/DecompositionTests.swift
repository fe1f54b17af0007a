@testable import LinearAlgebra
import XCTest

final class DecompositionTests: XCTestCase {
    /// A deterministic pseudo-random matrix (SplitMix64), independent of any system generator.
    private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Matrix {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
        return try Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in next() })
    }

    /// max |Mᵀ·M − I|.
    private func orthogonalityError(_ m: Matrix) throws -> Double {
        let g = try Matrix.product(m, m, transposeA: true)
        var worst = 0.0
        for i in 0..<g.rows { for j in 0..<g.columns { worst = max(worst, abs(g[i, j] - (i == j ? 1 : 0))) } }
        return worst
    }

    func testThinSVDReconstructsAndIsOrthogonal() throws {
        // The shape of one year of days × half-hour intervals.
        let a = try randomMatrix(500, 48, seed: 7)
        let svd = try a.singularValueDecomposition(.thin)
        XCTAssertEqual(svd.u.rows, 500); XCTAssertEqual(svd.u.columns, 48)
        XCTAssertEqual(svd.vt.rows, 48); XCTAssertEqual(svd.vt.columns, 48)
        XCTAssertEqual(svd.singularValues, svd.singularValues.sorted(by: >))
        var us = svd.u
        for j in 0..<48 { for i in 0..<500 { us[i, j] *= svd.singularValues[j] } }
        let back = try Matrix.product(us, svd.vt)
        let worst = zip(back.elements, a.elements).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, 1e-12)
        XCTAssertLessThan(try orthogonalityError(svd.u), 1e-13)
        XCTAssertLessThan(try orthogonalityError(svd.vt.transposed), 1e-13)
    }

    func testFullSVDGivesCompleteBases() throws {
        let a = try randomMatrix(7, 4, seed: 11)
        let svd = try a.singularValueDecomposition(.full)
        XCTAssertEqual(svd.u.rows, 7); XCTAssertEqual(svd.u.columns, 7)
        XCTAssertEqual(svd.vt.rows, 4); XCTAssertEqual(svd.vt.columns, 4)
        XCTAssertLessThan(try orthogonalityError(svd.u), 1e-14)
        XCTAssertLessThan(try orthogonalityError(svd.vt), 1e-14)
        let values = try a.singularValueDecomposition(.valuesOnly).singularValues
        assertElementsEqual(values, svd.singularValues, absoluteTolerance: 1e-13)
    }

    func testSingularValuesOfAKnownMatrix() throws {
        // Rank-one matrix u·vᵀ with ‖u‖ = 3, ‖v‖ = 5: one singular value 15, the rest 0.
        let u = [1.0, 2, 2], v = [3.0, 4]
        var a = Matrix(rows: 3, columns: 2)
        for i in 0..<3 { for j in 0..<2 { a[i, j] = u[i] * v[j] } }
        let s = try a.singularValueDecomposition(.valuesOnly).singularValues
        XCTAssertEqual(s[0], 15, accuracy: 1e-13)
        XCTAssertEqual(s[1], 0, accuracy: 1e-13)
    }

    func testCholeskySolveAndNotPositiveDefinite() throws {
        // A = [[4, 2], [2, 3]], x = (1, 2) → b = (8, 8).
        let a = try Matrix([[4, 2], [2, 3]])
        assertElementsEqual(try a.solveSymmetricPositiveDefinite([8, 8]), [1, 2], absoluteTolerance: 1e-15)
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
        assertElementsEqual(eigen.eigenvalues, expected, absoluteTolerance: 1e-13)
        XCTAssertLessThan(try orthogonalityError(eigen.eigenvectors), 1e-13)
        // A·v = λ·v for every pair.
        for k in 0..<n {
            let v = eigen.eigenvectors.column(k)
            let av = try a.multiply(v)
            for i in 0..<n { XCTAssertEqual(av[i], eigen.eigenvalues[k] * v[i], accuracy: 1e-13) }
        }
    }

    func testProductsAgainstTheDefinition() throws {
        let a = try randomMatrix(5, 3, seed: 1), b = try randomMatrix(3, 4, seed: 2)
        func naive(_ a: Matrix, _ b: Matrix) -> Matrix {
            var c = Matrix(rows: a.rows, columns: b.columns)
            for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { c[i, j] += a[i, k] * b[k, j] } } }
            return c
        }
        assertElementsEqual((a * b).elements, naive(a, b).elements, absoluteTolerance: 1e-14)
        let atb = try Matrix.product(a.transposed, b.transposed.transposed, transposeA: true)
        assertElementsEqual(atb.elements, naive(a, b).elements, absoluteTolerance: 1e-14)
        let abt = try Matrix.product(a, b.transposed, transposeB: true)
        assertElementsEqual(abt.elements, naive(a, b).elements, absoluteTolerance: 1e-14)
        let x = [1.0, -2, 0.5]
        assertElementsEqual(a * x, naive(a, Matrix(column: x)).elements, absoluteTolerance: 1e-14)
        assertElementsEqual(try a.transposed.multiply(x, transposed: true), naive(a, Matrix(column: x)).elements, absoluteTolerance: 1e-14)
        XCTAssertThrowsError(try Matrix.product(a, a))
        XCTAssertEqual(try Matrix.product(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 3)), Matrix(rows: 2, columns: 3))
    }

    func testSizesAreCheckedIntoInt32() {
        XCTAssertThrowsError(try lapackInt(Int(Int32.max) + 1, "rows")) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .sizeTooLarge("rows", Int(Int32.max) + 1))
        }
        XCTAssertEqual(try lapackInt(48, "rows"), 48)
    }

    func testThreadCountIsASetting() {
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
