import CCPlanBase
import ContactHistory

/// The callers' mean patience, estimated from a history that reports abandoned contacts and the
/// mean wait of offered contacts (`wait_seconds`).
///
/// Under exponential patience with rate θ (Erlang A), contacts abandon at rate θ per waiting
/// contact, so the abandonment rate equals θ times the mean number waiting; by Little's law,
/// P(abandon) = θ · E[W], where W is the wait of all offered contacts (Mandelbaum & Zeltyn 2007;
/// see `shared/docs/queueing.md`: E[W] = P(abandon)/θ). Summed over intervals:
///
///     mean patience = 1/θ̂ = Σ (offered × mean wait) ÷ Σ abandoned
///
/// over the last `lookbackDays` of history. It needs at least `minimumAbandons` abandoned
/// contacts to say anything.
public enum PatienceEstimate {
    /// The estimate in seconds, or nil when the history has no waits, too few abandons, or no wait.
    ///
    /// - Complexity: O(intervals).
    public static func seconds(_ series: IntervalSeries, lookbackDays: Int = 56, minimumAbandons: Double = 20)
        -> Double?
    {
        guard let waits = series.waitSeconds, series.count > 0 else { return nil }
        let from = series.end - Int64(lookbackDays) * 86_400
        var waited = 0.0, abandoned = 0.0
        for i in series.indices where series.states[i] == .observed && series.intervalStart(i) > from {
            let w = waits[i], a = series.abandoned[i]
            guard !w.isNaN, !a.isNaN else { continue }
            waited += w
            abandoned += a
        }
        guard abandoned >= minimumAbandons, waited > 0 else { return nil }
        return waited / abandoned
    }
}
