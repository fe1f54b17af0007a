import CCPlanBase
import ContactHistory
import Queueing

/// One interval of one queue to size or evaluate, as `ccplan erlang` takes it: Erlang C, A or B,
/// chat over slots, or deferred work (email).
public struct ErlangRequest: Sendable {
    /// Contacts offered in the interval (may be fractional).
    public var volume: Double
    /// Interval length, seconds.
    public var intervalSeconds: Double = 1800
    /// Average handle time, seconds (for chat: under concurrency).
    public var ahtSeconds: Double
    /// Service-level threshold, seconds (default 20).
    public var answerWithin: Double?
    /// Service-level target (default 0.8 when no other target is given).
    public var targetServiceLevel: Double?
    /// Maximum ASA, seconds.
    public var targetASA: Double?
    /// Maximum abandonment rate (needs a patience).
    public var maxAbandon: Double?
    /// Mean patience, seconds: Erlang A.
    public var patience: Double?
    /// Occupancy cap.
    public var maxOccupancy: Double?
    /// Shrinkage: scheduled = ⌈agents / (1 − shrinkage)⌉.
    public var shrinkage: Double = 0
    /// Evaluate this many agents (lines with `maxBlocking`) instead of solving.
    public var agents: Int?
    /// Fractional agents (continuous Erlang C).
    public var fractional = false
    /// Erlang B: the most contacts blocked.
    public var maxBlocking: Double?
    public var channel: Channel = .voice
    /// Chat: conversations per agent at once.
    public var concurrency: Double?
    /// Email: items waiting at the start of the interval.
    public var backlog: Double?
    /// Email: every item handled within this time (default: the interval), seconds.
    public var responseWithin: Double?
    public var serviceLevelDefinition: ServiceLevelDefinition = .offered

    public init(volume: Double, ahtSeconds: Double) {
        self.volume = volume
        self.ahtSeconds = ahtSeconds
    }

    /// The targets (80 % within 20 s unless another target is given).
    public var targets: StaffingTargets {
        let otherTarget = targetASA != nil || maxAbandon != nil
        return StaffingTargets(
            answerWithin: answerWithin ?? 20, serviceLevel: targetServiceLevel ?? (otherTarget ? nil : 0.8),
            serviceLevelDefinition: serviceLevelDefinition, maxAverageSpeedOfAnswer: targetASA,
            maxAbandonment: maxAbandon, maxOccupancy: maxOccupancy)
    }

    var workload: Workload { Workload(contacts: volume, interval: intervalSeconds, averageHandleTime: ahtSeconds) }
    var model: QueueModel { patience.map { .erlangA(patience: $0) } ?? .erlangC }

    /// Checks every value against its range and the combinations of flags.
    ///
    /// - Throws: ``ErlangError`` naming the flag.
    /// - Complexity: O(1).
    public func validate() throws(ErlangError) {
        func check(_ ok: Bool, _ flag: String, _ message: String) throws(ErlangError) {
            if !ok { throw ErlangError(flag: flag, message: message) }
        }
        try check(volume.isFinite && volume >= 0, "--volume", "must be a number ≥ 0")
        try check(intervalSeconds > 0, "--interval", "must be longer than 0")
        try check(ahtSeconds > 0, "--aht", "must be longer than 0")
        if let targetServiceLevel {
            try check(targetServiceLevel >= 0 && targetServiceLevel < 1, "--target-sl", "must be in [0, 1)")
        }
        if let targetASA { try check(targetASA > 0, "--target-asa", "must be longer than 0") }
        if let maxAbandon { try check(maxAbandon > 0 && maxAbandon <= 1, "--max-abandon", "must be in (0, 1]") }
        if let maxBlocking { try check(maxBlocking > 0 && maxBlocking < 1, "--max-blocking", "must be in (0, 1)") }
        if let patience { try check(patience > 0, "--patience", "must be longer than 0") }
        if let agents {
            try check(
                agents >= 0 && agents <= QueueingLimits.maximumAgents, "--agents", "must be between 0 and 1,000,000,000"
            )
        }
        if concurrency != nil { try check(channel == .chat, "--concurrency", "applies to --channel chat only") }
        if backlog != nil { try check(channel == .email, "--backlog", "applies to --channel email only") }
        if let responseWithin {
            try check(channel == .email, "--response-within", "applies to --channel email only")
            try check(responseWithin > 0, "--response-within", "must be longer than 0")
        }
        try check(
            maxAbandon == nil || patience != nil || channel == .email, "--max-abandon",
            "needs --patience (Erlang C has no abandonment)")
        if fractional {
            try check(patience == nil, "--fractional", "is continuous Erlang C; it cannot be used with --patience")
            try check(agents == nil, "--fractional", "solves a requirement; it cannot be used with --agents")
            try check(maxBlocking == nil, "--fractional", "cannot be used with --max-blocking")
        }
        if maxBlocking != nil {
            try check(channel == .voice, "--max-blocking", "applies to --channel voice only")
            try check(patience == nil, "--max-blocking", "Erlang B has no queue: drop --patience")
        }
        if channel == .email {
            for (flag, given) in [
                ("--patience", patience != nil), ("--target-sl", targetServiceLevel != nil),
                ("--target-asa", targetASA != nil), ("--max-abandon", maxAbandon != nil),
            ] where given {
                throw ErlangError(flag: flag, message: "does not apply to --channel email (deferred work has no queue)")
            }
        }
        // The ranges of the queueing models (QueueingLimits), with the flag they name.
        do {
            try workload.validate()
            try targets.validate()
            try model.validate()
            try Shrinkage.validate(shrinkage)
            if let concurrency { try ChatStaffing.validate(concurrency: concurrency) }
            if let maxBlocking { try ErlangB.validate(maxBlocking: maxBlocking) }
            if channel == .email { try deferred.validate(maxOccupancy: maxOccupancy ?? 1) }
        } catch {
            throw ErlangError(error)
        }
    }

    var deferred: DeferredWork {
        DeferredWork(
            arrivalRate: workload.arrivalRate, averageHandleTime: ahtSeconds, backlog: backlog ?? 0,
            responseWindow: responseWithin ?? intervalSeconds)
    }
}

/// A request `ccplan erlang` cannot answer: the flag and why (exit 64).
public struct ErlangError: Error, Sendable, Equatable, CustomStringConvertible {
    public var flag: String
    public var message: String

    public init(flag: String, message: String) {
        self.flag = flag
        self.message = message
    }

    /// A queueing error, with the flag it names.
    init(_ error: StaffingError) {
        switch error {
        case .invalidParameter(let name, let reason): self.init(flag: "--\(name)", message: reason)
        case .unreachable(let target):
            switch target {
            case .serviceLevel:
                self.init(flag: "--target-sl", message: "no number of agents can meet this service level")
            case .averageSpeedOfAnswer:
                self.init(flag: "--target-asa", message: "no number of agents can meet this ASA")
            case .abandonment:
                self.init(flag: "--max-abandon", message: "no number of agents can keep abandonment this low")
            case .occupancy:
                self.init(flag: "--max-occupancy", message: "no number of agents can meet this occupancy cap")
            }
        }
    }

    public var description: String { "\(flag): \(message)" }
}
