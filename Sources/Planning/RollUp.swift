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
            return ("\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)", CivilDate(year: date.year, month: date.month, day: 1)!)
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

/// Rolls interval plans up to days, ISO weeks and calendar months.
///
/// FTE conventions: a day's FTE is its scheduled hours ÷ (FTE hours per week ÷ 5) — the people
/// needed that day on a five-day week; a week's FTE is its scheduled hours ÷ FTE hours per week;
/// a month's is its scheduled hours ÷ (FTE hours per week × days ÷ 7), pro rata. Partial weeks
/// and months at the ends of the horizon count only the days covered.
public enum RollUp {
    /// - Complexity: O(intervals).
    public static func totals(_ plan: QueuePlan, period: RollUpPeriod) -> [PeriodTotals] {
        var order: [String] = []
        var byLabel: [String: PeriodTotals] = [:]
        var days: [String: Set<Int>] = [:]
        var slSum: [String: Double] = [:], eslSum: [String: Double] = [:], slVolume: [String: Double] = [:]
        let hoursPerInterval = Double(plan.intervalMinutes) / 60
        for interval in plan.intervals {
            let (label, first) = period.key(interval.localDate)
            if byLabel[label] == nil {
                order.append(label)
                byLabel[label] = PeriodTotals(scenario: plan.scenario, queue: plan.queue, channel: plan.channel, period: label, firstDate: first, days: 0)
            }
            let s = interval.staffing
            days[label, default: []].insert(interval.localDate.dayNumber)
            byLabel[label]!.volume += s.volume
            byLabel[label]!.workloadHours += s.volume * s.ahtSeconds / 3600
            byLabel[label]!.agentHours += Double(s.agents) * hoursPerInterval
            byLabel[label]!.scheduledHours += Double(s.scheduledAgents) * hoursPerInterval
            byLabel[label]!.peakAgents = max(byLabel[label]!.peakAgents, s.agents)
            byLabel[label]!.peakScheduledAgents = max(byLabel[label]!.peakScheduledAgents, s.scheduledAgents)
            if s.volume > 0, let sl = s.serviceLevel {
                slSum[label, default: 0] += sl * s.volume
                eslSum[label, default: 0] += (s.expectedServiceLevel ?? sl) * s.volume
                slVolume[label, default: 0] += s.volume
            }
        }
        let weekly = plan.assumptions.fteHoursPerWeek
        return order.map { label in
            var t = byLabel[label]!
            t.days = days[label]?.count ?? 0
            let contracted: Double
            switch period {
            case .day: contracted = weekly / 5
            case .week, .month: contracted = weekly * Double(t.days) / 7
            }
            t.fte = contracted > 0 ? t.scheduledHours / contracted : 0
            if let v = slVolume[label], v > 0 {
                t.serviceLevel = slSum[label]! / v
                t.expectedServiceLevel = eslSum[label]! / v
            }
            t.cost = plan.assumptions.costPerHour.map { $0 * t.scheduledHours }
            return t
        }
    }
}
