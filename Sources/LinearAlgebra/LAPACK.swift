import CLAPACK

// The only place in ccplan that touches pointers: thin wrappers over CBLAS and LAPACKE's
// `_work` routines (column-major, so LAPACKE never transposes into a copy). Each wrapper checks
// sizes into Int32, runs the workspace query (lwork = −1) before the call, and turns `info` into a
// `LinearAlgebraError`. The public, safe API is in the other files of this module.

private let columnMajor = Int32(LAPACK_COL_MAJOR)

@inline(__always)
private func char(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// Maps a LAPACK `info` < 0 to an error; `info` > 0 is routine-specific and handled by callers.
private func checkArguments(_ routine: String, _ info: Int32) throws {
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, argument: Int(-info)) }
}

enum LAPACK {
    /// Whether every element is finite: Σ x·0 is 0 for finite values and NaN otherwise, summed in
    /// four lanes so that the loop vectorises (`allSatisfy(\.isFinite)` took 0.3 ms for 500k values).
    static func allFinite(_ x: [Double]) -> Bool {
        x.withUnsafeBufferPointer { p in
            var lanes = (0.0, 0.0, 0.0, 0.0)
            var i = 0
            while i + 4 <= p.count {
                lanes.0 += p[i] * 0; lanes.1 += p[i + 1] * 0; lanes.2 += p[i + 2] * 0; lanes.3 += p[i + 3] * 0
                i += 4
            }
            while i < p.count { lanes.0 += p[i] * 0; i += 1 }
            return (lanes.0 + lanes.1 + lanes.2 + lanes.3) == 0
        }
    }

    /// Scales each column of the m × n column-major `a` to unit Euclidean norm (dnrm2, dscal) and
    /// returns the factors applied (1 for a zero or non-finite column).
    static func scaleColumnsToUnitNorm(_ a: inout [Double], m: Int, n: Int) throws -> [Double] {
        BLASThreads.configureOnce()
        let m32 = try lapackInt(m, "rows")
        var scales = [Double](repeating: 1, count: n)
        a.withUnsafeMutableBufferPointer { pa in
            for j in 0..<n {
                let column = pa.baseAddress! + j * m
                // ddot is several times faster than dnrm2; dnrm2's overflow-safe scaling is needed
                // only when the sum of squares overflows (values above ~1e154).
                var norm = cblas_ddot(m32, column, 1, column, 1).squareRoot()
                if !norm.isFinite { norm = cblas_dnrm2(m32, column, 1) }
                if norm > 0 && norm.isFinite {
                    scales[j] = 1 / norm
                    cblas_dscal(m32, scales[j], column, 1)
                }
            }
        }
        return scales
    }

