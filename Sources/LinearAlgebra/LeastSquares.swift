/// The solution of a linear least-squares problem min ‖A·x − b‖₂.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The minimum-norm coefficients x (length = columns of A), one column per right-hand side.
    public var coefficients: Matrix
    /// The effective rank of A: the number of singular values above `rcond · σ_max` (after column
    /// scaling, when it was on).
    public var rank: Int
    /// ‖A·x − b‖₂² for each right-hand side, computed from the residuals.
    public var residualSumOfSquares: [Double]
    /// The singular values of A (of the column-scaled A when scaling was on), largest first.
    public var singularValues: [Double]

    /// The coefficients of the first (often only) right-hand side.
    public var solution: [Double] { coefficients.column(0) }
}

extension Matrix {
    /// Solves min ‖A·x − b‖₂ with a rank tolerance, by the SVD (LAPACK dgelsd): singular values
    /// σᵢ ≤ rcond·σ₁ are treated as zero, so a rank-deficient or nearly collinear design gives the
    /// minimum-norm solution and its numerical rank instead of garbage (which dgels returns silently).
    ///
    /// Columns are first scaled to unit Euclidean norm (and the coefficients scaled back), which
    /// makes the rank decision independent of the units of each regressor and gains digits on
    /// badly scaled designs such as high-degree polynomials. Turn it off with `scaleColumns: false`
    /// for the plain minimum-norm solution of the unscaled problem.
    ///
    /// - Parameters:
    ///   - b: one right-hand side per column (`rows` rows).
    ///   - rcond: relative rank tolerance; the default 1e-12 suits regressions in double precision.
    /// - Throws: ``LinearAlgebraError`` on mismatched shapes, non-finite input or no convergence.
    /// - Complexity: O(m · n² + n³) for an m × n design with m ≥ n, plus O(m · n) per right-hand side.
    public func leastSquares(_ b: Matrix, rcond: Double = 1e-12, scaleColumns: Bool = true) throws
        -> LeastSquaresSolution
    {
        guard b.rows == rows else {
            throw LinearAlgebraError.dimensionMismatch("least squares with \(rows) rows in A and \(b.rows) in b")
        }
        guard isFinite, b.isFinite else { throw LinearAlgebraError.nonFiniteInput("dgelsd") }
        let (m, n, nrhs) = (rows, columns, b.columns)
        var a = elements
        let scales =
            scaleColumns
            ? try LAPACK.scaleColumnsToUnitNorm(&a, m: m, n: n) : [Double](repeating: 1, count: n)
        // dgelsd needs b with max(m, n) rows; the solution comes back in its first n rows.
        let ldb = max(1, m, n)
        var work = [Double](repeating: 0, count: ldb * nrhs)
        for j in 0..<nrhs {
            for i in 0..<m { work[i + j * ldb] = b.elements[i + j * m] }
        }
        let (rank, singularValues) = try LAPACK.gelsd(m: m, n: n, nrhs: nrhs, a: &a, b: &work, ldb: ldb, rcond: rcond)
        var x = Matrix(rows: n, columns: nrhs)
        for j in 0..<nrhs {
            for i in 0..<n { x[i, j] = work[i + j * ldb] * scales[i] }
        }
        // Residuals from the original data (not from dgelsd's transformed b, which is only valid at full rank).
        let fitted = try Matrix.product(self, x)
        var rss = [Double](repeating: 0, count: nrhs)
        for j in 0..<nrhs {
            var sum = 0.0
            for i in 0..<m {
                let r = b.elements[i + j * m] - fitted.elements[i + j * m]
                sum += r * r
            }
            rss[j] = sum
        }
        return LeastSquaresSolution(
            coefficients: x, rank: rank, residualSumOfSquares: rss, singularValues: singularValues)
    }

    /// Solves min ‖A·x − b‖₂ for one right-hand side; see ``leastSquares(_:rcond:scaleColumns:)-(Matrix,_,_)``.
    ///
    /// - Complexity: O(m · n² + n³).
    public func leastSquares(_ b: [Double], rcond: Double = 1e-12, scaleColumns: Bool = true) throws
        -> LeastSquaresSolution
    {
        try leastSquares(Matrix(column: b), rcond: rcond, scaleColumns: scaleColumns)
    }
}
