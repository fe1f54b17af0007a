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

/// The median of values (NaN when empty): the type-7 quantile at ½, by selection (Hoare's
/// quickselect with a median-of-three pivot) instead of a full sort, the same value.
///
/// - Complexity: O(n) expected.
func median(_ values: [Double]) -> Double {
    let n = values.count
    guard n > 16, !values.contains(where: \.isNaN) else { return sortedQuantile(values.sorted(), 0.5) }
    var a = values
    let lo = (n - 1) / 2
    a.withUnsafeMutableBufferPointer { select(lo, in: $0) }
    // Everything right of `lo` is ≥ a[lo]; the upper middle is their least.
    var hi = a[lo + 1]
    for i in (lo + 2)..<n where a[i] < hi { hi = a[i] }
    let h = Double(n - 1) * 0.5
    return a[lo] + (h - Double(lo)) * (hi - a[lo])
}

/// Rearranges `a` so that a[k] is the k-th smallest, with nothing larger before it and nothing
/// smaller after it (values without NaN).
private func select(_ k: Int, in a: UnsafeMutableBufferPointer<Double>) {
    var left = 0, right = a.count - 1
    while right > left {
        let mid = left + (right - left) / 2
        // Median of three as the pivot, moved to a[mid].
        if a[mid] < a[left] { a.swapAt(mid, left) }
        if a[right] < a[left] { a.swapAt(right, left) }
        if a[right] < a[mid] { a.swapAt(right, mid) }
        let pivot = a[mid]
        var i = left, j = right
        while i <= j {
            while a[i] < pivot { i += 1 }
            while pivot < a[j] { j -= 1 }
            if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
        }
        if k <= j {
            right = j
        } else if k >= i {
            left = i
        } else {
            return
        }
    }
}
