import CCPlanBase
import Queueing

/// What a plan's staffing requirement is sized to.
public enum StaffTo: String, Sendable, Hashable, CaseIterable {
    /// The point forecast of every interval (the default).
    case point
    /// The upper forecast quantile (p90 by default): protection against a busy day.
    case p90
    /// The smallest staffing whose *expected* service level over the forecast distribution meets
    /// the target (the point forecast is not the only volume that can happen).
    case expectedSL = "expected-sl"
}

/// Every assumption a plan rests on. The command line and a scenario file's `base` block set
/// them; each scenario, and each queue within it, may override any of them.
///
/// The defaults are the industry's 80/20 target with the offered definition, no shrinkage, no
/// occupancy cap, Erlang C (no abandonment) unless a patience is given or estimated, 37.5
/// contracted hours per FTE.
public struct PlanAssumptions: Sendable, Hashable {
    /// Service-level threshold t, seconds.
    public var answerWithin: Double = 20
    /// Service-level target (fraction answered within t), or nil for none.
    public var targetServiceLevel: Double? = 0.8
    /// How the service level counts contacts.
    public var serviceLevelDefinition: ServiceLevelDefinition = .offered
    /// Maximum average speed of answer, seconds.
    public var targetASA: Double?
    /// Maximum abandonment rate (needs a patience: Erlang A).
    public var maxAbandon: Double?
    /// Occupancy cap (fraction of logged-in time spent handling contacts).
    public var maxOccupancy: Double?
    /// Mean patience of callers in seconds (switches voice and chat to Erlang A); nil for
    /// Erlang C (no abandonment: conservative, it overstaffs where callers do hang up).
    public var patience: Double?
    /// When no patience is given, estimate it from a history that reports abandons and waits
    /// (``PatienceEstimate``); `patience: none` turns this off.
    public var estimatePatience = true
    /// Shrinkage: the fraction of paid time agents are not available (breaks, training, absence).
    public var shrinkage: Double = 0
    /// Contracted hours per FTE and week.
    public var fteHoursPerWeek: Double = 37.5
    /// Cost of one scheduled hour, for cost roll-ups.
    public var costPerHour: Double?
    /// What the requirement is sized to.
    public var staffTo: StaffTo = .point
    /// Chat: sessions an agent handles at once.
    public var chatConcurrency: Double = 1
    /// Email / deferred work: the response window within which work must be cleared, seconds.
    public var responseWindow: Double = 4 * 3600
    /// Multiplies every forecast volume.
    public var volumeFactor: Double = 1
    /// Multiplies every forecast AHT.
    public var ahtFactor: Double = 1
    /// Added to every forecast AHT (after the factor), seconds.
    public var ahtDelta: Double = 0

    public init() {}

    /// The staffing targets of the queueing model.
    public var targets: StaffingTargets {
        StaffingTargets(
            answerWithin: answerWithin, serviceLevel: targetServiceLevel,
            serviceLevelDefinition: serviceLevelDefinition,
            maxAverageSpeedOfAnswer: targetASA, maxAbandonment: maxAbandon, maxOccupancy: maxOccupancy)
    }

    /// Checks every value's domain; the message names the setting as written in scenario files.
    public func validate() throws(PlanError) {
        func check(_ ok: Bool, _ key: String, _ why: String) throws(PlanError) {
            if !ok { throw PlanError.badAssumption(key: key, reason: why) }
        }
        try check(answerWithin.isFinite && answerWithin >= 0, "answer_within", "must be a duration ≥ 0")
        if let v = targetServiceLevel {
            try check(v > 0 && v < 1, "target_sl", "must be between 0 and 1 (exclusive), got \(v)")
        }
        if let v = targetASA { try check(v.isFinite && v > 0, "target_asa", "must be a positive duration") }
        if let v = maxAbandon {
            try check(v > 0 && v < 1, "max_abandon", "must be between 0 and 1 (exclusive), got \(v)")
        }
        if let v = patience { try check(v.isFinite && v > 0, "patience", "must be a positive duration") }
        // The ranges of the queueing models (QueueingLimits), named by their scenario-file key.
        do {
            try targets.validate()
            try Shrinkage.validate(shrinkage)
            try ChatStaffing.validate(concurrency: chatConcurrency)
        } catch {
            if case .invalidParameter(let name, let reason) = error {
                throw PlanError.badAssumption(key: error.parameter?.key ?? name, reason: reason)
            }
            throw PlanError.badAssumption(key: "target_sl", reason: "\(error)")
        }
        try check(
            fteHoursPerWeek.isFinite && fteHoursPerWeek > 0 && fteHoursPerWeek <= 168, "fte_hours",
            "must be in (0, 168], got \(fteHoursPerWeek)")
        if let v = costPerHour { try check(v.isFinite && v >= 0, "cost_per_hour", "must be ≥ 0, got \(v)") }
        try check(responseWindow.isFinite && responseWindow > 0, "response_within", "must be a positive duration")
        try check(volumeFactor.isFinite && volumeFactor >= 0, "volume_factor", "must be ≥ 0, got \(volumeFactor)")
        try check(ahtFactor.isFinite && ahtFactor > 0, "aht_factor", "must be > 0, got \(ahtFactor)")
        try check(ahtDelta.isFinite, "aht_delta", "must be a finite duration")
        if targetServiceLevel == nil && targetASA == nil && maxAbandon == nil && maxOccupancy == nil {
            throw PlanError.badAssumption(
                key: "target_sl",
                reason: "at least one target is needed (target_sl, target_asa, max_abandon or max_occupancy)")
        }
    }
}

/// Why a plan cannot be made. `badAssumption`, `badScenarioFile` and `unstaffable` (targets no
/// staffing can meet) are usage errors (exit 64); the others are data errors (exit 65).
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An assumption is out of its domain.
    case badAssumption(key: String, reason: String)
    /// The scenario file is malformed: file, line, column, message.
    case badScenarioFile(FileIssue)
    /// The forecast file is malformed or empty.
    case badForecast(String)
    /// The history cannot support the requested forecast.
    case badHistory(String)
    /// An interval cannot be staffed under the assumptions (e.g. a target unreachable under the cap).
    case unstaffable(String)
    /// Another input file (holidays, events) is malformed: the message names file, line and column.
    case badInput(String)

    public var description: String {
        switch self {
        case .badAssumption(let key, let reason): return "\(key): \(reason)"
        case .badScenarioFile(let issue): return issue.description
        case .badForecast(let message), .badHistory(let message), .unstaffable(let message), .badInput(let message):
            return message
        }
    }

    /// Whether this is a usage error (exit 64) rather than a data error (exit 65).
    public var isUsageError: Bool {
        switch self {
        case .badAssumption, .badScenarioFile: return true
        case .badForecast, .badHistory, .badInput: return false
        case .unstaffable: return true
        }
    }
}
