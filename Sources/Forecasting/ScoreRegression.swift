import CCPlanBase
import LinearAlgebra

/// A linear regression with AR(1) errors for one series of SVD day scores (``SVDInterday``),
///
///     y_t = x_tᵀγ + u_t,   u_t = φ u_{t−1} + ε_t,   0 ≤ φ ≤ 0.99,
///
/// fitted by Cochrane–Orcutt iterations (Cochrane & Orcutt 1949): least squares for γ, then
/// φ̂ = Σ u_t u_{t−1} / Σ u_{t−1}² from the residuals, then least squares on the quasi-differences
/// y_t − φ̂ y_{t−1} = (x_t − φ̂ x_{t−1})ᵀγ + ε_t, three times. Columns in `ridgeColumns` carry a
/// ridge penalty λ. Each least-squares step solves the normal equations (X̃ᵀX̃ + Λ)γ = X̃ᵀỹ of the
/// few regressors, assembled from cross products computed once (``Design``), by Cholesky (0/1
/// dummies and a ridge keep them well conditioned), in plain
/// Swift so that the result does not depend on the BLAS kernel; when they are not positive
/// definite (a regressor that never varies independently) LAPACK dgelsd takes the stacked problem.
struct ScoreRegression {
    /// γ.
    let coefficients: [Double]
    /// φ.
    let phi: Double
    /// The last training day's error u_T.
    let lastError: Double
    /// σ² of ε: the quasi-differenced residuals' sum of squares over n − p − 2 degrees of freedom.
    let innovationVariance: Double

    static let iterations = 3

    /// The design's cross products, shared by every score series of one SVD fit: with them a
    /// quasi-differenced normal matrix is
    /// Σ(x_t − φx_{t−1})(x_t − φx_{t−1})ᵀ = S₀₀ − φ(S₀₁ + S₁₀) + φ²S₁₁.
    struct Design {
        /// n × p regressors, row-major (row t = day t, oldest first).
        let x: [Double]
        let rows: Int
        let columns: Int
        /// Σ_{t≥0} x_t x_tᵀ, Σ_{t≥1} x_t x_tᵀ, Σ_{t≥1} x_t x_{t−1}ᵀ, Σ_{t≥1} x_{t−1} x_{t−1}ᵀ
        /// (p × p).
        let all: [Double], s00: [Double], s01: [Double], s11: [Double]

        /// - Complexity: O(n · p²).
        init(x: [Double], columns p: Int) {
            self.x = x
            columns = p
            rows = p > 0 ? x.count / p : 0
            var all = [Double](repeating: 0, count: p * p), s00 = all, s01 = all
            for t in 0..<rows {
                for c in 0..<p where x[t * p + c] != 0 {
                    for e in 0..<p {
                        let v = x[t * p + c] * x[t * p + e]
                        all[c * p + e] += v
                        if t >= 1 { s00[c * p + e] += v; s01[c * p + e] += x[t * p + c] * x[(t - 1) * p + e] }
                    }
                }
            }
            var s11 = all
            let last = (rows - 1) * p
            if rows > 0 { for c in 0..<p { for e in 0..<p { s11[c * p + e] -= x[last + c] * x[last + e] } } }
            self.all = all; self.s00 = s00; self.s01 = s01; self.s11 = s11
        }
    }

