import CCPlanBase
import Foundation

/// The precision at which ccplan publishes the numbers that come out of the linear-algebra core,
/// so that every machine writes the same bytes.
///
/// OpenBLAS picks its kernels by CPU (and by `OPENBLAS_CORETYPE`), and kernels sum in different
/// orders: the same forecast differs between a Haswell and a SkylakeX kernel in the last digits
/// (measured: at most 3.3e-14 relative on `SampleData`). ccplan rounds every forecast value once,
/// where the forecast leaves the models and before anything is staffed, written or rolled up:
/// - volumes and their quantiles to 0.001 contact;
/// - handle times to 0.001 second;
/// - backtest scores (WAPE, bias, …) to 6 significant digits.
///
/// Everything downstream (agents, hours, FTE, reports) is then computed from identical inputs in
/// pure Swift and is identical too. Rounding cannot remove the difference when a value lies within
/// the kernels' disagreement of a rounding boundary (a half-unit at the rounded digit): for a
/// volume of 100 that is a chance of about 1e-8 per value.
public enum PublishedPrecision {
    /// Contacts: 0.001.
    public static let volumeStep = 0.001
    /// Seconds: 0.001.
    public static let secondsStep = 0.001
    /// Significant digits of backtest scores.
    public static let scoreDigits = 6

    /// A volume rounded to 0.001 contact (non-finite values pass through).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public static func volume(_ x: Double) -> Double { round(x, step: volumeStep) }

    /// A duration rounded to 0.001 second.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public static func seconds(_ x: Double) -> Double { round(x, step: secondsStep) }

    /// A score rounded to 6 significant digits.
    ///
    /// - Complexity: O(1).
    public static func score(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let exponent = Int(Foundation.floor(Foundation.log10(Swift.abs(x)))) - (scoreDigits - 1)
        // Divide and multiply by an exact power of ten (a Double for |exponent| ≤ 22).
        let scale = Foundation.pow(10.0, Double(Swift.abs(exponent)))
        return exponent >= 0 ? (x / scale).rounded() * scale : (x * scale).rounded() / scale
    }

    @inline(__always)
    static func round(_ x: Double, step: Double) -> Double {
        guard x.isFinite else { return x }
        let inverse = 1 / step
        let r = (x * inverse).rounded() / inverse
        return r == 0 ? 0 : r  // never -0
    }
}
