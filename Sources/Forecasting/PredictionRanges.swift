import CCPlanBase
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
            q = 0.5 * StandardNormal.quantile(level)
        } else {
            let band = bands[min(bands.count - 1, max(0, (lead - 1) / 7))]
            q = band.isEmpty ? 0.5 * StandardNormal.quantile(level) : sortedQuantile(band, level)
        }
        let v = rootBack(rootTransform(f) + q, variance: 0)
        return v.isFinite ? v : 0
    }
}
