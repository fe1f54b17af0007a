import CCPlanBase
import ContactHistory
import Foundation

/// The text of the plan's CSV files. Every number is deterministic text; empty cells mean
/// "not applicable" (no service level for deferred work, an unbounded ASA).
public enum PlanFiles {
    /// The header of `intervals.csv` for the forecast's upper quantile level.
    public static func intervalsHeader(upperLevel: Double?) -> String {
        let upper = upperLevel.map { "agents_\(quantileName($0))" } ?? "agents_upper"
        return
            "scenario,queue,channel,interval_start,volume,aht_seconds,agents,scheduled_agents,service_level,asa_seconds,abandon_rate,occupancy,\(upper),expected_service_level\n"
    }

    /// Appends the rows of `intervals.csv` for one queue under one scenario. Volume and AHT are
    /// printed in shortest round-trip form, so `ccplan erlang` on a row's own volume and AHT
    /// reproduces its agents exactly (with `staff_to: point`).
    ///
    /// - Complexity: O(intervals).
    public static func appendIntervalRows(_ q: QueuePlan, to out: inout [UInt8]) {
        var prefix: [UInt8] = []
        appendCSVField(q.scenario, to: &prefix)
        prefix.append(comma)
        appendCSVField(q.queue, to: &prefix)
        prefix.append(comma)
        prefix.append(contentsOf: q.channel.rawValue.utf8)
        prefix.append(comma)
        out.reserveCapacity(out.count + q.intervals.count * (prefix.count + 100))
        for i in q.intervals {
            let s = i.staffing
            out.append(contentsOf: prefix)
            appendISO8601(i.start, offset: i.utcOffset, to: &out)
            out.append(comma)
            appendShortestNumber(s.volume, to: &out)
            out.append(comma)
            appendShortestNumber(s.ahtSeconds, to: &out)
            out.append(comma)
            appendInteger(Int64(s.agents), to: &out)
            out.append(comma)
            appendInteger(Int64(s.scheduledAgents), to: &out)
            out.append(comma)
            appendFixed(s.serviceLevel, 6, to: &out)
            out.append(comma)
            appendFixed(s.asaSeconds, 3, to: &out)
            out.append(comma)
            appendFixed(s.abandonRate, 6, to: &out)
            out.append(comma)
            appendFixed(s.occupancy, 6, to: &out)
            out.append(comma)
            appendInteger(Int64(s.agentsUpper), to: &out)
            out.append(comma)
            appendFixed(s.expectedServiceLevel, 6, to: &out)
            out.append(newline)
        }
    }

    /// The header of `daily.csv`, `weekly.csv` or `monthly.csv`.
    public static func rollUpHeader(_ period: RollUpPeriod) -> String {
        "scenario,queue,channel,\(period.rawValue),days,volume,workload_hours,agent_hours,scheduled_hours,fte,peak_agents,peak_scheduled_agents,service_level,expected_service_level,cost\n"
    }

    /// Appends the rows of a roll-up file.
    ///
    /// - Complexity: O(periods).
    public static func appendRollUpRows(_ totals: [PeriodTotals], to out: inout [UInt8]) {
        for t in totals {
            appendCSVField(t.scenario, to: &out)
            out.append(comma)
            appendCSVField(t.queue, to: &out)
            out.append(comma)
            out.append(contentsOf: t.channel.rawValue.utf8)
            out.append(comma)
            out.append(contentsOf: t.period.utf8)
            out.append(comma)
            appendInteger(Int64(t.days), to: &out)
            for x in [t.volume, t.workloadHours, t.agentHours, t.scheduledHours, t.fte] {
                out.append(comma)
                appendFixed(x, 2, to: &out)
            }
            out.append(comma)
            appendInteger(Int64(t.peakAgents), to: &out)
            out.append(comma)
            appendInteger(Int64(t.peakScheduledAgents), to: &out)
            out.append(comma)
            appendFixed(t.serviceLevel, 4, to: &out)
            out.append(comma)
            appendFixed(t.expectedServiceLevel, 4, to: &out)
            out.append(comma)
            appendFixed(t.cost, 2, to: &out)
            out.append(newline)
        }
    }

    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")

