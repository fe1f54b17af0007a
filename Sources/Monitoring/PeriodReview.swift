import CCPlanBase
import ContactHistory
import Planning

/// One day, ISO week or month of one queue: forecast accuracy, staffing and service level, and the
/// service-level gap split by cause.
///
/// Service levels of a period are volume-weighted averages of interval service levels (the sums
/// of answered-within over the sums of contacts, as contracts measure them): the plan's by its
/// forecast volume, every other by the actual volume. The gap `actual − planned` splits into
/// three parts that add up to it exactly:
/// 1. forecast: SL of the planned agents at the actual workload − planned SL;
/// 2. delivery: SL of the staffed agents at the actual workload − SL of the planned agents there;
/// 3. other (model, routing, intraday handle-time swings): actual SL − SL of the staffed agents.
/// A part is nil where its inputs are missing in any interval with contacts (no staffed agents:
/// no delivery and no other part; no actual SL: no other part).
public struct PeriodReview: Sendable {
    public var queue: String
    public var channel: Channel
    public var period: RollUpPeriod
    /// `2026-11-02`, `2026-W45` or `2026-11`.
    public var label: String
    public var firstDate: CivilDate
    /// Intervals of the plan with actuals.
    public var intervals = 0
    public var forecastVolume = 0.0
    public var actualVolume = 0.0
    /// Σ |forecast − actual| over intervals.
    public var absoluteError = 0.0
    public var abandoned = 0.0
    /// Σ forecast × forecast AHT, Σ actual × actual AHT and Σ actual (intervals with a known AHT).
    var forecastWorkSeconds = 0.0
    var actualWorkSeconds = 0.0
    var actualVolumeWithAHT = 0.0
    var abandonKnown = true
    /// Agent hours: required at the actual workload, planned on the floor, scheduled, staffed.
    public var requiredHours = 0.0
    public var plannedHours = 0.0
    public var scheduledHours = 0.0
    public var staffedHours: Double? = 0
    var requiredKnown = true
    // Σ weight × SL for the four service levels, and the weights.
    var plannedWeighted = 0.0, plannedWeight = 0.0
    var actualWeighted = 0.0, actualWeight = 0.0
    var atPlanWeighted = 0.0, atStaffWeighted = 0.0, modelWeight = 0.0
    var actualMissing = false, atPlanMissing = false, staffedMissing = false
    var targetWeighted = 0.0, targetWeight = 0.0
    /// Intervals with contacts and an actual SL, and those meeting the target.
    public var intervalsWithServiceLevel = 0
    public var intervalsMeetingTarget = 0
    /// Tolerances breached (empty: within tolerance).
    public var breaches: [Breach] = []

    public init(queue: String, channel: Channel, period: RollUpPeriod, label: String, firstDate: CivilDate) {
        self.queue = queue
        self.channel = channel
        self.period = period
        self.label = label
        self.firstDate = firstDate
    }

    /// Adds one interval (of `hours` length).
    ///
    /// - Complexity: O(1).
    public mutating func add(_ r: IntervalReview, hours: Double) {
        intervals += 1
        forecastVolume += r.forecastVolume
        actualVolume += r.actualVolume
        absoluteError += abs(r.forecastVolume - r.actualVolume)
        if let ab = r.abandoned { abandoned += ab } else if r.actualVolume > 0 { abandonKnown = false }
        forecastWorkSeconds += r.forecastVolume * r.forecastAHT
        if let aht = r.actualAHT {
            actualWorkSeconds += r.actualVolume * aht
            actualVolumeWithAHT += r.actualVolume
        }
        if let n = r.requiredAgents { requiredHours += Double(n) * hours } else { requiredKnown = false }
        plannedHours += Double(r.plannedAgents) * hours
        scheduledHours += Double(r.plannedScheduledAgents) * hours
        if let s = r.staffedAgents { staffedHours = staffedHours.map { $0 + s * hours } } else { staffedHours = nil }
        if let sl = r.plannedServiceLevel, r.forecastVolume > 0 {
            plannedWeighted += r.forecastVolume * sl
            plannedWeight += r.forecastVolume
        }
        if let t = r.targetServiceLevel, r.actualVolume > 0 {
            targetWeighted += r.actualVolume * t
            targetWeight += r.actualVolume
        }
        guard r.actualVolume > 0, r.targetServiceLevel != nil || r.plannedServiceLevel != nil else { return }
        let w = r.actualVolume
        if let sl = r.actualServiceLevel {
            actualWeighted += w * sl
            actualWeight += w
            intervalsWithServiceLevel += 1
            if let t = r.targetServiceLevel, sl >= t - 1e-12 { intervalsMeetingTarget += 1 }
        } else {
            actualMissing = true
        }
        modelWeight += w
        if let sl = r.plannedAgentsAtActualServiceLevel { atPlanWeighted += w * sl } else { atPlanMissing = true }
        if let sl = r.modelledServiceLevel { atStaffWeighted += w * sl } else { staffedMissing = true }
    }

