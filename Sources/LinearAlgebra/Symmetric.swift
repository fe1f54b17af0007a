/// The eigendecomposition A = V · diag(λ) · Vᵀ of a symmetric matrix.
public struct SymmetricEigendecomposition: Sendable, Equatable {
    /// Eigenvalues in ascending order.
    public var eigenvalues: [Double]
    /// Orthonormal eigenvectors, one per column, in the order of ``eigenvalues``.
    public var eigenvectors: Matrix
}

extension Matrix {
    /// Solves A·X = B for a symmetric positive-definite A by Cholesky factorization (LAPACK dposv).
    /// Only the lower triangle of A is read.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` when A is not
    ///   positive definite; ``LinearAlgebraError/dimensionMismatch(_:)`` on wrong shapes.
    /// - Complexity: O(n³ / 3 + n² · nrhs).
    public func solveSymmetricPositiveDefinite(_ b: Matrix) throws -> Matrix {
        guard rows == columns else {
            throw LinearAlgebraError.dimensionMismatch("dposv needs a square matrix, got \(rows)×\(columns)")
        }
        guard b.rows == rows else {
            throw LinearAlgebraError.dimensionMismatch("dposv: A is \(rows)×\(rows), B has \(b.rows) rows")
        }
        guard isFinite, b.isFinite else { throw LinearAlgebraError.nonFiniteInput("dposv") }
        var a = elements
        var x = b.elements
        try LAPACK.posv(n: rows, nrhs: b.columns, a: &a, b: &x)
        return try Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// Solves A·x = b for one right-hand side; see ``solveSymmetricPositiveDefinite(_:)-(Matrix)``.
    ///
    /// - Complexity: O(n³ / 3).
    public func solveSymmetricPositiveDefinite(_ b: [Double]) throws -> [Double] {
        try solveSymmetricPositiveDefinite(Matrix(column: b)).elements
    }

    /// Eigenvalues and eigenvectors of a symmetric matrix by divide and conquer (LAPACK dsyevd).
    /// Only the lower triangle is read.
    ///
    /// - Throws: ``LinearAlgebraError`` on a non-square or non-finite matrix or no convergence.
    /// - Complexity: O(n³).
    public func symmetricEigendecomposition() throws -> SymmetricEigendecomposition {
        guard rows == columns else {
            throw LinearAlgebraError.dimensionMismatch("dsyevd needs a square matrix, got \(rows)×\(columns)")
        }
        guard isFinite else { throw LinearAlgebraError.nonFiniteInput("dsyevd") }
        var a = elements
        let values = try LAPACK.syevd(n: rows, a: &a, vectors: true)
        return SymmetricEigendecomposition(
            eigenvalues: values, eigenvectors: try Matrix(rows: rows, columns: rows, columnMajor: a))
    }
}
