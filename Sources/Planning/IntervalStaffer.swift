import CCPlanBase
import ContactHistory
import Foundation
import Queueing

/// The staffing of one forecast interval.
public struct IntervalStaffing: Sendable, Hashable {
    /// Contacts planned for (after the scenario's volume factor and events).
    public var volume: Double
    /// Mean handle time planned for, seconds (after the scenario's AHT factor and delta).
    public var ahtSeconds: Double
    /// Agents required on the phones ("net"), as sized by `staff_to`.
    public var agents: Int
    /// Agents to schedule after shrinkage: ⌈agents / (1 − shrinkage)⌉.
    public var scheduledAgents: Int
    /// Service level achieved by `agents` at the point forecast (nil for deferred work).
    public var serviceLevel: Double?
    /// ASA of answered contacts, seconds (nil when unbounded or deferred).
    public var asaSeconds: Double?
    /// P(abandon) (0 under Erlang C; nil for deferred work).
    public var abandonRate: Double?
    /// Occupancy of `agents`.
    public var occupancy: Double?
    /// Agents required at the upper forecast quantile.
    public var agentsUpper: Int
    /// The service level `agents` achieve on average over the forecast distribution.
    public var expectedServiceLevel: Double?
}

/// Sizes intervals of one queue and channel under one set of assumptions, with the same
/// queueing models as `ccplan erlang`:
/// - voice: Erlang C, or Erlang A when a patience is given;
/// - chat: the same over ⌊agents × concurrency⌋ slots, AHT measured under concurrency;
/// - email: deferred work, agents = ⌈volume × AHT / interval / occupancy cap⌉ (no service level).
///
/// **Expected service level.** The forecast is a distribution, not a number: the volume is taken
/// as a two-piece normal with its median at the point forecast and its spread on each side from
/// the lower and upper quantiles (p10/p90 by default), truncated at 0. The expected SL is the mean
/// of the SL over 20 equally likely volumes (the 2.5 %, 7.5 %, …, 97.5 % points).
public struct IntervalStaffer: Sendable {
    public var assumptions: PlanAssumptions
    public var channel: Channel
    public var intervalSeconds: Double
    /// Quantile levels of the forecast (ascending).
    public var quantileLevels: [Double]

    public init(assumptions: PlanAssumptions, channel: Channel, intervalSeconds: Double, quantileLevels: [Double]) {
        self.assumptions = assumptions
        self.channel = channel
        self.intervalSeconds = intervalSeconds
        self.quantileLevels = quantileLevels
    }

    private var model: QueueModel { assumptions.patience.map { .erlangA(patience: $0) } ?? .erlangC }

    /// The smallest number of agents meeting every target for `volume` contacts of `aht` seconds.
    ///
    /// - Throws: ``PlanError/unstaffable(_:)`` when no number of agents meets the targets.
    /// - Complexity: that of the queueing solver (O(√A) steps).
    public func requiredAgents(volume: Double, aht: Double) throws(PlanError) -> Int {
        try requirement(volume: volume, aht: aht).agents
    }

    /// The requirement and, for voice and chat, the solver's metrics of it (the same numbers
    /// `ccplan erlang` prints); no metrics for deferred work or when no contact arrives.
    private func requirement(volume: Double, aht: Double) throws(PlanError) -> (agents: Int, metrics: QueueMetrics?) {
        if volume <= 0 { return (0, nil) }
        let workload = Workload(contacts: volume, interval: intervalSeconds, averageHandleTime: aht)
        do {
            switch channel {
            case .voice:
                let r = try Staffing.requiredAgents(workload: workload, model: model, targets: assumptions.targets)
                return (r.agents, r.metrics)
            case .chat:
                let r = try ChatStaffing.requiredAgents(
                    workload: workload, concurrency: assumptions.chatConcurrency, model: model,
                    targets: assumptions.targets)
                return (r.agents, r.slots.metrics)
            case .email:
                return (
                    deferred(volume: volume, aht: aht).requiredAgents(maxOccupancy: assumptions.maxOccupancy ?? 1), nil
                )
            }
        } catch {
            throw .unstaffable(
                "\(volume) contacts with AHT \(aht) s in \(Int(intervalSeconds / 60)) minutes: \(describe(error))")
        }
    }

