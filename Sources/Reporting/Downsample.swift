/// A chart point; a non-finite `y` marks a gap in a line.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A band point (e.g. p10 and p90 at one time).
public struct BandPoint: Sendable, Equatable {
    public var x: Double
    public var low: Double
    public var high: Double

    public init(x: Double, low: Double, high: Double) {
        self.x = x
        self.low = low
        self.high = high
    }
}

/// Keeps charts small for long series while preserving their visual envelope.
public enum Downsample {
    /// At most about `maxPoints` points: the series is cut into buckets of consecutive points and
    /// each bucket keeps its minimum and maximum (in x order), so peaks and troughs survive.
    /// The first and last points are always kept. Gaps (non-finite y) are dropped when the series
    /// has to be reduced; shorter series are returned unchanged.
    ///
    /// - Complexity: O(n).
    public static func minMax(_ points: [ChartPoint], maxPoints: Int) -> [ChartPoint] {
        guard points.count > maxPoints, maxPoints >= 4 else { return points }
        let finite = points.filter { $0.y.isFinite && $0.x.isFinite }
        guard finite.count > maxPoints else { return finite }
        let buckets = max(1, (maxPoints - 2) / 2)
        var out: [ChartPoint] = [finite[0]]
        let inner = finite.count - 2
        for b in 0..<buckets {
            let start = 1 + b * inner / buckets
            let end = 1 + (b + 1) * inner / buckets
            guard start < end else { continue }
            var lo = start, hi = start
            for i in start..<end {
                if finite[i].y < finite[lo].y { lo = i }
                if finite[i].y > finite[hi].y { hi = i }
            }
            if lo == hi {
                out.append(finite[lo])
            } else {
                out.append(finite[min(lo, hi)])
                out.append(finite[max(lo, hi)])
            }
        }
        out.append(finite[finite.count - 1])
        return out
    }

    /// At most about `maxPoints` band points: each bucket keeps the lowest low and the highest
    /// high, positioned at the bucket's middle (the first and last buckets at their ends), so the
    /// band's envelope is preserved. Shorter bands are returned unchanged.
    ///
    /// - Complexity: O(n).
    public static func envelope(_ points: [BandPoint], maxPoints: Int) -> [BandPoint] {
        guard points.count > maxPoints, maxPoints >= 2 else { return points }
        let finite = points.filter { $0.x.isFinite && $0.low.isFinite && $0.high.isFinite }
        guard finite.count > maxPoints else { return finite }
        var out: [BandPoint] = []
        for b in 0..<maxPoints {
            let start = b * finite.count / maxPoints
            let end = (b + 1) * finite.count / maxPoints
            guard start < end else { continue }
            var low = finite[start].low, high = finite[start].high
            for i in start..<end {
                low = min(low, finite[i].low)
                high = max(high, finite[i].high)
            }
            let x =
                b == 0
                ? finite[start].x : (b == maxPoints - 1 ? finite[end - 1].x : (finite[start].x + finite[end - 1].x) / 2)
            out.append(BandPoint(x: x, low: low, high: high))
        }
        return out
    }
}
