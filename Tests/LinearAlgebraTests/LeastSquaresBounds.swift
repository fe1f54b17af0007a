import LinearAlgebra

/// How far a backward-stable least-squares solver may land from the exact solution of a given
/// problem: the tolerance of a test, derived from the problem, never from one run on one CPU.
///
/// A backward-stable solver (Householder QR, or the SVD in `dgelsd`) returns the exact solution of
/// a nearby problem (A + δA) x̂ ≈ b + δb with ‖δA‖ ≤ ε‖A‖, ‖δb‖ ≤ ε‖b‖. Higham (*Accuracy and
/// Stability of Numerical Algorithms*, 2nd ed., §20.2–20.3) bounds ε by O(m·n)·u; rounding errors
/// add up like a random walk in practice, so we take ε = √(m·n)·u, u = 2⁻⁵³. ccplan's solver scales
/// the columns of A to unit norm first, so the backward error is relative to the scaled design
/// A_s = A·D⁻¹ and its unknowns z = D·x. To first order (Wedin; Higham Thm 20.1, componentwise),
///
///     δz = (A_sᵀA_s)⁻¹ δA_sᵀ r − A_s⁺ δA_s z + A_s⁺ δb,
///
/// so each coefficient obeys
///
///     |δzᵢ| ≤ ε·( ‖A_s‖·‖eᵢᵀ(A_sᵀA_s)⁻¹‖·‖r‖ + ‖A_s‖·‖eᵢᵀA_s⁺‖·‖z‖ + ‖eᵢᵀA_s⁺‖·‖b‖ ),
///
/// with the row norms from the SVD A_s = UΣVᵀ: ‖eᵢᵀA_s⁺‖ = ‖eᵢᵀVΣ⁻¹‖ and
/// ‖eᵢᵀ(A_sᵀA_s)⁻¹‖ = ‖eᵢᵀVΣ⁻²‖. The bound is worst-case over the direction of δA, so real errors
/// sit well below it on every BLAS kernel; a solver that loses digits (normal equations without
/// scaling, say) exceeds it. The residual sum of squares moves only at second order in δx (r ⟂ A_s
/// at the solution), plus the rounding of r = b − A·x̂ and of the sum of its squares.
struct LeastSquaresBounds {
    /// The largest relative error allowed on each coefficient.
    var coefficients: [Double]
    /// The largest relative error allowed on the residual sum of squares.
    var residualSumOfSquares: Double
    /// The 2-norm condition number of the scaled design (for the test log).
    var condition: Double

    /// Bounds for min ‖A·x − b‖ at the certified solution `x`.
    init(design a: Matrix, response b: [Double], solution x: [Double]) throws {
        let (m, n) = (a.rows, a.columns)
        let u = Double.ulpOfOne / 2
        let epsilon = (Double(m * n)).squareRoot() * u
        // Column scaling, as LeastSquares does.
        var scales = [Double](repeating: 0, count: n)
        var scaled = a
        for j in 0..<n {
            scales[j] = norm((0..<m).map { a[$0, j] })
            for i in 0..<m { scaled[i, j] = a[i, j] / scales[j] }
        }
        let z = (0..<n).map { x[$0] * scales[$0] }
        let r = (0..<m).map { i in b[i] - (0..<n).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
        let svd = try scaled.singularValueDecomposition()
        let sigma = svd.singularValues
        let normA = sigma[0]
        let (normR, normZ, normB) = (norm(r), norm(z), norm(b))
        condition = sigma[0] / sigma[n - 1]
        var relative: [Double] = []
        var worstAbsoluteZ = 0.0
        for i in 0..<n {
            // Row i of V is column i of Vᵀ.
            let pinvRow = norm((0..<n).map { k in svd.vt[k, i] / sigma[k] })
            let inverseRow = norm((0..<n).map { k in svd.vt[k, i] / (sigma[k] * sigma[k]) })
            let dz = epsilon * (normA * inverseRow * normR + normA * pinvRow * normZ + pinvRow * normB)
            worstAbsoluteZ = max(worstAbsoluteZ, dz)
            relative.append(dz / abs(z[i]))
        }
        coefficients = relative
        // ‖r̂‖² = ‖r‖² + ‖A_s δz‖², and each rᵢ = bᵢ − Σ aᵢⱼxⱼ is rounded with error ≤ (n + 1)·u·(|bᵢ| + Σ|aᵢⱼxⱼ|).
        let shift = normA * worstAbsoluteZ * Double(n).squareRoot()
        let rounding =
            Double(n + 1) * u
            * norm((0..<m).map { i in abs(b[i]) + (0..<n).reduce(0.0) { $0 + abs(a[i, $1] * x[$1]) } })
        // Summing the squares adds at most m·u relative.
        residualSumOfSquares =
            (shift * shift + 2 * normR * rounding + rounding * rounding) / (normR * normR)
            + Double(m) * u
    }
}

private func norm(_ v: [Double]) -> Double {
    let scale = v.reduce(0.0) { max($0, abs($1)) }
    guard scale > 0 else { return 0 }
    return scale * v.reduce(0.0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
}
