import CCPlanBase
import Foundation

/// The rule that flags an absurd offered count: a robust z-score on a log scale across a series.
///
/// Over the intervals of a series that have contacts (offered > 0; closed hours are not data about
/// the size of a spike), with *m* the median and MAD the median absolute deviation of ln(1 + offered):
///
///     z = (ln(1 + x) − m) / max(1.4826 · MAD, 0.5)
///
/// and a count with z > 10 is an outlier. The log scale makes the rule about ratios (a queue of 40
/// calls an interval and one of 4,000 are judged alike); 1.4826 · MAD estimates the standard
/// deviation of normal data without being moved by the spike itself; the floor of 0.5 keeps a
/// very regular series (MAD near 0) from flagging ordinary peaks. With the floor, an outlier is
/// at least e⁵ ≈ 148 times the median (plus one); on real series (the shared bank, emergency and
/// 911 data, the sample data) the largest z is 4.2. A series with fewer than 20 intervals with
/// contacts is not judged. Only high values are flagged: a quiet interval is not absurd.
public enum OutlierRule {
    /// Counts with a robust z-score above this are outliers.
    public static let threshold = 10.0
    /// The least scale (in ln units) the z-score divides by.
    public static let scaleFloor = 0.5
    /// Series with fewer intervals with contacts are not judged.
    public static let minimumIntervals = 20

    /// The outliers among a series' offered counts.
    ///
    /// - Parameter offered: the counts (NaN: not reported; zeros and non-finite values are left out).
    /// - Returns: the median of the counts with contacts, and the index and z-score of each
    ///   outlier in order; an empty list when there is none or too few counts to judge.
    /// - Complexity: O(*n*) when no count is beyond the bound the floor allows (one pass with a
    ///   histogram of binary exponents), else O(*n* log *n*).
    public static func outliers(_ offered: [Double]) -> (median: Double, outliers: [(index: Int, z: Double)]) {
        // Pass 1: how many counts, the largest, and a histogram of the binary exponent of 1 + x,
        // which bounds the median from below.
        var buckets = [Int](repeating: 0, count: 1100)
        var n = 0
        var largest = 0.0
        for x in offered where x > 0 && x.isFinite {
            n += 1
            if x > largest { largest = x }
            buckets[Int((1 + x).exponent)] += 1
        }
        guard n >= minimumIntervals else { return (.nan, []) }
        var seen = 0, medianExponent = 0
        while seen + buckets[medianExponent] <= (n - 1) / 2 {
            seen += buckets[medianExponent]
            medianExponent += 1
        }
        // m ≥ ln 2^e and the scale ≥ the floor, so no z exceeds this bound.
        let bound = (Foundation.log1p(largest) - Double(medianExponent) * M_LN2) / scaleFloor
        guard bound > threshold else { return (.nan, []) }
        // Pass 2, rare: the exact scores.
        var logs = offered.filter { $0 > 0 && $0.isFinite }.map { Foundation.log1p($0) }
        logs.sort()
        let m = median(sorted: logs)
        var deviations = logs.map { abs($0 - m) }
        deviations.sort()
        let scale = max(1.4826 * median(sorted: deviations), scaleFloor)
        var found: [(index: Int, z: Double)] = []
        for (i, x) in offered.enumerated() where x > 0 && x.isFinite {
            let z = (Foundation.log1p(x) - m) / scale
            if z > threshold { found.append((i, z)) }
        }
        return (Foundation.expm1(m), found)
    }

    private static func median(sorted values: [Double]) -> Double {
        let k = values.count / 2
        return values.count % 2 == 1 ? values[k] : (values[k - 1] + values[k]) / 2
    }
}

extension ReadState {
    /// Flags the outliers of a staging's offered counts: issues at their rows under
    /// `OutlierPolicy.refuse`, notes of the series under `.accept`.
    mutating func checkOutliers(_ s: Int) {
        let (median, found) = OutlierRule.outliers(stagings[s].offered)
        guard !found.isEmpty else { return }
        let staging = stagings[s]
        for (r, z) in found {
            let offered = staging.offered[r]
            if options.outliers == .accept {
                stagings[s].notes.outliers.append(
                    Outlier(start: staging.instant(r), offered: offered, seriesMedian: median, robustZ: z))
                continue
            }
            let origin = staging.origin(r)
            issue(
                at: origin, field: offeredFields[origin.file],
                "offered: \(shortestNumber(offered)) at \(isoString(staging.instant(r))) is an outlier for \(staging.name): robust z-score \(fixed(z, 1)) against the median \(shortestNumber(median)) of its intervals with contacts (more than \(shortestNumber(OutlierRule.threshold)) is refused); check the export, or pass --accept-outliers to use it as it is"
            )
        }
    }
}
