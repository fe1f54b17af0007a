#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Empirical prediction ranges from backtest errors by lead time (Williams & Goodman 1971;
/// Hyndman & Athanasopoulos, *FPP3* §5.5 "bootstrapped/empirical intervals"), on the √ scale where
/// count noise has nearly constant variance:
///
///     e = √(y + ¼) − √(f + ¼)   pooled by lead week (days 1–7, 8–14, …)
///     q_p(d, s) = max(0, √(f(d, s) + ¼) + Q_p(e | lead week of d))² − ¼
///
/// Lead weeks beyond the backtest horizon use the last one. With no backtest errors at all the √
/// errors are taken as N(0, ¼), the Poisson value.
struct PredictionRanges: Sendable {
    /// Sorted √-scale errors per lead week.
    let bands: [[Double]]
    /// Whether there are no errors at all (then the Poisson value is used).
    let isEmpty: Bool

    init(sample: ResidualSample, minimumPerBand: Int = 30) {
        let maxLead = sample.lead.max() ?? 0
        var b = [[Double]](repeating: [], count: max(0, (maxLead + 6) / 7))
        for i in sample.lead.indices {
            b[(sample.lead[i] - 1) / 7].append(rootTransform(sample.actual[i]) - rootTransform(sample.forecast[i]))
        }
        // A thin band borrows its neighbours' errors.
        var merged: [[Double]] = []
        for i in b.indices {
            var band = b[i]
            var k = 1
            while band.count < minimumPerBand, k < b.count {
                if i - k >= 0 { band += b[i - k] }
                if i + k < b.count { band += b[i + k] }
                k += 1
            }
            merged.append(band.sorted())
        }
        bands = merged
        isEmpty = merged.allSatisfy(\.isEmpty)
    }

    /// The `level` quantile of the volume for a point forecast `f` at lead day `lead` (≥ 1).
    func quantile(forecast f: Double, lead: Int, level: Double) -> Double {
        guard f > 0 else { return 0 }
        let q: Double
        if isEmpty {
            q = 0.5 * inverseNormal(level)
        } else {
            let band = bands[min(bands.count - 1, max(0, (lead - 1) / 7))]
            q = band.isEmpty ? 0.5 * inverseNormal(level) : sortedQuantile(band, level)
        }
        let v = rootBack(rootTransform(f) + q, variance: 0)
        return v.isFinite ? v : 0
    }
}

/// The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error < 1.2e-9).
func inverseNormal(_ p: Double) -> Double {
    let pp = min(max(p, 1e-12), 1 - 1e-12)
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    if pp < low {
        let q = (-2 * log(pp)).squareRoot()
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if pp > 1 - low {
        let q = (-2 * log(1 - pp)).squareRoot()
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let q = pp - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}
