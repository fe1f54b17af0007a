import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// The text of `ccplan monitor`'s CSV files. Empty cells mean "not known" (no staffed agents in
/// the actuals, no service level for deferred work).
public enum MonitorFiles {
    /// The header of `intervals.csv`.
    public static let intervalsHeader =
        "queue,channel,interval_start,forecast_volume,actual_volume,forecast_aht_seconds,"
        + "actual_aht_seconds,planned_agents,planned_scheduled_agents,required_agents,staffed_agents,"
        + "target_service_level,planned_service_level,actual_service_level,modelled_service_level,"
        + "planned_agents_at_actual_service_level,abandoned\n"

    /// The header of `daily.csv`, `weekly.csv` and `monthly.csv`.
    public static func periodHeader(_ period: RollUpPeriod) -> String {
        "queue,channel,\(period.rawValue),intervals,forecast_volume,actual_volume,volume_error,bias,interval_wape,"
            + "forecast_aht_seconds,actual_aht_seconds,aht_error,required_hours,planned_hours,scheduled_hours,staffed_hours,"
            + "target_service_level,planned_service_level,actual_service_level,share_meeting_target,abandon_rate,"
            + "sl_gap,sl_gap_forecast,sl_gap_delivery,sl_gap_other,status\n"
    }

    /// The rows of `intervals.csv` for one queue.
    ///
    /// - Complexity: O(intervals).
    public static func appendIntervalRows(_ q: QueueReview, to out: inout [UInt8]) {
        var prefix: [UInt8] = []
        appendCSVField(q.queue, to: &prefix)
        prefix.append(UInt8(ascii: ","))
        prefix.append(contentsOf: q.channel.rawValue.utf8)
        prefix.append(UInt8(ascii: ","))
        for r in q.intervals {
            out.append(contentsOf: prefix)
            appendISO8601(r.start, offset: r.utcOffset, to: &out)
            for value in [r.forecastVolume, r.actualVolume, r.forecastAHT] {
                comma(&out); appendShortestNumber(value, to: &out)
            }
            comma(&out); optional(r.actualAHT, 3, &out)
            comma(&out); appendInteger(Int64(r.plannedAgents), to: &out)
            comma(&out); appendInteger(Int64(r.plannedScheduledAgents), to: &out)
            comma(&out); if let n = r.requiredAgents { appendInteger(Int64(n), to: &out) }
            comma(&out); optional(r.staffedAgents, 3, &out)
            for value in [
                r.targetServiceLevel, r.plannedServiceLevel, r.actualServiceLevel, r.modelledServiceLevel,
                r.plannedAgentsAtActualServiceLevel,
            ] {
                comma(&out); optional(value, 6, &out)
            }
            comma(&out); if let ab = r.abandoned { appendShortestNumber(ab, to: &out) }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// The rows of a period file for one queue.
    ///
    /// - Complexity: O(periods).
    public static func appendPeriodRows(_ periods: [PeriodReview], to out: inout [UInt8]) {
        for r in periods {
            appendCSVField(r.queue, to: &out)
            comma(&out); out.append(contentsOf: r.channel.rawValue.utf8)
            comma(&out); out.append(contentsOf: r.label.utf8)
            comma(&out); appendInteger(Int64(r.intervals), to: &out)
            comma(&out); appendFixed(r.forecastVolume, 2, to: &out)
            comma(&out); appendFixed(r.actualVolume, 2, to: &out)
            comma(&out); appendFixed(r.volumeError, 2, to: &out)
            comma(&out); optional(r.bias, 4, &out)
            comma(&out); optional(r.intervalWAPE, 4, &out)
            comma(&out); optional(r.forecastAHT, 1, &out)
            comma(&out); optional(r.actualAHT, 1, &out)
            comma(&out); optional(r.ahtError, 4, &out)
            comma(&out); optional(r.requiredAgentHours, 2, &out)
            comma(&out); appendFixed(r.plannedHours, 2, to: &out)
            comma(&out); appendFixed(r.scheduledHours, 2, to: &out)
            comma(&out); optional(r.staffedHours, 2, &out)
            for value in [
                r.targetServiceLevel, r.plannedServiceLevel, r.actualServiceLevel, r.shareMeetingTarget,
                r.abandonRate,
            ] {
                comma(&out); optional(value, 4, &out)
            }
            for value in attribution(r) { comma(&out); optional(value, 4, &out) }
            comma(&out)
            out.append(
                contentsOf: (r.breaches.isEmpty ? "ok" : "breach: " + r.breaches.map(\.key).joined(separator: " ")).utf8
            )
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// The gap and its three parts as written (4 decimals): where all three parts exist, "other"
    /// takes the rounding residue (< 0.00005), so that the written parts add up to the written
    /// gap exactly.
    public static func attribution(_ r: PeriodReview) -> [Double?] {
        func units(_ x: Double?) -> Double? { x.map { ($0 * 1e4).rounded() } }
        guard let gap = units(r.serviceLevelGap), let f = units(r.gapForecast), let d = units(r.gapDelivery),
            r.gapOther != nil
        else {
            return [r.serviceLevelGap, r.gapForecast, r.gapDelivery, r.gapOther]
        }
        return [gap / 1e4, f / 1e4, d / 1e4, (gap - f - d) / 1e4]
    }

    @inline(__always) static func comma(_ out: inout [UInt8]) { out.append(UInt8(ascii: ",")) }

    @inline(__always) static func optional(_ x: Double?, _ digits: Int, _ out: inout [UInt8]) {
        if let x, x.isFinite { appendFixed(x, digits, to: &out) }
    }
}
