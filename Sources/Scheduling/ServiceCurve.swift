import CCPlanBase
import ContactHistory
import Planning
import Queueing

/// Contacts answered within the threshold in one interval of a group, as a function of the
/// agents the schedule puts on the floor.
///
/// With `n` on the floor, `n·(1 − s)` are on the phones (`s` the other shrinkage) and they are
/// shared among the group's queues in proportion to the plan's agents `a_q` (as
/// `ccplan capacity` spreads its supply): queue `q` gets `x_q = n·(1 − s)·a_q / Σa`. Its service
/// level at fractional `x_q` interpolates linearly between ⌊x_q⌋ and ⌈x_q⌉ agents, each
/// evaluated by the plan's own model (`IntervalStaffer`: Erlang C or A, threshold, definition,
/// chat concurrency). For whole `n`
///
///     g(n) = Σ_q λ_q · SL_q(x_q)
///
/// and between whole numbers `g` interpolates linearly (the same function the service-level
/// MILP uses, so that the delivered service level it reports is exactly what the model saw).
/// Email queues take their share of agents but have no service level.
public struct ServiceCurve: Sendable {
    /// Σ λ over voice and chat queues (contacts in the interval).
    public var volume: Double
    /// g(0), g(1), … up to the largest agents evaluated.
    public var answered: [Double]

    /// Evaluates `g(n)` for `n = 0 … upTo`, or until `volume − g(n) ≤ saturation · volume`.
    ///
    /// - Complexity: O(upTo × queues) queueing evaluations.
    public init(
        interval: DemandInterval, queues: [(name: String, staffer: IntervalStaffer)], otherShrinkage: Double, upTo: Int,
        saturation: Double = 0
    ) {
        var shares: [Double] = interval.loads.map { Double($0.agents) }
        let total = shares.reduce(0, +)
        if total > 0 {
            shares = shares.map { $0 / total }
        } else {
            let work = interval.loads.map { $0.volume * $0.ahtSeconds }
            let sum = work.reduce(0, +)
            shares = work.map { sum > 0 ? $0 / sum : 1 / Double(work.count) }
        }
        var cache: [[Int: Double]] = Array(repeating: [:], count: interval.loads.count)
        func sl(_ q: Int, _ agents: Int) -> Double {
            if let v = cache[q][agents] { return v }
            let load = interval.loads[q]
            let v =
                agents <= 0
                ? 0
                : queues[load.queue].staffer.metrics(agents: agents, volume: load.volume, aht: load.ahtSeconds)?
                    .serviceLevel ?? 0
            cache[q][agents] = v
            return v
        }
        let live = interval.loads.indices.filter { q in
            interval.loads[q].volume > 0 && interval.loads[q].ahtSeconds > 0
                && queues[interval.loads[q].queue].staffer.channel != .email
        }
        volume = live.reduce(0) { $0 + interval.loads[$1].volume }
        var values: [Double] = []
        for n in 0...max(0, upTo) {
            var g = 0.0
            for q in live {
                let x = Double(n) * (1 - otherShrinkage) * shares[q]
                let low = x.rounded(.down), theta = x - low
                var level = sl(q, Int(low))
                if theta > 1e-12 { level = (1 - theta) * level + theta * sl(q, Int(low) + 1) }
                g += interval.loads[q].volume * level
            }
            values.append(g)
            if volume - g <= saturation * volume { break }
        }
        answered = values
    }

    /// g at `n` agents on the floor, interpolated between whole agents (flat beyond the last
    /// value evaluated).
    ///
    /// - Complexity: O(1).
    public func answered(at n: Double) -> Double {
        guard !answered.isEmpty, n > 0 else { return answered.first ?? 0 }
        let last = answered.count - 1
        if n >= Double(last) { return answered[last] }
        let low = Int(n.rounded(.down)), theta = n - Double(low)
        return answered[low] + theta * (answered[low + 1] - answered[low])
    }

    /// The service level at `n` agents on the floor (nil without voice or chat volume).
    public func serviceLevel(at n: Double) -> Double? { volume > 0 ? answered(at: n) / volume : nil }

    /// The smallest `f` from which the increments `g(m) − g(m−1)`, `m = f+1 … last`, do not
    /// increase: above it `g` is concave and the service-level MILP is exact with one
    /// continuous variable per increment (Koole & van der Sluis 2003). Below the stability
    /// point of a queue its service level is 0, so `f` is at least there.
    ///
    /// - Complexity: O(values).
    public var concaveFrom: Int {
        let last = answered.count - 1
        guard last >= 1 else { return 0 }
        let tolerance = 1e-12 * max(1, volume)
        var start = last
        while start > 1 {
            let before = answered[start - 1] - answered[start - 2], here = answered[start] - answered[start - 1]
            guard before >= here - tolerance else { break }
            start -= 1
        }
        return start - 1
    }
}
