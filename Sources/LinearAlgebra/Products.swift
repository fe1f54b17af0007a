extension Matrix {
    /// The product op(A)·op(B), where op transposes when asked (BLAS dgemm).
    ///
    ///     C = α · op(A) · op(B)
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner dimensions differ.
    /// - Complexity: O(m · n · k) for an m×k by k×n product.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, scale alpha: Double = 1
    ) throws -> Matrix {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == kb else {
            throw LinearAlgebraError.dimensionMismatch("product of \(m)×\(k) and \(kb)×\(n)")
        }
        var c = [Double](repeating: 0, count: m * n)
        if k > 0 {
            try LAPACK.gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: a.elements, lda: max(1, a.rows), b: b.elements, ldb: max(1, b.rows), beta: 0,
                c: &c, ldc: max(1, m))
        }
        return try Matrix(rows: m, columns: n, columnMajor: c)
    }

    /// The Gram matrix of the first `rows` rows (all by default) (BLAS dsyrk),
    ///
    ///     G = A[0..<rows, :]ᵀ · A[0..<rows, :],
    ///
    /// exactly symmetric, for half the work of ``product(_:_:transposeA:transposeB:scale:)``.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `rows` exceeds the matrix's rows.
    /// - Complexity: O(rows · columns²).
    public func gram(rows k: Int? = nil) throws -> Matrix {
        let k = k ?? rows
        guard (0...rows).contains(k) else {
            throw LinearAlgebraError.dimensionMismatch("Gram matrix of \(k) rows of a \(rows)×\(columns) matrix")
        }
        var c = [Double](repeating: 0, count: columns * columns)
        try LAPACK.syrkTransposed(n: columns, k: k, a: elements, lda: max(1, rows), c: &c)
        return try Matrix(rows: columns, columns: columns, columnMajor: c)
    }

    /// The matrix–vector product op(A)·x (BLAS dgemv).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `x` has the wrong length.
    /// - Complexity: O(rows · columns).
    public func multiply(_ x: [Double], transposed: Bool = false) throws -> [Double] {
        let (m, n) = transposed ? (columns, rows) : (rows, columns)
        guard x.count == n else {
            throw LinearAlgebraError.dimensionMismatch("\(m)×\(n) matrix times a vector of length \(x.count)")
        }
        var y = [Double](repeating: 0, count: m)
        try LAPACK.gemv(transpose: transposed, m: rows, n: columns, alpha: 1, a: elements, x: x, beta: 0, y: &y)
        return y
    }

    /// A·B. Traps on mismatched shapes; use ``product(_:_:transposeA:transposeB:scale:)`` to get an error instead.
    ///
    /// - Complexity: O(m · n · k).
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        do { return try product(a, b) } catch { preconditionFailure("\(error)") }
    }

    /// A·x. Traps on a mismatched length; use ``multiply(_:transposed:)`` to get an error instead.
    ///
    /// - Complexity: O(rows · columns).
    public static func * (a: Matrix, x: [Double]) -> [Double] {
        do { return try a.multiply(x) } catch { preconditionFailure("\(error)") }
    }
}
