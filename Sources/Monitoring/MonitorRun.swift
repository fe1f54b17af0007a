import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// The review of one queue and channel.
public struct QueueReview: Sendable {
    public var queue: String
    public var channel: Channel
    public var timeZone: TimeZone
    public var intervals: [IntervalReview]
    public var daily: [PeriodReview]
    public var weekly: [PeriodReview]
    public var monthly: [PeriodReview]
    /// Actual intervals outside the plan's horizon or grid.
    public var unmatchedIntervals: Int
    /// The callers' patience estimated from per-contact records, with its standard error.
    public var patience: (seconds: Double, standardError: Double)?
}

/// Actuals the plan has no place for.
public struct UnmatchedActuals: Sendable, Hashable {
    public var queue: String
    public var channel: Channel
    public var intervals: Int
    public var reason: String
}

/// The whole review.
public struct MonitorResult: Sendable {
    public var queues: [QueueReview]
    public var unmatched: [UnmatchedActuals]

    /// Every tolerance breach, with its queue, channel and period.
    public var breaches: [(review: PeriodReview, breach: Breach)] {
        queues.flatMap { q in (q.daily + q.weekly + q.monthly).flatMap { r in r.breaches.map { (r, $0) } } }
    }
}

/// Monitoring a plan against what happened (ISO 18295-2, 6.8).
public enum MonitorRun {
    /// Reviews every planned queue that has actuals, in parallel across queues (the result does
    /// not depend on the number of workers).
    ///
    /// - Complexity: O(intervals × solver) / workers.
    public static func review(plan: PlanDirectory, actuals: [ActualQueue], tolerances: Tolerances, workers: Int)
        -> MonitorResult
    {
        var byKey: [String: ActualQueue] = [:]
        for a in actuals { byKey["\(a.queue)\u{1F}\(a.channel.rawValue)"] = a }
        var unmatched: [UnmatchedActuals] = []
        var work: [(PlannedQueue, ActualQueue)] = []
        let planned = Set(plan.queues.map { "\($0.queue)\u{1F}\($0.channel.rawValue)" })
        for a in actuals.sorted(by: { ($0.queue, $0.channel) < ($1.queue, $1.channel) })
        where !planned.contains("\(a.queue)\u{1F}\(a.channel.rawValue)") {
            unmatched.append(
                UnmatchedActuals(
                    queue: a.queue, channel: a.channel, intervals: a.intervals.count,
                    reason: "not in the plan"))
        }
        for q in plan.queues {
            guard let a = byKey["\(q.queue)\u{1F}\(q.channel.rawValue)"] else { continue }
            guard let regridded = a.regridded(to: Int64(q.intervalMinutes) * 60) else {
                unmatched.append(
                    UnmatchedActuals(
                        queue: q.queue, channel: q.channel, intervals: a.intervals.count,
                        reason:
                            "\(a.intervalSeconds / 60)-minute intervals do not add up to the plan's \(q.intervalMinutes)-minute intervals"
                    ))
                continue
            }
            work.append((q, regridded))
        }
        let reviews = Parallel.map(work, workers: workers) { pair in
            reviewQueue(pair.0, actuals: pair.1, tolerances: tolerances)
        }
        return MonitorResult(queues: reviews, unmatched: unmatched)
    }

    /// Reviews one queue: every planned interval with actuals, then days, weeks and months.
    static func reviewQueue(_ q: PlannedQueue, actuals: ActualQueue, tolerances: Tolerances) -> QueueReview {
        let seconds = Double(q.intervalMinutes * 60)
        let staffer = IntervalStaffer(
            assumptions: q.assumptions, channel: q.channel, intervalSeconds: seconds, quantileLevels: [])
        var reviews: [IntervalReview] = []
        var matched = 0
        for p in q.intervals {
            guard let a = actuals.intervals[p.start] else { continue }
            matched += 1
            reviews.append(IntervalReview.review(p, actual: a, queue: q, staffer: staffer))
        }
        func rollUp(_ period: RollUpPeriod) -> [PeriodReview] {
            var out: [PeriodReview] = []
            for r in reviews {
                let key = period.key(r.localDate)
                if out.last?.label != key.label {
                    out.append(
                        PeriodReview(
                            queue: q.queue, channel: q.channel, period: period, label: key.label, firstDate: key.first))
                }
                out[out.count - 1].add(r, hours: seconds / 3600)
            }
            for i in out.indices { out[i].breaches = tolerances.breaches(out[i]) }
            return out
        }
        return QueueReview(
            queue: q.queue, channel: q.channel, timeZone: q.timeZone, intervals: reviews,
            daily: rollUp(.day), weekly: rollUp(.week), monthly: rollUp(.month),
            unmatchedIntervals: actuals.intervals.count - matched, patience: actuals.patience)
    }
}
