import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// What a monitoring run read, for `monitor.json`'s provenance.
public struct MonitorProvenance: Sendable {
    /// The plan directory, the scenario and the SHA-256 of its plan.json and intervals.csv.
    public var planPath: String
    public var scenario: String
    public var planDescriptionSHA256: String
    public var planIntervalsSHA256: String
    /// Actuals (interval exports or per-contact records): path, bytes and SHA-256.
    public var inputs: [(role: String, path: String, bytes: Int, sha256: String)]
    public var tolerancesPath: String?
    public var tolerances: Tolerances
    public var version: String
    public var generatedAt: String

    public init(
        planPath: String, scenario: String, planDescriptionSHA256: String, planIntervalsSHA256: String,
        inputs: [(role: String, path: String, bytes: Int, sha256: String)], tolerancesPath: String?,
        tolerances: Tolerances, version: String, generatedAt: String
    ) {
        self.planPath = planPath
        self.scenario = scenario
        self.planDescriptionSHA256 = planDescriptionSHA256
        self.planIntervalsSHA256 = planIntervalsSHA256
        self.inputs = inputs
        self.tolerancesPath = tolerancesPath
        self.tolerances = tolerances
        self.version = version
        self.generatedAt = generatedAt
    }
}

/// `monitor.json`: provenance, tolerances, and per queue the monthly and weekly results, the
/// breaches and the patience estimate.
public enum MonitorJSON {
    /// - Complexity: O(periods).
    public static func render(_ result: MonitorResult, provenance p: MonitorProvenance) -> String {
        func limits(_ l: Tolerances.Limits) -> JSONText {
            .object([
                ("volume", .finite(l.volume)), ("service_level_points", .finite(l.serviceLevelPoints)),
                ("abandon_rate", .finite(l.abandonRate)), ("interval_wape", .finite(l.intervalWAPE)),
            ])
        }
        func tolerances(_ t: Tolerances) -> JSONText {
            .object(
                [("all_periods", limits(t.all))]
                    + RollUpPeriod.allCases.compactMap { period in
                        t.byPeriod[period].map { (period.rawValue, limits($0)) }
                    }
                    + (t.perQueue.isEmpty
                        ? []
                        : [("queues", .object(t.perQueue.keys.sorted().map { ($0, tolerances(t.perQueue[$0]!)) }))]))
        }
        func period(_ r: PeriodReview) -> JSONText {
            let parts = MonitorFiles.attribution(r)
            return .object([
                ("period", .string(r.label)), ("intervals", .integer(r.intervals)),
                ("forecast_volume", .number(round2(r.forecastVolume))),
                ("actual_volume", .number(round2(r.actualVolume))),
                ("bias", .finite(r.bias.map(round4))), ("interval_wape", .finite(r.intervalWAPE.map(round4))),
                ("aht_error", .finite(r.ahtError.map(round4))),
                ("required_hours", .finite(r.requiredAgentHours.map(round2))),
                ("planned_hours", .number(round2(r.plannedHours))),
                ("staffed_hours", .finite(r.staffedHours.map(round2))),
                ("target_service_level", .finite(r.targetServiceLevel.map(round4))),
                ("planned_service_level", .finite(r.plannedServiceLevel.map(round4))),
                ("actual_service_level", .finite(r.actualServiceLevel.map(round4))),
                ("abandon_rate", .finite(r.abandonRate.map(round4))),
                ("sl_gap", .finite(parts[0])), ("sl_gap_forecast", .finite(parts[1])),
                ("sl_gap_delivery", .finite(parts[2])), ("sl_gap_other", .finite(parts[3])),
                (
                    "breaches",
                    .array(
                        r.breaches.map { b in
                            .object([
                                ("tolerance", .string(b.key)), ("value", .number(round4(b.value))),
                                ("limit", .number(b.limit)),
                            ])
                        })
                ),
            ])
        }
        let queues: [JSONText] = result.queues.map { q in
            .object([
                ("queue", .string(q.queue)), ("channel", .string(q.channel.rawValue)),
                ("intervals_reviewed", .integer(q.intervals.count)),
                ("actual_intervals_outside_the_plan", .integer(q.unmatchedIntervals)),
                ("patience_seconds", .finite(q.patience.map { round2($0.seconds) })),
                ("patience_standard_error_seconds", .finite(q.patience.map { round2($0.standardError) })),
                ("monthly", .array(q.monthly.map(period))), ("weekly", .array(q.weekly.map(period))),
            ])
        }
        let breaches = result.breaches
        return JSONText.object([
            ("ccplan_version", .string(p.version)),
            ("generated_at", .string(p.generatedAt)),
            ("status", .string(breaches.isEmpty ? "within_tolerance" : "tolerance_breached")),
            (
                "plan",
                .object([
                    ("path", .string(p.planPath)), ("scenario", .string(p.scenario)),
                    ("plan_json_sha256", .string(p.planDescriptionSHA256)),
                    ("intervals_csv_sha256", .string(p.planIntervalsSHA256)),
                ])
            ),
            (
                "inputs",
                .array(
                    p.inputs.map { i in
                        .object([
                            ("role", .string(i.role)), ("path", .string(i.path)), ("bytes", .integer(i.bytes)),
                            ("sha256", .string(i.sha256)),
                        ])
                    })
            ),
            ("tolerances", .object([("path", .text(p.tolerancesPath)), ("limits", tolerances(p.tolerances))])),
            ("breaches", .integer(breaches.count)),
            (
                "unmatched_actuals",
                .array(
                    result.unmatched.map { u in
                        .object([
                            ("queue", .string(u.queue)), ("channel", .string(u.channel.rawValue)),
                            ("intervals", .integer(u.intervals)),
                            ("reason", .string(u.reason)),
                        ])
                    })
            ),
            ("queues", .array(queues)),
        ]).rendered()
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
