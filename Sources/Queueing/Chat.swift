/// Chat: each agent works `c` conversations at once.
///
/// The queue is modelled as Erlang C (or A) over `⌊n·c⌋` slots, with the handle time measured
/// *under concurrency* (the mean time a conversation holds a slot, not the agent's undivided
/// time). Occupancy is then the share of busy slots.
public enum ChatStaffing {
    /// The number of slots of n agents at concurrency c: `⌊n·c⌋` (with float noise snapped),
    /// at most ``QueueingLimits/maximumAgents``.
    ///
    /// - Complexity: O(1).
    public static func slots(agents n: Int, concurrency c: Double) -> Int {
        let exact = Double(n) * c
        let nearest = exact.rounded()
        if abs(exact - nearest) <= 1e-9 * max(1, nearest) { return QueueingLimits.count(nearest, .toNearestOrEven) }
        return QueueingLimits.count(exact, .down)
    }

    /// The fewest agents whose slots meet every target: the slot requirement s of
    /// ``Staffing/requiredAgents(workload:model:targets:)``, then the smallest n with ⌊n·c⌋ ≥ s.
    ///
    /// - Parameters:
    ///   - workload: arrivals and the handle time under concurrency.
    ///   - concurrency: c ≥ 1 conversations per agent.
    /// - Returns: the agents and the metrics of their slots (`metrics.agents` counts slots).
    /// - Throws: as ``Staffing/requiredAgents(workload:model:targets:)``; `invalidParameter` for c
    ///   outside [1, 1000].
    /// - Complexity: that of the slot requirement.
    public static func requiredAgents(
        workload: Workload, concurrency c: Double, model: QueueModel = .erlangC, targets: StaffingTargets
    ) throws(StaffingError) -> (agents: Int, slots: StaffingRequirement) {
        try validate(concurrency: c)
        let requirement = try Staffing.requiredAgents(workload: workload, model: model, targets: targets)
        var n = QueueingLimits.count(Double(requirement.agents) / c, .down)
        while slots(agents: n, concurrency: c) < requirement.agents { n += 1 }
        let slotCount = slots(agents: n, concurrency: c)
        let metrics = evaluate(slots: slotCount, workload: workload, model: model, targets: targets)
        return (n, StaffingRequirement(agents: slotCount, metrics: metrics))
    }

    /// The metrics of `slots` servers under `model`.
    ///
    /// - Complexity: O(√max(slots, A)).
    public static func evaluate(
        slots: Int, workload: Workload, model: QueueModel, targets: StaffingTargets
    ) -> QueueMetrics {
        switch model {
        case .erlangC:
            return ErlangC.metrics(
                agents: slots, workload: workload, answerWithin: targets.answerWithin,
                definition: targets.serviceLevelDefinition)
        case .erlangA(let patience):
            return ErlangA.metrics(
                agents: slots, workload: workload, patience: patience,
                answerWithin: targets.answerWithin, definition: targets.serviceLevelDefinition)
        }
    }
}