    private func deferred(volume: Double, aht: Double) -> DeferredWork {
        DeferredWork(
            arrivalRate: volume / intervalSeconds, averageHandleTime: aht, responseWindow: assumptions.responseWindow)
    }

    /// The queue's performance with `agents` agents.
    ///
    /// - Complexity: O(1) for Erlang C, O(√n) for Erlang A.
    public func metrics(agents: Int, volume: Double, aht: Double) -> QueueMetrics? {
        guard channel != .email, aht > 0 else { return nil }
        let workload = Workload(contacts: volume, interval: intervalSeconds, averageHandleTime: aht)
        let t = assumptions.answerWithin, definition = assumptions.serviceLevelDefinition
        let servers =
            channel == .chat ? ChatStaffing.slots(agents: agents, concurrency: assumptions.chatConcurrency) : agents
        switch model {
        case .erlangC:
            return ErlangC.metrics(agents: servers, workload: workload, answerWithin: t, definition: definition)
        case .erlangA(let patience):
            return ErlangA.metrics(
                agents: servers, workload: workload, patience: patience, answerWithin: t, definition: definition)
        }
    }

    /// Staffs one interval.
    ///
    /// - Parameters:
    ///   - volume: the point forecast (already scenario-adjusted).
    ///   - quantiles: the forecast at ``quantileLevels`` (scenario-adjusted the same way).
    ///   - aht: handle time, seconds (> 0 when volume > 0).
    /// - Complexity: O(solver) for `point`; plus 20 evaluations per candidate for `expected-sl`.
    public func staff(volume: Double, quantiles: [Double], aht: Double) throws(PlanError) -> IntervalStaffing {
        let upperIndex = quantileLevels.lastIndex { $0 >= 0.5 }
        let upperVolume = max(volume, upperIndex.map { quantiles[$0] } ?? volume)
        let point = try requirement(volume: volume, aht: aht)
        let upperAgents = upperVolume > volume ? try requirement(volume: upperVolume, aht: aht).agents : point.agents
        let distribution = VolumeDistribution(point: volume, levels: quantileLevels, quantiles: quantiles)
        var agents = point.agents
        switch assumptions.staffTo {
        case .point: break
        case .p90:
            guard upperIndex != nil else {
                throw .badAssumption(key: "staff_to", reason: "p90 needs an upper quantile ≥ 0.5 in --quantiles")
            }
            agents = upperAgents
        case .expectedSL:
            if volume > 0 {
                agents = try expectedSLAgents(pointAgents: point.agents, distribution: distribution, aht: aht)
            }
        }
        let scheduled = Shrinkage.scheduledAgents(agents, shrinkage: assumptions.shrinkage)
        if channel == .email {
            return IntervalStaffing(
                volume: volume, ahtSeconds: aht, agents: agents, scheduledAgents: scheduled, serviceLevel: nil,
                asaSeconds: nil,
                abandonRate: nil, occupancy: deferred(volume: volume, aht: aht).occupancy(agents: Double(agents)),
                agentsUpper: upperAgents, expectedServiceLevel: nil)
        }
        guard volume > 0,
            let m = agents == point.agents ? point.metrics : metrics(agents: agents, volume: volume, aht: aht)
        else {
            // No contact: nobody waits.
            return IntervalStaffing(
                volume: volume, ahtSeconds: aht, agents: agents, scheduledAgents: scheduled, serviceLevel: 1,
                asaSeconds: 0,
                abandonRate: 0, occupancy: 0, agentsUpper: upperAgents, expectedServiceLevel: 1)
        }
        let expected =
            distribution.hasSpread
            ? expectedServiceLevel(agents: agents, distribution: distribution, aht: aht) : m.serviceLevel
        return IntervalStaffing(
            volume: volume, ahtSeconds: aht, agents: agents, scheduledAgents: scheduled, serviceLevel: m.serviceLevel,
            asaSeconds: m.averageSpeedOfAnswer, abandonRate: m.probabilityOfAbandonment, occupancy: m.occupancy,
            agentsUpper: upperAgents, expectedServiceLevel: expected)
    }

