import Foundation

/// The standard normal distribution N(0, 1): Φ and Φ⁻¹, for prediction ranges and for staffing to
/// a quantile of the volume.
public enum StandardNormal {
    /// Φ(z) = ½·erfc(−z/√2).
    ///
    /// - Complexity: O(1).
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1 (p is clamped to [1e-300, 1 − 1e-300]).
    ///
    /// Acklam's rational approximation (relative error < 1.2e-9) refined by one step of Halley's
    /// method on Φ(z) − p with Φ from `erfc`, which brings it to within a few ulps (Acklam's own
    /// note on refinement; the test checks it against high-precision values).
    ///
    /// - Complexity: O(1).
    public static func quantile(_ p: Double) -> Double {
        // Φ⁻¹(p) = −Φ⁻¹(1 − p), and 1 − p is exact for p ≥ ½ (Sterbenz): the upper tail is computed
        // where Φ is small and the refinement keeps full relative accuracy.
        if p > 0.5 { return -quantile(1 - p) }
        let pp = max(p, 1e-300)
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var z: Double
        if pp < low {
            let q = (-2 * log(pp)).squareRoot()
            z =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = pp - 0.5, r = q * q
            z =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley: e = Φ(z) − p, u = e / φ(z), z ← z − u / (1 + z·u/2). φ(z) stays a normal
        // number down to p = 1e-300 (z ≈ −37), where exp(z²/2) would overflow.
        let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        guard density > 0 else { return z }
        let u = (cdf(z) - pp) / density
        z -= u / (1 + z * u / 2)
        return z
    }
}
