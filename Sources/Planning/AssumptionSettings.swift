import CCPlanBase
import Queueing

extension PlanAssumptions {
    /// The setting names of scenario files (and the `--flag` names of `ccplan plan` without `--`,
    /// with `_` for `-`), in the order the README documents them.
    public static let settingKeys = [
        "answer_within", "target_sl", "sl_definition", "target_asa", "max_abandon", "max_occupancy",
        "patience", "shrinkage", "fte_hours", "cost_per_hour", "staff_to", "concurrency", "response_within",
        "volume_factor", "aht_factor", "aht_delta",
    ]

    /// Sets one assumption from its text, as written in a scenario file: durations as `20s`,
    /// `2m`, `1h` (or seconds), fractions as `0.8` or `80%`, `none` to remove an optional target.
    ///
    /// - Throws: ``PlanError/badAssumption(key:reason:)`` naming the key, for an unknown key or a
    ///   value out of its domain (shrinkage 1.2, a target SL of 100%, …).
    public mutating func set(_ key: String, to text: String) throws(PlanError) {
        let value = text.trimmingSpaces
        let isNone = value.lowercased() == "none" || value.lowercased() == "null" || value == "~"
        func bad(_ why: String) -> PlanError { .badAssumption(key: key, reason: why) }
        func duration() throws(PlanError) -> Double {
            do { return try DurationText.seconds(value) } catch { throw bad(error.description) }
        }
        func number() throws(PlanError) -> Double {
            guard let x = Double(value), x.isFinite else { throw bad("expected a number, got '\(text)'") }
            return x
        }
        /// The queueing models' own range check (QueueingLimits), as this key's error.
        func queueing(_ check: () throws(StaffingError) -> Void) throws(PlanError) {
            do { try check() } catch {
                if case .invalidParameter(_, let reason) = error { throw bad(reason) }
                throw bad("\(error)")
            }
        }
        /// A fraction (`0.8` or `80%`) in the interval 0…1, each end open or closed.
        func fraction(openBelow: Bool, openAbove: Bool) throws(PlanError) -> Double {
            let x: Double
            do { x = try FractionText.value(value) } catch { throw bad("expected a number, got '\(text)'") }
            let inside = (openBelow ? x > 0 : x >= 0) && (openAbove ? x < 1 : x <= 1)
            guard inside else {
                throw bad("must be in \(openBelow ? "(" : "[")0, 1\(openAbove ? ")" : "]"), got \(value)")
            }
            return x
        }
        switch key {
        case "answer_within": answerWithin = try duration()
        case "target_sl": targetServiceLevel = isNone ? nil : try fraction(openBelow: true, openAbove: true)
        case "sl_definition":
            guard let d = ServiceLevelDefinition(rawValue: value.lowercased()) else {
                throw bad("expected offered, answered or virtual, got '\(text)'")
            }
            serviceLevelDefinition = d
        case "target_asa":
            if isNone {
                targetASA = nil
            } else {
                let d = try duration()
                guard d > 0 else { throw bad("must be a positive duration") }
                targetASA = d
            }
        case "max_abandon": maxAbandon = isNone ? nil : try fraction(openBelow: true, openAbove: true)
        case "max_occupancy":
            if isNone {
                maxOccupancy = nil
            } else {
                let x = try fraction(openBelow: true, openAbove: false)
                try queueing { () throws(StaffingError) in
                    try StaffingTargets(answerWithin: 0, serviceLevel: nil, maxOccupancy: x).validate()
                }
                maxOccupancy = x
            }
        case "patience":
            if isNone {
                patience = nil
                estimatePatience = false
            } else if value.lowercased() == "estimate" {
                patience = nil
                estimatePatience = true
            } else {
                let d = try duration()
                guard d > 0 else { throw bad("must be a positive duration, 'estimate' or 'none'") }
                patience = d
            }
        case "shrinkage":
            let x = try fraction(openBelow: false, openAbove: true)
            try queueing { () throws(StaffingError) in try Shrinkage.validate(x) }
            shrinkage = x
        case "fte_hours":
            let x = try number()
            guard x > 0, x <= 168 else { throw bad("must be in (0, 168] hours per week, got \(value)") }
            fteHoursPerWeek = x
        case "cost_per_hour":
            if isNone {
                costPerHour = nil
            } else {
                let x = try number()
                guard x >= 0 else { throw bad("must be ≥ 0, got \(value)") }
                costPerHour = x
            }
        case "staff_to":
            guard let s = StaffTo(rawValue: value.lowercased()) else {
                throw bad("expected point, p90 or expected-sl, got '\(text)'")
            }
            staffTo = s
        case "concurrency":
            let x = try number()
            try queueing { () throws(StaffingError) in try ChatStaffing.validate(concurrency: x) }
            chatConcurrency = x
        case "response_within":
            let d = try duration()
            guard d > 0 else { throw bad("must be a positive duration") }
            responseWindow = d
        case "volume_factor":
            let x = try number()
            guard x >= 0 else { throw bad("must be ≥ 0, got \(value)") }
            volumeFactor = x
        case "aht_factor":
            let x = try number()
            guard x > 0 else { throw bad("must be > 0, got \(value)") }
            ahtFactor = x
        case "aht_delta":
            if value.hasPrefix("-") {
                let d: Double
                do { d = try DurationText.seconds(String(value.dropFirst())) } catch { throw bad(error.description) }
                ahtDelta = -d
            } else {
                ahtDelta = try duration()
            }
        default:
            throw bad("unknown setting (known: \(PlanAssumptions.settingKeys.joined(separator: ", ")))")
        }
    }
}
