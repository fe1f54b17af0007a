/// Time axes of charts over epoch seconds: tick positions and hover targets.
public enum TimeAxis {
    /// Whether `times` are about a day apart (median step between 23 and 25 hours, so days of
    /// daylight-saving changes count).
    ///
    /// - Complexity: O(n log n).
    public static func isDaily(_ times: [Int64]) -> Bool {
        guard times.count >= 2 else { return false }
        var steps = zip(times.dropFirst(), times).map { $0 - $1 }
        steps.sort()
        let median = steps[steps.count / 2]
        return median >= 82_800 && median <= 90_000
    }

    /// At most about `maxTicks` ticks every 1, 2, 7, 14, 28, 91, 182 or 364 days for daily times
    /// (otherwise every 1, 2, 5, 10, … × the mean point spacing), aligned with `anchor` (default:
    /// the first time), each placed at and labelled with the nearest point.
    ///
    /// - Parameters:
    ///   - times: ascending epoch seconds.
    ///   - labels: one display label per time.
    /// - Complexity: O(ticks × log n + n log n).
    public static func ticks(times: [Int64], labels: [String], anchor: Int64?, maxTicks: Int = 10) -> [AxisTick] {
        guard let first = times.first, let last = times.last else { return [] }
        if times.count == 1 { return [AxisTick(x: Double(first), label: labels[0])] }
        let span = Double(last - first)
        let day = 86_400.0
        var candidates = [1, 2, 7, 14, 28, 91, 182, 364].map { Double($0) * day }
        if !isDaily(times) {
            let spacing = max(1, Double(last - first) / Double(times.count - 1))
            candidates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map { Double($0) * spacing }
        }
        let step = candidates.first { span / $0 + 1 <= Double(maxTicks) } ?? max(span / Double(maxTicks - 1), 1)
        let a = Double(anchor ?? first)
        var k = ((Double(first) - a) / step).rounded(.up)
        var ticks: [AxisTick] = []
        while a + k * step <= Double(last) + 1, ticks.count < 200 {
            let t = a + k * step
            // Nearest point by binary search.
            var lo = 0, hi = times.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if Double(times[mid]) < t { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 && abs(Double(times[lo - 1]) - t) < abs(Double(times[lo]) - t) { lo -= 1 }
            ticks.append(AxisTick(x: Double(times[lo]), label: labels[lo]))
            k += 1
        }
        return ticks
    }

    /// Hover targets centred on each time, reaching halfway to the neighbours (half a step, or
    /// half a second, beyond the ends); times whose `title` is empty get none.
    ///
    /// - Complexity: O(n) calls of `title`.
    public static func hitTargets(times: [Int64], title: (Int) -> String) -> [HitTarget] {
        var targets: [HitTarget] = []
        for i in times.indices {
            let text = title(i)
            guard !text.isEmpty else { continue }
            let t = Double(times[i])
            let prev = i > 0 ? (t + Double(times[i - 1])) / 2 : t - (times.count > 1 ? (Double(times[1]) - t) / 2 : 0.5)
            let next =
                i + 1 < times.count
                ? (t + Double(times[i + 1])) / 2 : t + (i > 0 ? (t - Double(times[i - 1])) / 2 : 0.5)
            targets.append(HitTarget(x0: prev, x1: next, title: text))
        }
        return targets
    }
}
