import CCPlanBase
import ContactHistory
import Planning

/// A tolerance breached by a period.
public struct Breach: Sendable, Hashable, CustomStringConvertible {
    /// The tolerance key, e.g. `monthly_volume`.
    public var key: String
    /// The value measured and the limit, in the tolerance's unit.
    public var value: Double
    public var limit: Double

    public var description: String { key }
}

/// Limits agreed with the contact centre (terms of service, ISO 18295-2 clause 6.10), per period:
/// - `volume`: |Σ forecast − Σ actual| / Σ actual at most this fraction;
/// - `service_level`: the actual SL at most this many points (a fraction: `5pp` = 0.05) below
///   the target;
/// - `abandon_rate`: abandoned ÷ offered at most this fraction;
/// - `interval_wape`: Σ |F − Y| / Σ Y over the period's intervals at most this fraction.
/// Each can be set for every period (`service_level`) or for one (`daily_`, `weekly_`,
/// `monthly_` prefixes, which win), and per queue.
public struct Tolerances: Sendable, Hashable {
    /// The four limits of one period (nil: not checked).
    public struct Limits: Sendable, Hashable {
        public var volume: Double?
        public var serviceLevelPoints: Double?
        public var abandonRate: Double?
        public var intervalWAPE: Double?

        public init(
            volume: Double? = nil, serviceLevelPoints: Double? = nil, abandonRate: Double? = nil,
            intervalWAPE: Double? = nil
        ) {
            self.volume = volume
            self.serviceLevelPoints = serviceLevelPoints
            self.abandonRate = abandonRate
            self.intervalWAPE = intervalWAPE
        }

        /// `other`'s limits where set, these elsewhere.
        func overridden(by other: Limits) -> Limits {
            Limits(
                volume: other.volume ?? volume, serviceLevelPoints: other.serviceLevelPoints ?? serviceLevelPoints,
                abandonRate: other.abandonRate ?? abandonRate, intervalWAPE: other.intervalWAPE ?? intervalWAPE)
        }
    }

    /// Limits for every period, then per period (which win).
    public var all = Limits()
    public var byPeriod: [RollUpPeriod: Limits] = [:]
    /// Per queue name: tolerances that override these.
    public var perQueue: [String: Tolerances] = [:]

    public init() {}

    /// Whether any limit is set.
    public var isEmpty: Bool { self == Tolerances() }

    /// The limits that apply to a period of a queue.
    public func limits(queue: String, period: RollUpPeriod) -> Limits {
        var l = all.overridden(by: byPeriod[period] ?? Limits())
        if let q = perQueue[queue] {
            l = l.overridden(by: q.all).overridden(by: q.byPeriod[period] ?? Limits())
        }
        return l
    }

    /// The tolerances a period breaches (in key order: volume, service_level, abandon_rate,
    /// interval_wape), with the period prefix of the key that applied.
    ///
    /// - Complexity: O(1).
    public func breaches(_ r: PeriodReview) -> [Breach] {
        let l = limits(queue: r.queue, period: r.period)
        let prefix = r.period == .day ? "daily_" : r.period == .week ? "weekly_" : "monthly_"
        var out: [Breach] = []
        if let limit = l.volume, let bias = r.bias, abs(bias) > limit + 1e-12 {
            out.append(Breach(key: prefix + "volume", value: abs(bias), limit: limit))
        }
        if let limit = l.serviceLevelPoints, let actual = r.actualServiceLevel, let target = r.targetServiceLevel,
            target - actual > limit + 1e-12
        {
            out.append(Breach(key: prefix + "service_level", value: target - actual, limit: limit))
        }
        if let limit = l.abandonRate, let rate = r.abandonRate, rate > limit + 1e-12 {
            out.append(Breach(key: prefix + "abandon_rate", value: rate, limit: limit))
        }
        if let limit = l.intervalWAPE, let wape = r.intervalWAPE, wape > limit + 1e-12 {
            out.append(Breach(key: prefix + "interval_wape", value: wape, limit: limit))
        }
        return out
    }
}
