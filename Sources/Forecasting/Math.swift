#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// 1 / (1 + e^(−x)).
@inline(__always) func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
/// log(p / (1 − p)).
@inline(__always) func logit(_ p: Double) -> Double { log(p / (1 - p)) }
/// xᵖ.
@inline(__always) func power(_ x: Double, _ p: Double) -> Double { pow(x, p) }

/// The q-quantile of sorted data with linear interpolation (Hyndman & Fan 1996, type 7); NaN when empty.
func sortedQuantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * min(1, max(0, q))
    let lo = Int(h.rounded(.down))
    let hi = min(sorted.count - 1, lo + 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

/// The median of values (NaN when empty).
func median(_ values: [Double]) -> Double { sortedQuantile(values.sorted(), 0.5) }
