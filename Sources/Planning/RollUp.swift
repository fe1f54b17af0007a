import CCPlanBase
import ContactHistory
import Foundation

/// The periods a plan is rolled up to, in the queue's time zone.
public enum RollUpPeriod: String, Sendable, CaseIterable {
    case day, week, month

    /// The period's label and first day for a local date: `2026-11-02`, ISO week `2026-W45`
    /// (starting Monday), month `2026-11`.
    public func key(_ date: CivilDate) -> (label: String, first: CivilDate) {
        switch self {
        case .day: return (date.description, date)
        case .week:
            let monday = date.adding(days: 1 - date.isoWeekday)
            let thursday = monday.adding(days: 3)  // the ISO year is the year of the week's Thursday
            let jan4 = CivilDate(year: thursday.year, month: 1, day: 4)!
            let week1Monday = jan4.adding(days: 1 - jan4.isoWeekday)
            let week = (monday.dayNumber - week1Monday.dayNumber) / 7 + 1
            return ("\(thursday.year)-W\(week < 10 ? "0" : "")\(week)", monday)
        case .month:
            return (
                "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)",
                CivilDate(year: date.year, month: date.month, day: 1)!
            )
        }
    }
}

/// The totals of one period of one queue and channel under one scenario.
public struct PeriodTotals: Sendable, Hashable {
    public var scenario: String
    public var queue: String
    public var channel: Channel
    public var period: String
    public var firstDate: CivilDate
    /// Days of the period inside the plan's horizon (a partial first or last period has fewer).
    public var days: Int
    public var volume: Double = 0
    /// Σ volume × AHT, hours.
    public var workloadHours: Double = 0
    /// Σ agents × interval length, hours.
    public var agentHours: Double = 0
    /// Σ scheduled agents × interval length, hours.
    public var scheduledHours: Double = 0
    /// Scheduled hours ÷ contracted hours of one FTE in the period (pro rata for the days covered).
    public var fte: Double = 0
    public var peakAgents: Int = 0
    public var peakScheduledAgents: Int = 0
    /// Volume-weighted service level at the point forecast (nil when no contact or deferred).
    public var serviceLevel: Double?
    /// Volume-weighted expected service level over the forecast distribution.
    public var expectedServiceLevel: Double?
    /// Scheduled hours × cost per hour, when a cost is given.
    public var cost: Double?
}

/// A plan's totals per day, ISO week and calendar month, each in the order the periods first
/// appear in the plan's intervals.
public struct PlanRollUps: Sendable {
    public var daily: [PeriodTotals]
    public var weekly: [PeriodTotals]
    public var monthly: [PeriodTotals]

    /// The totals of one period kind.
    public subscript(_ period: RollUpPeriod) -> [PeriodTotals] {
        switch period {
        case .day: return daily
        case .week: return weekly
        case .month: return monthly
        }
    }
}

/// Rolls interval plans up to days, ISO weeks and calendar months.
///
/// FTE conventions: a day's FTE is its scheduled hours ÷ (FTE hours per week ÷ 5) — the people
/// needed that day on a five-day week; a week's FTE is its scheduled hours ÷ FTE hours per week;
/// a month's is its scheduled hours ÷ (FTE hours per week × days ÷ 7), pro rata. Partial weeks
/// and months at the ends of the horizon count only the days covered. Service levels are
/// volume-weighted over the intervals with contacts:
/// SL = Σ SLᵢ · volumeᵢ / Σ volumeᵢ.
public enum RollUp {
    /// The plan's totals for one period kind (``totals(_:)`` computes all three in the same pass).
    ///
    /// - Complexity: O(intervals).
    public static func totals(_ plan: QueuePlan, period: RollUpPeriod) -> [PeriodTotals] {
        totals(plan)[period]
    }