    /// ``CCPlanBase/appendFixed(_:_:to:)`` of a value, nothing (an empty cell) for nil.
    @inline(__always)
    private static func appendFixed(_ x: Double?, _ digits: Int, to out: inout [UInt8]) {
        if let x { CCPlanBase.appendFixed(x, digits, to: &out) }
    }

    /// One scenario's totals per month over every queue.
    public struct ScenarioMonth: Sendable {
        public var scenario: String
        /// `YYYY-MM`, or `total` for the whole horizon.
        public var month: String
        public var volume: Double
        public var scheduledHours: Double
        /// The month's FTE summed over queues; for `total`, the average monthly FTE.
        public var fte: Double
        public var cost: Double?
        /// Volume-weighted over queues (and months).
        public var expectedServiceLevel: Double?
    }

    /// Per scenario: a row per month and a `total` row, summed over queues.
    ///
    /// - Complexity: O(months × rows).
    public static func scenarioMonths(_ monthly: [PeriodTotals], scenarios: [String]) -> [ScenarioMonth] {
        func summed(_ rows: [PeriodTotals], _ scenario: String, _ month: String, fte: Double) -> ScenarioMonth {
            let costs = rows.compactMap(\.cost)
            let withSL = rows.filter { $0.expectedServiceLevel != nil }
            let slVolume = withSL.reduce(0) { $0 + $1.volume }
            return ScenarioMonth(
                scenario: scenario, month: month, volume: rows.reduce(0) { $0 + $1.volume },
                scheduledHours: rows.reduce(0) { $0 + $1.scheduledHours }, fte: fte,
                cost: costs.isEmpty ? nil : costs.reduce(0, +),
                expectedServiceLevel: slVolume > 0
                    ? withSL.reduce(0) { $0 + $1.expectedServiceLevel! * $1.volume } / slVolume : nil)
        }
        let months = Set(monthly.map(\.period)).sorted()
        let byScenario = PlanJSON.byScenario(monthly)  // once, not a filter per scenario (O(scenarios²))
        var out: [ScenarioMonth] = []
        for scenario in scenarios {
            let rows = byScenario[scenario] ?? []
            let perMonth = months.compactMap { month -> ScenarioMonth? in
                let inMonth = rows.filter { $0.period == month }
                return inMonth.isEmpty ? nil : summed(inMonth, scenario, month, fte: inMonth.reduce(0) { $0 + $1.fte })
            }
            guard !perMonth.isEmpty else { continue }
            out += perMonth
            out.append(
                summed(rows, scenario, "total", fte: perMonth.reduce(0) { $0 + $1.fte } / Double(perMonth.count)))
        }
        return out
    }

    /// `scenarios.csv`: every scenario's monthly totals next to the base's.
    public static func scenarios(_ rows: [ScenarioMonth], base: String) -> String {
        var baseRows: [String: ScenarioMonth] = [:]
        for r in rows where r.scenario == base { baseRows[r.month] = r }
        var out =
            "scenario,month,volume,scheduled_hours,fte,cost,expected_service_level,fte_vs_base,fte_vs_base_pct,scheduled_hours_vs_base,cost_vs_base\n"
        for r in rows {
            let b = baseRows[r.month]
            let dFTE = b.map { r.fte - $0.fte }
            let pct = b.flatMap { $0.fte > 0 ? (r.fte - $0.fte) / $0.fte * 100 : nil }
            let dHours = b.map { r.scheduledHours - $0.scheduledHours }
            let dCost: Double? = (r.cost != nil && b?.cost != nil) ? r.cost! - b!.cost! : nil
            out +=
                "\(csvField(r.scenario)),\(r.month),\(fixed(r.volume, 2)),\(fixed(r.scheduledHours, 2)),\(fixed(r.fte, 2)),"
            out +=
                [
                    r.cost.map { fixed($0, 2) }, r.expectedServiceLevel.map { fixed($0, 4) }, dFTE.map { fixed($0, 2) },
                    pct.map { fixed($0, 2) }, dHours.map { fixed($0, 2) }, dCost.map { fixed($0, 2) },
                ]
                .map { $0 ?? "" }.joined(separator: ",") + "\n"
        }
        return out
    }
}