    /// C ← α·op(A)·op(B) + β·C (dgemm). `c` must hold m·n elements.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: [Double], lda: Int, b: [Double], ldb: Int, beta: Double, c: inout [Double], ldc: Int
    ) throws {
        BLASThreads.configureOnce()
        let (m32, n32, k32) = (
            try lapackInt(m, "rows"), try lapackInt(n, "columns"), try lapackInt(k, "inner dimension")
        )
        let (lda32, ldb32, ldc32) = (try lapackInt(lda, "lda"), try lapackInt(ldb, "ldb"), try lapackInt(ldc, "ldc"))
        if m == 0 || n == 0 { return }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        m32, n32, k32, alpha, pa.baseAddress, lda32, pb.baseAddress, ldb32,
                        beta, pc.baseAddress, ldc32)
                }
            }
        }
    }

    /// C ← AᵀA for the first k rows of the column-major m × n matrix A (leading dimension lda):
    /// dsyrk fills the lower triangle, which is then mirrored. `c` must hold n·n elements.
    static func syrkTransposed(n: Int, k: Int, a: [Double], lda: Int, c: inout [Double]) throws {
        BLASThreads.configureOnce()
        let (n32, k32, lda32) = (try lapackInt(n, "columns"), try lapackInt(k, "rows"), try lapackInt(lda, "lda"))
        if n == 0 { return }
        if k > 0 {
            a.withUnsafeBufferPointer { pa in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dsyrk(
                        CblasColMajor, CblasLower, CblasTrans, n32, k32, 1, pa.baseAddress, lda32, 0,
                        pc.baseAddress, n32)
                }
            }
        }
        for j in 0..<n {
            for i in (j + 1)..<max(j + 1, n) { c[j + i * n] = c[i + j * n] }
        }
    }

    /// y ← α·op(A)·x + β·y (dgemv).
    static func gemv(
        transpose: Bool, m: Int, n: Int, alpha: Double, a: [Double], x: [Double], beta: Double, y: inout [Double]
    ) throws {
        BLASThreads.configureOnce()
        let (m32, n32) = (try lapackInt(m, "rows"), try lapackInt(n, "columns"))
        if m == 0 || n == 0 {
            // BLAS leaves y untouched when the product is empty; apply β ourselves for the m × 0 case.
            for i in y.indices { y[i] *= beta }
            return
        }
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(
                        CblasColMajor, transpose ? CblasTrans : CblasNoTrans, m32, n32, alpha,
                        pa.baseAddress, max(1, m32), px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// Minimum-norm least squares by SVD (dgelsd). On return `b`'s first n rows of each column hold
    /// the solution. Returns the effective rank and the singular values of A.
    static func gelsd(
        m: Int, n: Int, nrhs: Int, a: inout [Double], b: inout [Double], ldb: Int, rcond: Double
    ) throws -> (rank: Int, singularValues: [Double]) {
        BLASThreads.configureOnce()
        let m32 = try lapackInt(m, "rows"), n32 = try lapackInt(n, "columns")
        let nrhs32 = try lapackInt(nrhs, "right-hand sides"), ldb32 = try lapackInt(ldb, "ldb")
        let lda32 = max(1, m32)
        var s = [Double](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        var query = [Double](repeating: 0, count: 1)
        var iquery = [Int32](repeating: 0, count: 1)
        var info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                s.withUnsafeMutableBufferPointer { ps in
                    LAPACKE_dgelsd_work(
                        columnMajor, m32, n32, nrhs32, pa.baseAddress, lda32, pb.baseAddress, ldb32,
                        ps.baseAddress, rcond, &rank, &query, -1, &iquery)
                }
            }
        }
        try checkArguments("dgelsd", info)
        var work = [Double](repeating: 0, count: max(1, Int(query[0])))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery[0])))
        let lwork = try lapackInt(work.count, "dgelsd workspace")
        info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                s.withUnsafeMutableBufferPointer { ps in
                    LAPACKE_dgelsd_work(
                        columnMajor, m32, n32, nrhs32, pa.baseAddress, lda32, pb.baseAddress, ldb32,
                        ps.baseAddress, rcond, &rank, &work, lwork, &iwork)
                }
            }
        }
        try checkArguments("dgelsd", info)
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dgelsd", info: Int(info)) }
        return (Int(rank), s)
    }

    /// Divide-and-conquer SVD (dgesdd). `job` is "A" (full), "S" (thin) or "N" (values only).
    static func gesdd(
        job: Unicode.Scalar, m: Int, n: Int, a: inout [Double]
    ) throws -> (u: [Double], s: [Double], vt: [Double]) {
        BLASThreads.configureOnce()
        let m32 = try lapackInt(m, "rows"), n32 = try lapackInt(n, "columns")
        let k = min(m, n)
        let (uColumns, vtRows): (Int, Int) =
            switch job {
            case "A": (m, n)
            case "S": (k, k)
            default: (0, 0)
            }
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: max(1, m * uColumns))
        var vt = [Double](repeating: 0, count: max(1, vtRows * n))
        let ldu32 = max(1, m32), ldvt32 = max(1, try lapackInt(vtRows, "vt rows"))
        var iwork = [Int32](repeating: 0, count: max(1, 8 * k))
        var query = [Double](repeating: 0, count: 1)
        func call(_ work: inout [Double], _ lwork: Int32) -> Int32 {
            a.withUnsafeMutableBufferPointer { pa in
                s.withUnsafeMutableBufferPointer { ps in
                    u.withUnsafeMutableBufferPointer { pu in
                        vt.withUnsafeMutableBufferPointer { pvt in
                            work.withUnsafeMutableBufferPointer { pw in
                                iwork.withUnsafeMutableBufferPointer { piw in
                                    LAPACKE_dgesdd_work(
                                        columnMajor, char(job), m32, n32, pa.baseAddress, max(1, m32),
                                        ps.baseAddress, pu.baseAddress, ldu32, pvt.baseAddress, ldvt32,
                                        pw.baseAddress, lwork, piw.baseAddress)
                                }
                            }
                        }
                    }
                }
            }
        }
        var info = call(&query, -1)
        try checkArguments("dgesdd", info)
        var work = [Double](repeating: 0, count: max(1, Int(query[0])))
        info = call(&work, try lapackInt(work.count, "dgesdd workspace"))
        try checkArguments("dgesdd", info)
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dgesdd", info: Int(info)) }
        if job == "N" { return ([], s, []) }
        // u and vt were padded to one element for empty shapes only.
        if u.count != m * uColumns { u = [] }
        if vt.count != vtRows * n { vt = [] }
        return (u, s, vt)
    }

    /// Solves A·X = B for symmetric positive-definite A by Cholesky (dposv, lower triangle).
    static func posv(n: Int, nrhs: Int, a: inout [Double], b: inout [Double]) throws {
        BLASThreads.configureOnce()
        let n32 = try lapackInt(n, "order"), nrhs32 = try lapackInt(nrhs, "right-hand sides")
        let info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dposv_work(
                    columnMajor, char("L"), n32, nrhs32, pa.baseAddress, max(1, n32), pb.baseAddress, max(1, n32))
            }
        }
        try checkArguments("dposv", info)
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "dposv", order: Int(info)) }
    }

    /// Eigenvalues (ascending) and, when `vectors`, eigenvectors of a symmetric matrix (dsyevd,
    /// lower triangle). On return `a` holds the eigenvectors column by column.
    static func syevd(n: Int, a: inout [Double], vectors: Bool) throws -> [Double] {
        BLASThreads.configureOnce()
        let n32 = try lapackInt(n, "order")
        var w = [Double](repeating: 0, count: n)
        let job = char(vectors ? "V" : "N")
        var query = [Double](repeating: 0, count: 1)
        var iquery = [Int32](repeating: 0, count: 1)
        func call(_ work: inout [Double], _ lwork: Int32, _ iwork: inout [Int32], _ liwork: Int32) -> Int32 {
            a.withUnsafeMutableBufferPointer { pa in
                w.withUnsafeMutableBufferPointer { pw in
                    work.withUnsafeMutableBufferPointer { pwork in
                        iwork.withUnsafeMutableBufferPointer { piwork in
                            LAPACKE_dsyevd_work(
                                columnMajor, job, char("L"), n32, pa.baseAddress, max(1, n32), pw.baseAddress,
                                pwork.baseAddress, lwork, piwork.baseAddress, liwork)
                        }
                    }
                }
            }
        }
        var info = call(&query, -1, &iquery, -1)
        try checkArguments("dsyevd", info)
        var work = [Double](repeating: 0, count: max(1, Int(query[0])))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery[0])))
        info = call(
            &work, try lapackInt(work.count, "dsyevd workspace"), &iwork,
            try lapackInt(iwork.count, "dsyevd integer workspace"))
        try checkArguments("dsyevd", info)
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dsyevd", info: Int(info)) }
        return w
    }
}