    /// E[SL(n, V)] over the volume distribution.
    public func expectedServiceLevel(agents: Int, distribution: VolumeDistribution, aht: Double) -> Double? {
        var sum = 0.0
        for v in distribution.sample {
            if v <= 0 { sum += 1; continue }
            guard let m = metrics(agents: agents, volume: v, aht: aht) else { return nil }
            sum += m.serviceLevel
        }
        return sum / Double(distribution.sample.count)
    }

    /// The fewest agents whose expected SL meets the SL target (and the point forecast the others).
    private func expectedSLAgents(pointAgents: Int, distribution: VolumeDistribution, aht: Double) throws(PlanError)
        -> Int
    {
        guard let target = assumptions.targetServiceLevel else {
            throw .badAssumption(key: "staff_to", reason: "expected-sl needs a service-level target (target_sl)")
        }
        guard channel != .email else { return pointAgents }
        var others = assumptions
        others.targetServiceLevel = nil
        let floor =
            (others.targetASA == nil && others.maxAbandon == nil && others.maxOccupancy == nil)
            ? 0
            : try IntervalStaffer(
                assumptions: others, channel: channel, intervalSeconds: intervalSeconds, quantileLevels: quantileLevels
            )
            .requiredAgents(volume: distribution.point, aht: aht)
        func meets(_ n: Int) -> Bool {
            (expectedServiceLevel(agents: n, distribution: distribution, aht: aht) ?? 0) >= target
        }
        var n = max(pointAgents, floor)
        if meets(n) {
            while n - 1 >= floor, meets(n - 1) { n -= 1 }
            return n
        }
        var steps = 0
        while !meets(n) {
            n += 1
            steps += 1
            if steps > 100_000 { throw .unstaffable("no staffing reaches an expected service level of \(target)") }
        }
        return n
    }

    private func describe(_ error: StaffingError) -> String {
        switch error {
        case .invalidParameter(let name, let why): return "\(name) \(why)"
        case .unreachable(let target):
            return "no number of agents meets the \(target.rawValue) target under the other targets"
        }
    }
}

/// The forecast distribution of one interval's volume: a two-piece normal, median at the point
/// forecast, spread on each side from the nearest quantile on that side, truncated at 0.
public struct VolumeDistribution: Sendable {
    public var point: Double
    /// 20 equally likely volumes: the quantiles at 2.5 %, 7.5 %, …, 97.5 %.
    public var sample: [Double]

    public init(point: Double, levels: [Double], quantiles: [Double]) {
        self.point = point
        var below = 0.0, above = 0.0
        for (level, q) in zip(levels, quantiles) where level != 0.5 {
            let z = StandardNormal.quantile(level)
            let sigma = abs(q - point) / abs(z)
            if level < 0.5 { below = max(below, sigma) } else { above = max(above, sigma) }
        }
        if below == 0 { below = above }
        if above == 0 { above = below }
        sample = VolumeDistribution.grid.map { z in max(0, point + z * (z < 0 ? below : above)) }
        hasSpread = below > 0 || above > 0
    }

    /// Whether the range has any width (without it the expected SL is the point SL).
    public var hasSpread: Bool

    /// z-values of the 20 mid-probabilities (k − ½)/20.
    static let grid: [Double] = (1...20).map { StandardNormal.quantile((Double($0) - 0.5) / 20) }
}
