import CCPlanBase
import ContactHistory
import Queueing

/// What `ccplan erlang` answers for one interval: the model, the agents (required or
/// evaluated), scheduled agents, the queue's performance and warnings. Every number comes from
/// `Queueing`; the renderings are in `ErlangReport+Rendering.swift`.
public struct ErlangReport: Sendable {
    /// Agents: whole, or fractional (continuous Erlang C, deferred work).
    public enum Count: Sendable, Equatable {
        case integer(Int), number(Double)
    }

    public enum Model: String, Sendable {
        case erlangC = "erlang-c", erlangA = "erlang-a", erlangB = "erlang-b", deferred
    }

    public var model: Model
    public var traffic: Double
    /// A requirement (solved) or an evaluation (given agents).
    public var isRequirement = true
    public var agents: Count = .integer(0)
    public var scheduled: Count = .integer(0)
    public var metrics: QueueMetrics?
    public var targets: StaffingTargets?
    public var shrinkage = 0.0
    public var channel: Channel = .voice
    public var concurrency: Double?
    public var slots: Int?
    public var blocking: Double?
    public var maxBlocking: Double?
    public var backlog: Double?
    public var responseWithin: Double?
    public var deferredOccupancy: Double?
    public var deferredStable: Bool?
    public var warnings: [String] = []

    init(model: Model, traffic: Double) {
        self.model = model
        self.traffic = traffic
    }
}

extension ErlangRequest {
    /// Sizes or evaluates the interval (after ``validate()``).
    ///
    /// - Throws: ``ErlangError`` when a target cannot be met (naming its flag).
    /// - Complexity: that of the queueing solver (O(√A) evaluations).
    public func report() throws(ErlangError) -> ErlangReport {
        try validate()
        if channel == .email { return deferredReport() }
        if let maxBlocking { return erlangBReport(maxBlocking: maxBlocking) }
        return try queueReport()
    }