    // MARK: Figures

    /// Σ forecast − Σ actual.
    public var volumeError: Double { forecastVolume - actualVolume }
    /// Σ |F − Y| / Σ Y over the intervals (nil without contacts).
    public var intervalWAPE: Double? { actualVolume > 0 ? absoluteError / actualVolume : nil }
    /// (Σ F − Σ Y) / Σ Y: positive when the forecast was too high.
    public var bias: Double? { actualVolume > 0 ? volumeError / actualVolume : nil }
    /// Forecast AHT (forecast-volume weighted).
    public var forecastAHT: Double? { forecastVolume > 0 ? forecastWorkSeconds / forecastVolume : nil }
    /// Actual AHT (actual-volume weighted over intervals with a known AHT).
    public var actualAHT: Double? { actualVolumeWithAHT > 0 ? actualWorkSeconds / actualVolumeWithAHT : nil }
    /// (forecast AHT − actual AHT) / actual AHT.
    public var ahtError: Double? {
        guard let f = forecastAHT, let a = actualAHT, a > 0 else { return nil }
        return (f - a) / a
    }
    /// Abandoned ÷ offered.
    public var abandonRate: Double? { abandonKnown && actualVolume > 0 ? abandoned / actualVolume : nil }
    public var requiredAgentHours: Double? { requiredKnown ? requiredHours : nil }
    /// The target SL (volume-weighted when it varies).
    public var targetServiceLevel: Double? { targetWeight > 0 ? targetWeighted / targetWeight : nil }
    public var plannedServiceLevel: Double? { plannedWeight > 0 ? plannedWeighted / plannedWeight : nil }
    public var actualServiceLevel: Double? { actualWeight > 0 && !actualMissing ? actualWeighted / actualWeight : nil }
    /// SL of the planned agents at the actual workload.
    public var plannedAgentsAtActualServiceLevel: Double? {
        modelWeight > 0 && !atPlanMissing ? atPlanWeighted / modelWeight : nil
    }
    /// SL of the staffed agents at the actual workload.
    public var modelledServiceLevel: Double? {
        modelWeight > 0 && !staffedMissing ? atStaffWeighted / modelWeight : nil
    }
    /// Intervals with contacts and a service level that met the target, as a share.
    public var shareMeetingTarget: Double? {
        intervalsWithServiceLevel > 0 ? Double(intervalsMeetingTarget) / Double(intervalsWithServiceLevel) : nil
    }

    /// actual SL − planned SL.
    public var serviceLevelGap: Double? { actualServiceLevel.flatMap { a in plannedServiceLevel.map { a - $0 } } }
    /// The forecast part of the gap.
    public var gapForecast: Double? {
        plannedAgentsAtActualServiceLevel.flatMap { x in plannedServiceLevel.map { x - $0 } }
    }
    /// The delivery part of the gap.
    public var gapDelivery: Double? {
        modelledServiceLevel.flatMap { x in plannedAgentsAtActualServiceLevel.map { x - $0 } }
    }
    /// The rest of the gap (model, routing, intraday swings).
    public var gapOther: Double? { actualServiceLevel.flatMap { a in modelledServiceLevel.map { a - $0 } } }
}
