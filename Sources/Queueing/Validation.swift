// Every input of the queueing models checked against the ranges of `QueueingLimits`, each check
// throwing `StaffingError.invalidParameter` with the parameter's flag name and its range.

extension Workload {
    /// Checks the workload: λ finite and ≥ 0 (`volume`), AHT finite and > 0 (`aht`), and the
    /// offered load A = λ·AHT below ``QueueingLimits/maximumTraffic`` (`volume`).
    ///
    /// - Complexity: O(1).
    public func validate() throws(StaffingError) {
        guard arrivalRate.isFinite, arrivalRate >= 0 else { throw QueueingParameter.volume.invalid(nil) }
        guard averageHandleTime.isFinite, averageHandleTime > 0 else { throw QueueingParameter.aht.invalid(nil) }
        guard trafficIntensity.isFinite, trafficIntensity < QueueingLimits.maximumTraffic else {
            throw .invalidParameter(QueueingParameter.volume.rawValue, "the offered load must be below 10⁸ Erlangs")
        }
    }
}

extension StaffingTargets {
    /// Checks each target against its range (``QueueingLimits``), whatever the workload:
    /// `answer-within` and `target-asa` finite ≥ 0, `target-sl` and `max-abandon` in [0, 1],
    /// `max-occupancy` in [0.01, 1]. What no staffing can reach (an SL of 1) is
    /// ``Staffing/validate(workload:model:targets:shrinkage:concurrency:)``'s to say.
    ///
    /// - Complexity: O(1).
    public func validate() throws(StaffingError) {
        try QueueingParameter.answerWithin.require(answerWithin) { $0 >= 0 }
        if let serviceLevel { try QueueingParameter.targetServiceLevel.require(serviceLevel) { $0 >= 0 && $0 <= 1 } }
        if let maxAverageSpeedOfAnswer { try QueueingParameter.targetASA.require(maxAverageSpeedOfAnswer) { $0 >= 0 } }
        if let maxAbandonment { try QueueingParameter.maxAbandonment.require(maxAbandonment) { $0 >= 0 && $0 <= 1 } }
        if let maxOccupancy {
            try QueueingParameter.maxOccupancy.require(maxOccupancy) {
                $0 >= QueueingLimits.minimumOccupancyCap && $0 <= 1
            }
        }
    }
}

extension QueueModel {
    /// Checks the model: a patience finite and > 0 (`patience`).
    ///
    /// - Complexity: O(1).
    public func validate() throws(StaffingError) {
        if case .erlangA(let patience) = self { try QueueingParameter.patience.require(patience) { $0 > 0 } }
    }
}

extension Shrinkage {
    /// Checks a shrinkage: in [0, ``QueueingLimits/maximumShrinkage``] (`shrinkage`).
    ///
    /// - Complexity: O(1).
    public static func validate(_ shrinkage: Double) throws(StaffingError) {
        try QueueingParameter.shrinkage.require(shrinkage) { $0 >= 0 && $0 <= QueueingLimits.maximumShrinkage }
    }
}

extension ChatStaffing {
    /// Checks a chat concurrency: in [1, ``QueueingLimits/maximumConcurrency``] (`concurrency`).
    ///
    /// - Complexity: O(1).
    public static func validate(concurrency c: Double) throws(StaffingError) {
        try QueueingParameter.concurrency.require(c) { $0 >= 1 && $0 <= QueueingLimits.maximumConcurrency }
    }
}

extension ErlangB {
    /// Checks a blocking target: in (0, 1) (`max-blocking`).
    ///
    /// - Complexity: O(1).
    public static func validate(maxBlocking p: Double) throws(StaffingError) {
        try QueueingParameter.maxBlocking.require(p) { $0 > 0 && $0 < 1 }
    }
}

extension DeferredWork {
    /// Checks deferred work and its cap: the workload as ``Workload/validate()``, `backlog` finite
    /// ≥ 0, `response-within` finite > 0, `max-occupancy` in [0.01, 1], and the agents it needs,
    /// `(λ·W + backlog)·AHT / (W·cap)`, at most ``QueueingLimits/maximumAgents`` (else the
    /// `backlog` is named, with the most this window and cap can clear).
    ///
    /// - Complexity: O(1).
    public func validate(maxOccupancy cap: Double = 1) throws(StaffingError) {
        try Workload(arrivalRate: arrivalRate, averageHandleTime: averageHandleTime).validate()
        try QueueingParameter.backlog.require(backlog) { $0 >= 0 }
        try QueueingParameter.responseWithin.require(responseWindow) { $0 > 0 }
        try QueueingParameter.maxOccupancy.require(cap) { $0 >= QueueingLimits.minimumOccupancyCap && $0 <= 1 }
        let most = Double(QueueingLimits.maximumAgents)
        let steady = arrivalRate * averageHandleTime / cap
        guard steady <= most else { throw Staffing.capTooLow(cap, traffic: arrivalRate * averageHandleTime) }
        guard agents(maxOccupancy: cap) <= most else {
            let clearable = (most - steady) * cap * responseWindow / averageHandleTime
            throw .invalidParameter(
                QueueingParameter.backlog.rawValue,
                "must be at most \(clearable.rounded(.down)) items here (the work may need at most 10⁹ agents), got \(backlog)"
            )
        }
    }
}

extension Staffing {
    /// Checks every input of one interval's staffing at once — the workload, the model, the
    /// targets, the shrinkage and the chat concurrency (see ``QueueingLimits``) — and what no
    /// staffing can reach: an SL target of 1, an ASA or abandonment target of 0
    /// (``StaffingError/unreachable(_:)``), or an occupancy cap so low that A / cap exceeds
    /// ``QueueingLimits/maximumAgents`` (`max-occupancy`, with the least cap that is allowed).
    /// ``requiredAgents(workload:model:targets:)`` runs it (without shrinkage and concurrency).
    ///
    /// - Complexity: O(1).
    public static func validate(
        workload: Workload, model: QueueModel = .erlangC, targets: StaffingTargets,
        shrinkage: Double = 0, concurrency: Double = 1
    ) throws(StaffingError) {
        try workload.validate()
        try targets.validate()
        try model.validate()
        try Shrinkage.validate(shrinkage)
        try ChatStaffing.validate(concurrency: concurrency)
        let a = workload.trafficIntensity
        guard a > 0 else { return }
        if let sl = targets.serviceLevel, sl >= 1 { throw .unreachable(.serviceLevel) }
        if targets.maxAverageSpeedOfAnswer == 0 { throw .unreachable(.averageSpeedOfAnswer) }
        if targets.maxAbandonment == 0, case .erlangA = model { throw .unreachable(.abandonment) }
        if let cap = targets.maxOccupancy, a / cap > Double(QueueingLimits.maximumAgents) {
            throw capTooLow(cap, traffic: a)
        }
    }

    /// Agents: 0 … ``QueueingLimits/maximumAgents`` (`agents`).
    ///
    /// - Complexity: O(1).
    public static func validate(agents n: Int) throws(StaffingError) {
        guard n >= 0, n <= QueueingLimits.maximumAgents else { throw QueueingParameter.agents.invalid(Double(n)) }
    }

    static func capTooLow(_ cap: Double, traffic a: Double) -> StaffingError {
        .invalidParameter(
            QueueingParameter.maxOccupancy.rawValue,
            "must be at least \(a / Double(QueueingLimits.maximumAgents)) for \(a) Erlangs (at most 10⁹ agents), got \(cap)"
        )
    }
}