    func queueReport() throws(ErlangError) -> ErlangReport {
        let targets = self.targets
        let c = channel == .chat ? (concurrency ?? 1) : 1
        var report = ErlangReport(model: patience == nil ? .erlangC : .erlangA, traffic: workload.trafficIntensity)
        report.targets = targets
        report.channel = channel
        report.concurrency = channel == .chat ? c : nil
        let metrics: QueueMetrics
        if let agents {
            let slots = ChatStaffing.slots(agents: agents, concurrency: c)
            metrics = ChatStaffing.evaluate(slots: slots, workload: workload, model: model, targets: targets)
            report.agents = .integer(agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
            report.isRequirement = false
            report.slots = channel == .chat ? slots : nil
            let anyTarget = targetServiceLevel != nil || targetASA != nil || maxAbandon != nil || maxOccupancy != nil
            if let unmet = targets.firstUnmet(by: metrics), anyTarget {
                report.warnings.append("\(Self.describe(unmet)) target not met by \(agents) agents")
            }
        } else if fractional {
            let solution: (agents: Double, metrics: QueueMetrics)
            do { solution = try Staffing.fractionalAgents(workload: workload, targets: targets) } catch {
                throw staffingError(error)
            }
            metrics = solution.metrics
            let agents = solution.agents / c
            report.agents = .number(agents)
            report.scheduled = .number(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
        } else {
            let solution: (agents: Int, slots: StaffingRequirement)
            do {
                solution = try ChatStaffing.requiredAgents(
                    workload: workload, concurrency: c, model: model, targets: targets)
            } catch {
                throw staffingError(error)
            }
            metrics = solution.slots.metrics
            report.agents = .integer(solution.agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(solution.agents, shrinkage: shrinkage))
            report.slots = channel == .chat ? solution.slots.agents : nil
        }
        report.metrics = metrics
        report.shrinkage = shrinkage
        if !metrics.isStable {
            report.warnings.append(
                "unstable: \(fixed(workload.trafficIntensity, 3)) Erlangs offered to \(fixed(metrics.agents, 3)) servers; the queue grows without bound"
            )
        } else if metrics.occupancy > 0.9 {
            report.warnings.append(
                "occupancy \(fixed(metrics.occupancy * 100, 1))% is above 90%: agents burn out and small surges cause long waits"
            )
        }
        if metrics.probabilityOfAbandonment > 0.1 {
            report.warnings.append(
                "\(fixed(metrics.probabilityOfAbandonment * 100, 1))% of contacts abandon; bound it with --max-abandon")
        }
        return report
    }

    /// A solver error as the flag to fix: an unreachable service level names --target-sl (or
    /// --answer-within when the target is the default), with the occupancy cap when one is set.
    func staffingError(_ error: StaffingError) -> ErlangError {
        guard case .unreachable(let target) = error else { return ErlangError(error) }
        let cap = maxOccupancy.map { " under --max-occupancy \(fixed($0, 4))" } ?? ""
        switch target {
        case .serviceLevel:
            return ErlangError(
                flag: targetServiceLevel != nil ? "--target-sl" : "--answer-within",
                message: "no number of agents can meet this service level\(cap)")
        case .averageSpeedOfAnswer:
            return ErlangError(flag: "--target-asa", message: "no number of agents can meet this ASA\(cap)")
        case .abandonment:
            return ErlangError(
                flag: "--max-abandon", message: "no number of agents can keep abandonment this low\(cap)")
        case .occupancy:
            return ErlangError(flag: "--max-occupancy", message: "no number of agents can meet this occupancy cap")
        }
    }

    func erlangBReport(maxBlocking: Double) -> ErlangReport {
        let a = workload.trafficIntensity
        let lines: Int, blocking: Double
        if let agents {
            lines = agents
            blocking = ErlangB.blocking(servers: agents, traffic: a)
        } else {
            (lines, blocking) = ErlangB.lines(traffic: a, maxBlocking: maxBlocking)
        }
        var report = ErlangReport(model: .erlangB, traffic: a)
        report.isRequirement = agents == nil
        report.agents = .integer(lines)
        report.scheduled = .integer(Shrinkage.scheduledAgents(lines, shrinkage: shrinkage))
        report.shrinkage = shrinkage
        report.blocking = blocking
        report.maxBlocking = maxBlocking
        report.metrics = ErlangB.metrics(lines: lines, traffic: a, answerWithin: answerWithin ?? 20)
        if let agents, blocking > maxBlocking {
            report.warnings.append("blocking \(fixed(blocking * 100, 2))% exceeds the target with \(agents) lines")
        }
        return report
    }

    func deferredReport() -> ErlangReport {
        let work = deferred
        let cap = maxOccupancy ?? 1
        var report = ErlangReport(model: .deferred, traffic: work.workload)
        report.channel = .email
        report.shrinkage = shrinkage
        report.backlog = backlog ?? 0
        report.responseWithin = work.responseWindow
        let agentsUsed: Double
        if let agents {
            report.isRequirement = false
            report.agents = .integer(agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
            agentsUsed = Double(agents)
            if Double(agents) < work.agents(maxOccupancy: cap) * (1 - 1e-12) {
                report.warnings.append(
                    "\(agents) agents cannot clear the work within \(DurationText.format(work.responseWindow))")
            }
        } else if fractional {
            agentsUsed = work.agents(maxOccupancy: cap)
            report.agents = .number(agentsUsed)
            report.scheduled = .number(Shrinkage.scheduledAgents(agentsUsed, shrinkage: shrinkage))
        } else {
            let n = work.requiredAgents(maxOccupancy: cap)
            agentsUsed = Double(n)
            report.agents = .integer(n)
            report.scheduled = .integer(Shrinkage.scheduledAgents(n, shrinkage: shrinkage))
        }
        report.deferredOccupancy = work.occupancy(agents: agentsUsed)
        report.deferredStable = work.isStable(agents: agentsUsed)
        return report
    }

    static func describe(_ target: StaffingTarget) -> String {
        switch target {
        case .serviceLevel: return "service-level"
        case .averageSpeedOfAnswer: return "ASA"
        case .abandonment: return "abandonment"
        case .occupancy: return "occupancy"
        }
    }
}
