import CCPlanBase
import ContactHistory
import Foundation
import Queueing

/// `plan.json`: the assumptions with their definitions, the provenance and the roll-ups.
public enum PlanJSON {
    static func render(_ result: PlanResult, inputs: PlanInputs) -> [UInt8] {
        var fileEntries: [JSONText] = []
        let paths = (inputs.forecastPath.map { [$0] } ?? inputs.historyPaths) + inputs.otherInputs
        for path in paths {
            guard let digest = fileSHA256(path) else { continue }
            fileEntries.append(
                .object([("path", .string(path)), ("bytes", .integer(digest.bytes)), ("sha256", .string(digest.hex))]))
        }
        let queues: [JSONText] = result.forecasts.map { f in
            .object([
                ("queue", .string(f.queue)), ("channel", .string(f.channel.rawValue)),
                ("time_zone", .string(f.timeZone.identifier)),
                ("interval_minutes", .integer(f.intervalMinutes)),
                ("forecast_model", .string(f.model)), ("backtest_wape", .finite(f.backtestWAPE)),
                ("estimated_patience_seconds", .finite(f.estimatedPatienceSeconds)),
                ("history_first_date", .text(f.trainingFirstDate?.description)),
                ("history_last_date", .text(f.trainingLastDate?.description)),
                ("horizon_first_interval", .text(f.intervals.first?.isoStart)),
                ("horizon_last_interval", .text(f.intervals.last?.isoStart)),
                ("quantile_levels", .array(f.quantileLevels.map { .number($0) })),
            ])
        }
        // The roll-ups grouped by scenario once (filtering them per scenario was O(scenarios²)).
        let (monthly, weekly, daily) = (byScenario(result.monthly), byScenario(result.weekly), byScenario(result.daily))
        let scenarios: [JSONText] = result.scenarios.map { s in
            let assumptions = s.queues.first?.assumptions ?? inputs.assumptions
            func totals(_ groups: [String: [PeriodTotals]]) -> JSONText {
                .array((groups[s.name] ?? []).map(periodJSON))
            }
            return .object([
                ("name", .string(s.name)), ("description", .text(s.description)),
                ("assumptions", assumptionsJSON(assumptions)),
                (
                    "per_queue_assumptions",
                    .array(
                        s.queues.filter { $0.assumptions != assumptions }.map {
                            .object([
                                ("queue", .string($0.queue)), ("channel", .string($0.channel.rawValue)),
                                ("assumptions", assumptionsJSON($0.assumptions)),
                            ])
                        })
                ),
                ("monthly", totals(monthly)), ("weekly", totals(weekly)), ("daily", totals(daily)),
            ])
        }
        let generated = ISO8601DateFormatter().string(from: inputs.generatedAt)
        var bytes: [UInt8] = []
        JSONText.object([
            ("title", .string(inputs.title)),
            ("ccplan_version", .string(PlanningVersion.current)),
            ("generated_at", .string(generated)),
            ("inputs", .array(fileEntries)),
            ("queues", .array(queues)),
            ("scenarios", .array(scenarios)),
        ]).appendRendered(to: &bytes)
        return bytes
    }

    /// Totals grouped by scenario, each group in the order of `totals`.
    static func byScenario(_ totals: [PeriodTotals]) -> [String: [PeriodTotals]] {
        Dictionary(grouping: totals, by: \.scenario)
    }

    /// The assumptions with their definitions, as `plan.json` records them (and batch manifests
    /// per queue); read back by `PlanAssumptions(planJSON:)`.
    public static func assumptionsJSON(_ a: PlanAssumptions) -> JSONText {
        let definition: String
        switch a.serviceLevelDefinition {
        case .offered:
            definition = "contacts answered within the threshold ÷ all contacts offered (abandons count as misses)"
        case .answered: definition = "contacts answered within the threshold ÷ contacts answered"
        case .virtual:
            definition = "probability that the wait of a contact with unlimited patience is within the threshold"
        }
        return .object([
            (
                "service_level",
                .object([
                    ("target", .finite(a.targetServiceLevel)), ("answer_within_seconds", .number(a.answerWithin)),
                    ("definition", .string(a.serviceLevelDefinition.rawValue)), ("meaning", .string(definition)),
                ])
            ),
            ("max_asa_seconds", .finite(a.targetASA)),
            ("max_abandon_rate", .finite(a.maxAbandon)),
            ("max_occupancy", .finite(a.maxOccupancy)),
            ("patience_seconds", .finite(a.patience)),
            (
                "staffing_model",
                .string(
                    a.patience == nil
                        ? "Erlang C (voice), Erlang C over agents × concurrency slots (chat), deferred work (email)"
                        : "Erlang A with mean patience \(JSONText.format(a.patience!)) s (voice; chat over slots), deferred work (email)"
                )
            ),
            ("staff_to", .string(a.staffTo.rawValue)),
            ("shrinkage", .number(a.shrinkage)),
            ("fte_hours_per_week", .number(a.fteHoursPerWeek)),
            ("cost_per_hour", .finite(a.costPerHour)),
            ("chat_concurrency", .number(a.chatConcurrency)),
            ("email_response_window_seconds", .number(a.responseWindow)),
            ("volume_factor", .number(a.volumeFactor)),
            ("aht_factor", .number(a.ahtFactor)),
            ("aht_delta_seconds", .number(a.ahtDelta)),
        ])
    }

    static func periodJSON(_ t: PeriodTotals) -> JSONText {
        func r(_ x: Double, _ digits: Int) -> JSONText {
            .number((x * pow(10, Double(digits))).rounded() / pow(10, Double(digits)))
        }
        return .object([
            ("queue", .string(t.queue)), ("channel", .string(t.channel.rawValue)), ("period", .string(t.period)),
            ("days", .integer(t.days)), ("volume", r(t.volume, 2)), ("workload_hours", r(t.workloadHours, 2)),
            ("agent_hours", r(t.agentHours, 2)), ("scheduled_hours", r(t.scheduledHours, 2)), ("fte", r(t.fte, 2)),
            ("peak_agents", .integer(t.peakAgents)), ("peak_scheduled_agents", .integer(t.peakScheduledAgents)),
            ("service_level", t.serviceLevel.map { r($0, 4) } ?? .null),
            ("expected_service_level", t.expectedServiceLevel.map { r($0, 4) } ?? .null),
            ("cost", t.cost.map { r($0, 2) } ?? .null),
        ])
    }
}

/// The ccplan version recorded in plan provenance (kept equal to `ccplan --version`).
public enum PlanningVersion {
    public static let current = "0.1.0"
}
