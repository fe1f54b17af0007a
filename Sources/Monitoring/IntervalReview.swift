import CCPlanBase
import ContactHistory
import Planning
import Queueing

/// One interval of the plan set against what happened.
///
/// Service levels follow the plan's definition (`offered`: answered within the threshold ÷
/// offered; `answered`: ÷ handled; `virtual` is a model quantity, so actuals are measured as
/// `offered`). Model values come from the plan's own model, targets and settings (Erlang C or A,
/// chat slots; no service level for deferred work). Where the actuals carry no handle time, the
/// model uses the forecast AHT.
public struct IntervalReview: Sendable {
    public var start: Int64
    public var utcOffset: Int
    public var localDate: CivilDate
    /// The plan's forecast volume and AHT.
    public var forecastVolume: Double
    public var forecastAHT: Double
    /// What happened: contacts offered, mean handle time (nil when unknown), abandons.
    public var actualVolume: Double
    public var actualAHT: Double?
    public var abandoned: Double?
    /// The plan's agents on the floor and scheduled.
    public var plannedAgents: Int
    public var plannedScheduledAgents: Int
    /// What the interval really needed: the plan's model and targets at the actual volume and
    /// AHT (nil when the actual AHT is unknown, or no number of agents meets the targets).
    public var requiredAgents: Int?
    /// Mean agents available during the interval (nil when the actuals do not say).
    public var staffedAgents: Double?
    /// The plan's SL target.
    public var targetServiceLevel: Double?
    /// The SL the plan expected: its agents at its forecast.
    public var plannedServiceLevel: Double?
    /// The SL that happened (reported by the platform, or answered within ÷ offered).
    public var actualServiceLevel: Double?
    /// The SL the model gives the staffed agents at the actual workload.
    public var modelledServiceLevel: Double?
    /// The SL the model gives the planned agents at the actual workload (the forecast step of
    /// the attribution).
    public var plannedAgentsAtActualServiceLevel: Double?

    /// Reviews one interval.
    ///
    /// - Complexity: O(solver) for the requirement plus up to four model evaluations.
    public static func review(
        _ plan: PlannedInterval, actual: ActualInterval, queue: PlannedQueue,
        staffer: IntervalStaffer
    ) -> IntervalReview {
        let a = queue.assumptions
        let aht = actual.ahtSeconds
        let modelAHT = aht ?? plan.ahtSeconds
        var review = IntervalReview(
            start: plan.start, utcOffset: plan.utcOffset,
            localDate: CivilDate(dayNumber: Int(floorDiv(plan.start + Int64(plan.utcOffset), 86_400))),
            forecastVolume: plan.volume, forecastAHT: plan.ahtSeconds, actualVolume: actual.offered, actualAHT: aht,
            abandoned: actual.abandoned, plannedAgents: plan.agents, plannedScheduledAgents: plan.scheduledAgents,
            requiredAgents: nil, staffedAgents: actual.staffedAgents,
            targetServiceLevel: queue.channel == .email ? nil : a.targetServiceLevel,
            plannedServiceLevel: plan.serviceLevel, actualServiceLevel: nil, modelledServiceLevel: nil,
            plannedAgentsAtActualServiceLevel: nil)
        if actual.offered <= 0 {
            review.requiredAgents = 0
        } else if modelAHT > 0 {
            review.requiredAgents = try? staffer.requiredAgents(volume: actual.offered, aht: modelAHT)
        }
        guard queue.channel != .email else { return review }
        review.actualServiceLevel = actualServiceLevel(actual, definition: a.serviceLevelDefinition)
        if actual.offered > 0, modelAHT > 0 {
            review.plannedAgentsAtActualServiceLevel = modelServiceLevel(
                agents: Double(plan.agents), volume: actual.offered, aht: modelAHT, staffer: staffer)
            if let staffed = actual.staffedAgents {
                review.modelledServiceLevel = modelServiceLevel(
                    agents: staffed, volume: actual.offered, aht: modelAHT, staffer: staffer)
            }
        }
        return review
    }

    /// The SL that happened: the platform's own figure when reported, else answered within the
    /// threshold over the plan's denominator; nil without contacts or without the counts.
    static func actualServiceLevel(_ actual: ActualInterval, definition: ServiceLevelDefinition) -> Double? {
        if let reported = actual.reportedServiceLevel { return reported }
        guard let within = actual.answeredWithin else { return nil }
        switch definition {
        case .answered:
            guard let handled = actual.handled, handled > 0 else { return nil }
            return min(1, within / handled)
        case .offered, .virtual:
            guard actual.offered > 0 else { return nil }
            return min(1, within / actual.offered)
        }
    }

    /// The model's SL for a (possibly fractional) number of agents: mean staffing over an interval
    /// is fractional, so the SL is interpolated linearly between ⌊n⌋ and ⌈n⌉ agents.
    static func modelServiceLevel(agents: Double, volume: Double, aht: Double, staffer: IntervalStaffer) -> Double? {
        guard agents.isFinite, agents >= 0, aht > 0 else { return nil }
        let low = agents.rounded(.down), weight = agents - low
        guard let a = staffer.metrics(agents: Int(low), volume: volume, aht: aht)?.serviceLevel else { return nil }
        guard weight > 0, let b = staffer.metrics(agents: Int(low) + 1, volume: volume, aht: aht)?.serviceLevel else {
            return a
        }
        return a + weight * (b - a)
    }
}