    /// The plan's daily, weekly and monthly totals in one pass over its intervals. Periods are
    /// found by integer keys (day number, the Monday's day number, year × 12 + month), looked up
    /// only when the local date changes; every sum adds the intervals in time order.
    ///
    /// - Complexity: O(intervals + days × periods a day belongs to).
    public static func totals(_ plan: QueuePlan) -> PlanRollUps {
        var day = PeriodAccumulator(.day, plan), week = PeriodAccumulator(.week, plan),
            month = PeriodAccumulator(.month, plan)
        let hoursPerInterval = Double(plan.intervalMinutes) / 60
        var lastDate: CivilDate? = nil
        for interval in plan.intervals {
            if interval.localDate != lastDate {
                let date = interval.localDate
                let dayNumber = date.dayNumber
                day.enter(date, dayNumber: dayNumber, key: dayNumber)
                // its Monday
                week.enter(date, dayNumber: dayNumber, key: dayNumber - CivilDate.weekdayIndex(dayNumber: dayNumber))
                month.enter(date, dayNumber: dayNumber, key: date.year * 12 + date.month)
                lastDate = date
            }
            let s = interval.staffing
            let workload = s.volume * s.ahtSeconds / 3600
            let agentHours = Double(s.agents) * hoursPerInterval
            let scheduledHours = Double(s.scheduledAgents) * hoursPerInterval
            var sl: (Double, Double)? = nil
            if s.volume > 0, let level = s.serviceLevel { sl = (level, s.expectedServiceLevel ?? level) }
            day.add(s, workload: workload, agentHours: agentHours, scheduledHours: scheduledHours, sl: sl)
            week.add(s, workload: workload, agentHours: agentHours, scheduledHours: scheduledHours, sl: sl)
            month.add(s, workload: workload, agentHours: agentHours, scheduledHours: scheduledHours, sl: sl)
        }
        return PlanRollUps(daily: day.finished(plan), weekly: week.finished(plan), monthly: month.finished(plan))
    }
}

/// The running totals of one period kind of one plan.
private struct PeriodAccumulator {
    struct Period {
        var key: Int
        var totals: PeriodTotals
        /// Distinct local days seen in the period.
        var days: [Int] = []
        var slSum = 0.0, eslSum = 0.0, slVolume = 0.0
    }

    let period: RollUpPeriod
    let scenario: String, queue: String, channel: Channel
    var periods: [Period] = []
    /// The period the current local date belongs to.
    var current = -1

    init(_ period: RollUpPeriod, _ plan: QueuePlan) {
        self.period = period
        scenario = plan.scenario
        queue = plan.queue
        channel = plan.channel
    }

    /// Makes the period of `key` current (creating it on its first day) and counts the day.
    mutating func enter(_ date: CivilDate, dayNumber: Int, key: Int) {
        if current < 0 || periods[current].key != key {
            // Usually the next period; a date that goes back (a daylight-saving change at
            // midnight) finds its period again.
            if let found = periods.lastIndex(where: { $0.key == key }) {
                current = found
            } else {
                let (label, first) = period.key(date)
                periods.append(
                    Period(
                        key: key,
                        totals: PeriodTotals(
                            scenario: scenario, queue: queue, channel: channel, period: label, firstDate: first, days: 0
                        )))
                current = periods.count - 1
            }
        }
        if !periods[current].days.contains(dayNumber) { periods[current].days.append(dayNumber) }
    }

    @inline(__always)
    mutating func add(
        _ s: IntervalStaffing, workload: Double, agentHours: Double, scheduledHours: Double, sl: (Double, Double)?
    ) {
        periods[current].totals.volume += s.volume
        periods[current].totals.workloadHours += workload
        periods[current].totals.agentHours += agentHours
        periods[current].totals.scheduledHours += scheduledHours
        periods[current].totals.peakAgents = max(periods[current].totals.peakAgents, s.agents)
        periods[current].totals.peakScheduledAgents = max(
            periods[current].totals.peakScheduledAgents, s.scheduledAgents)
        if let (level, expected) = sl {
            periods[current].slSum += level * s.volume
            periods[current].eslSum += expected * s.volume
            periods[current].slVolume += s.volume
        }
    }

    func finished(_ plan: QueuePlan) -> [PeriodTotals] {
        let weekly = plan.assumptions.fteHoursPerWeek
        return periods.map { p in
            var t = p.totals
            t.days = p.days.count
            let contracted: Double
            switch period {
            case .day: contracted = weekly / 5
            case .week, .month: contracted = weekly * Double(t.days) / 7
            }
            t.fte = contracted > 0 ? t.scheduledHours / contracted : 0
            if p.slVolume > 0 {
                t.serviceLevel = p.slSum / p.slVolume
                t.expectedServiceLevel = p.eslSum / p.slVolume
            }
            t.cost = plan.assumptions.costPerHour.map { $0 * t.scheduledHours }
            return t
        }
    }
}
