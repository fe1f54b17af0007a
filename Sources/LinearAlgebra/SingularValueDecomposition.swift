/// A singular value decomposition A = U · diag(σ) · Vᵀ, with σ₁ ≥ σ₂ ≥ … ≥ 0.
public struct SingularValueDecomposition: Sendable, Equatable {
    /// Left singular vectors: m × k (thin) or m × m (full); empty for values only.
    public var u: Matrix
    /// Singular values, largest first (k = min(m, n) of them).
    public var singularValues: [Double]
    /// Right singular vectors transposed: k × n (thin) or n × n (full); empty for values only.
    public var vt: Matrix

    /// Which factors to compute.
    public enum Mode: Sendable {
        /// U is m × min(m, n), Vᵀ is min(m, n) × n: enough to reconstruct A, and what a
        /// low-rank model (such as the SVD forecasting model) needs.
        case thin
        /// U is m × m and Vᵀ is n × n (complete orthonormal bases).
        case full
        /// Singular values only.
        case valuesOnly
    }
}

extension Matrix {
    /// The singular value decomposition by divide and conquer (LAPACK dgesdd).
    ///
    /// - Throws: ``LinearAlgebraError/nonFiniteInput(_:)`` on NaN or infinity,
    ///   ``LinearAlgebraError/noConvergence(routine:info:)`` when the iteration fails.
    /// - Complexity: O(m · n · min(m, n)).
    public func singularValueDecomposition(_ mode: SingularValueDecomposition.Mode = .thin) throws
        -> SingularValueDecomposition
    {
        guard isFinite else { throw LinearAlgebraError.nonFiniteInput("dgesdd") }
        let k = Swift.min(rows, columns)
        var a = elements
        let job: Unicode.Scalar =
            switch mode {
            case .thin: "S"
            case .full: "A"
            case .valuesOnly: "N"
            }
        let (u, s, vt) = try LAPACK.gesdd(job: job, m: rows, n: columns, a: &a)
        switch mode {
        case .thin:
            return SingularValueDecomposition(
                u: try Matrix(rows: rows, columns: k, columnMajor: u), singularValues: s,
                vt: try Matrix(rows: k, columns: columns, columnMajor: vt))
        case .full:
            return SingularValueDecomposition(
                u: try Matrix(rows: rows, columns: rows, columnMajor: u), singularValues: s,
                vt: try Matrix(rows: columns, columns: columns, columnMajor: vt))
        case .valuesOnly:
            return SingularValueDecomposition(
                u: Matrix(rows: 0, columns: 0), singularValues: s, vt: Matrix(rows: 0, columns: 0))
        }
    }
}