    /// - Parameters:
    ///   - design: the regressors and their cross products.
    ///   - target: y_t, n values.
    /// - Throws: ``ForecastingError/numerical(_:)`` when LAPACK fails.
    /// - Complexity: O(n · p + iterations · (n · p + p³)).
    init(design: Design, target y: [Double], ridgeColumns: [Int], ridge: Double) throws {
        let n = y.count, p = design.columns, x = design.x
        // Σ x_t y_t over t ≥ 0 and t ≥ 1, Σ x_t y_{t−1}, Σ x_{t−1} y_t, Σ x_{t−1} y_{t−1}.
        var bAll = [Double](repeating: 0, count: p), b00 = bAll, b01 = bAll, b10 = bAll, b11 = bAll
        for t in 0..<n {
            for c in 0..<p where x[t * p + c] != 0 {
                bAll[c] += x[t * p + c] * y[t]
                if t >= 1 { b00[c] += x[t * p + c] * y[t]; b01[c] += x[t * p + c] * y[t - 1] }
                if t + 1 < n { b10[c] += x[t * p + c] * y[t + 1]; b11[c] += x[t * p + c] * y[t] }
            }
        }
        var phi = 0.0
        var gamma = [Double](repeating: 0, count: p)
        var u = y
        var normal = [Double](repeating: 0, count: p * p), right = [Double](repeating: 0, count: p)
        for pass in 0...ScoreRegression.iterations {
            // Plain least squares first, then quasi-differences.
            let rho = pass == 0 ? 0 : phi
            for c in 0..<p {
                for e in 0..<p {
                    let (ce, ec) = (c * p + e, e * p + c)
                    normal[ce] =
                        pass == 0
                        ? design.all[ce]
                        : design.s00[ce] - rho * (design.s01[ce] + design.s01[ec]) + rho * rho * design.s11[ce]
                }
                right[c] = pass == 0 ? bAll[c] : b00[c] - rho * (b01[c] + b10[c]) + rho * rho * b11[c]
            }
            for c in ridgeColumns { normal[c * p + c] += ridge }
            if let solution = ScoreRegression.cholesky(lowerOf: normal, right, p) {
                gamma = solution
            } else {
                gamma = try ScoreRegression.stacked(
                    x, p, y, first: pass == 0 ? 0 : 1, rho: rho, ridgeColumns: ridgeColumns,
                    ridge: ridge)
            }
            for t in 0..<n {
                var f = 0.0
                for c in 0..<p { f += x[t * p + c] * gamma[c] }
                u[t] = y[t] - f
            }
            var sxy = 0.0, sxx = 0.0
            for t in 1..<max(1, n) { sxy += u[t] * u[t - 1]; sxx += u[t - 1] * u[t - 1] }
            phi = sxx > 0 ? min(0.99, max(0, sxy / sxx)) : 0
        }
        var sse = 0.0
        for t in 1..<max(1, n) { let e = u[t] - phi * u[t - 1]; sse += e * e }
        coefficients = gamma
        self.phi = phi
        lastError = u.last ?? 0
        innovationVariance = sse / Double(max(1, n - 2 - p))
    }

    /// Solves A·z = b for symmetric A given by its lower triangle (row-major p × p) by Cholesky;
    /// nil when A is not numerically positive definite.
    static func cholesky(lowerOf a: [Double], _ b: [Double], _ p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        var scale = 0.0
        for c in 0..<p { scale = max(scale, a[c * p + c]) }
        for i in 0..<p {
            for j in 0...i {
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard s > 1e-10 * scale else { return nil }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        var z = b
        for i in 0..<p {
            for k in 0..<i { z[i] -= l[i * p + k] * z[k] }
            z[i] /= l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, p) { z[i] -= l[k * p + i] * z[k] }
            z[i] /= l[i * p + i]
        }
        return z.allSatisfy(\.isFinite) ? z : nil
    }

    /// The same step by LAPACK dgelsd on the stacked rows [X̃; √λ·E] (rank-revealing).
    private static func stacked(
        _ x: [Double], _ p: Int, _ y: [Double], first: Int, rho: Double, ridgeColumns: [Int],
        ridge: Double
    ) throws -> [Double] {
        let n = y.count
        let m = n - first + ridgeColumns.count
        var a = Matrix(rows: m, columns: p)
        var b = [Double](repeating: 0, count: m)
        for t in first..<n {
            for c in 0..<p { a[t - first, c] = x[t * p + c] - rho * (first == 1 ? x[(t - 1) * p + c] : 0) }
            b[t - first] = y[t] - (first == 1 ? rho * y[t - 1] : 0)
        }
        for (r, c) in ridgeColumns.enumerated() { a[n - first + r, c] = ridge.squareRoot() }
        return try numerical { try a.leastSquares(b, rcond: 1e-10) }.solution
    }
}
