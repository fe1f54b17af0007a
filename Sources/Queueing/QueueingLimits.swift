/// The ranges the queueing models accept and the caps on what they compute.
///
/// | parameter (flag / scenario key)     | allowed                                                     |
/// |-------------------------------------|-------------------------------------------------------------|
/// | `volume`                            | finite ≥ 0; offered load A = λ·AHT below 10⁸ Erlangs        |
/// | `aht`                               | finite > 0                                                  |
/// | `answer-within` / `answer_within`   | finite ≥ 0                                                  |
/// | `target-sl` / `target_sl`           | [0, 1]                                                      |
/// | `target-asa` / `target_asa`         | finite ≥ 0                                                  |
/// | `max-abandon` / `max_abandon`       | [0, 1]                                                      |
/// | `max-occupancy` / `max_occupancy`   | [0.01, 1], and A / cap at most 10⁹ agents                   |
/// | `patience`                          | finite > 0 (above 10²⁹⁰·AHT evaluated at 10²⁹⁰·AHT)         |
/// | `shrinkage`                         | [0, 0.99]                                                   |
/// | `concurrency`                       | [1, 1000]                                                   |
/// | `backlog`                           | finite ≥ 0, and the deferred work at most 10⁹ agents        |
/// | `response-within` / `response_within` | finite > 0                                                |
/// | `agents`                            | 0 … 10⁹                                                     |
/// | `max-blocking` / `max_blocking`     | (0, 1)                                                      |
///
/// Every `validate` of this module throws ``StaffingError/invalidParameter(_:_:)`` with the
/// parameter's ``QueueingParameter/rawValue`` (the flag's name) and a reason that states the range
/// and the value: `("shrinkage", "must be in [0, 0.99], got 0.9999999999999999")`.
///
/// The numerical functions never trap on a finite input: agent counts they return saturate at
/// ``maximumAgents`` (scheduled agents at ``maximumScheduledAgents``), which the validations keep
/// out of reach.
public enum QueueingLimits {
    /// The most agents, lines or slots any model computes or evaluates: 10⁹.
    public static let maximumAgents = 1_000_000_000
    /// The largest offered load, in Erlangs (exclusive): 10⁸.
    public static let maximumTraffic = 1e8
    /// The largest shrinkage: 0.99 (a hundred scheduled agents per agent on the phones).
    public static let maximumShrinkage = 0.99
    /// The smallest occupancy cap: 0.01.
    public static let minimumOccupancyCap = 0.01
    /// The most conversations an agent handles at once: 1000.
    public static let maximumConcurrency = 1000.0
    /// The most scheduled agents: ``maximumAgents`` / (1 − ``maximumShrinkage``) = 10¹¹.
    public static let maximumScheduledAgents = 100_000_000_000

    /// `x` rounded as `rule` says, as an Int in `0…limit` (NaN and +∞ give `limit`, −∞ gives 0).
    ///
    /// - Complexity: O(1).
    static func count(_ x: Double, _ rule: FloatingPointRoundingRule, limit: Int = maximumAgents) -> Int {
        let rounded = x.rounded(rule)
        guard rounded < Double(limit) else { return limit }
        return rounded > 0 ? Int(rounded) : 0
    }

    /// `x` rounded up, snapped to the nearest integer when within 1e-9 (relative) of it so that
    /// float noise does not add one (⌈21/(1 − 0.3)⌉ = 30, not 31), saturating as ``count(_:_:limit:)``.
    static func ceilingCount(_ x: Double, limit: Int = maximumAgents) -> Int {
        let nearest = x.rounded()
        if abs(x - nearest) <= 1e-9 * max(1, nearest) { return count(nearest, .toNearestOrEven, limit: limit) }
        return count(x, .up, limit: limit)
    }
}

/// An input of the queueing models; the raw value is its `ccplan erlang` flag without dashes.
public enum QueueingParameter: String, CaseIterable, Sendable {
    case volume, aht, patience, shrinkage, concurrency, backlog, agents
    case answerWithin = "answer-within", targetServiceLevel = "target-sl", targetASA = "target-asa"
    case maxAbandonment = "max-abandon", maxOccupancy = "max-occupancy"
    case responseWithin = "response-within", maxBlocking = "max-blocking"

    /// The key of scenario and batch files: the raw value with underscores (`max_occupancy`).
    public var key: String { String(rawValue.map { $0 == "-" ? "_" : $0 }) }

    /// The allowed range, as the phrase after "must be" (`in [0, 0.99]`, `a finite duration > 0`).
    public var allowedRange: String {
        switch self {
        case .volume, .backlog: return "a finite number ≥ 0"
        case .aht, .patience, .responseWithin: return "a finite duration > 0"
        case .answerWithin, .targetASA: return "a finite duration ≥ 0"
        case .targetServiceLevel, .maxAbandonment: return "in [0, 1]"
        case .maxOccupancy: return "in [0.01, 1]"
        case .shrinkage: return "in [0, 0.99]"
        case .concurrency: return "in [1, 1000]"
        case .agents: return "between 0 and 1,000,000,000"
        case .maxBlocking: return "in (0, 1)"
        }
    }

    /// The error for a value outside ``allowedRange``: "must be <range>, got <value>" (without
    /// the value when it is not what the user wrote, e.g. a rate computed from a volume).
    public func invalid(_ value: Double?) -> StaffingError {
        .invalidParameter(rawValue, "must be \(allowedRange)" + (value.map { ", got \($0)" } ?? ""))
    }

    /// Throws ``invalid(_:)`` unless `value` is finite and `accepted`.
    func require(_ value: Double, _ accepted: (Double) -> Bool) throws(StaffingError) {
        guard value.isFinite, accepted(value) else { throw invalid(value) }
    }
}

extension StaffingError {
    /// The parameter an ``invalidParameter(_:_:)`` names, when it is one of ``QueueingParameter``.
    public var parameter: QueueingParameter? {
        if case .invalidParameter(let name, _) = self { return QueueingParameter(rawValue: name) }
        return nil
    }
}
