import CCPlanBase
import Foundation
import Optimization
import XCTest

@testable import Scheduling

/// A small plan directory written by a test: `plan.json` with one or more voice queues and
/// `intervals.csv` for one week from Monday 2026-11-02 (and the next), agents and volumes given
/// per interval index from Monday 00:00.
struct TinyPlan {
    var zone = "UTC"
    var intervalMinutes = 60
    var monday = CivilDate(year: 2026, month: 11, day: 2)!
    var queues = ["q"]
    /// Queue → interval index → plan agents.
    var agents: [String: [Int: Int]] = [:]
    /// Queue → interval index → (volume, AHT seconds); agents default to Erlang C 80/20 if absent.
    var loads: [String: [Int: (volume: Double, aht: Double)]] = [:]
    var target = 0.8
    var answerWithin = 20.0

    /// Writes the directory and returns its path.
    func write(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let queueJSON = queues.map {
            "{\"queue\": \"\($0)\", \"channel\": \"voice\", \"time_zone\": \"\(zone)\", \"interval_minutes\": \(intervalMinutes)}"
        }.joined(separator: ", ")
        let plan = """
            {"queues": [\(queueJSON)],
             "scenarios": [{"name": "base", "assumptions": {"service_level": {"target": \(target), "answer_within_seconds": \(answerWithin), "definition": "offered"},
                            "patience_seconds": null, "chat_concurrency": 1, "staff_to": "point", "shrinkage": 0,
                            "fte_hours_per_week": 37.5, "email_response_window_seconds": 14400}, "per_queue_assumptions": []}]}
            """
        try plan.write(toFile: path + "/plan.json", atomically: true, encoding: .utf8)
        var clock = ZoneClock(TimeZone(identifier: zone)!)
        let start: Int64
        switch clock.resolve(local: Int64(monday.dayNumber) * 86_400) {
        case .unique(let t), .ambiguous(let t, _): start = t
        case .gap: fatalError("no midnight")
        }
        let count = 14 * 24 * 60 / intervalMinutes + 4  // two weeks and a margin for clock changes
        var csv = "scenario,queue,channel,interval_start,volume,aht_seconds,agents,scheduled_agents,service_level\n"
        for q in queues {
            for i in 0..<count {
                let t = start + Int64(i * intervalMinutes * 60)
                let load = loads[q]?[i] ?? (0, 300)
                let n = agents[q]?[i] ?? 0
                csv +=
                    "base,\(q),voice,\(iso8601(t, offset: Int(clock.offset(at: t)))),\(load.volume),\(load.aht),\(n),\(n),1\n"
            }
        }
        try csv.write(toFile: path + "/intervals.csv", atomically: true, encoding: .utf8)
        return path
    }

    /// Interval index of `day` (0 = Monday) at `hour` (UTC plans).
    func index(day: Int, hour: Double) -> Int { Int((Double(day) * 24 + hour) * 60) / intervalMinutes }
}

/// Solves `yaml` against `plan` for the week of Monday 2026-11-02.
func schedule(
    _ yaml: String, _ plan: TinyPlan, in dir: URL, objective: ScheduleObjective = .coverage, target: Double? = nil,
    gap: Double = 0
) throws -> (schedule: WeekSchedule, rules: ShiftRules) {
    let rules = try ShiftFile.parse(yaml: yaml, path: "shifts.yaml")
    let demand = try PlanDemand.load(directory: try plan.write(in: dir), scenario: nil)
    let week = try demand.week(plan.monday, rules.groups[0], otherShrinkage: rules.otherShrinkage)
    let options = SolveOptions(timeLimit: 60, relativeGap: gap)
    let cover = try Scheduler.solve(week, rules: rules, objective: .coverage, options: options)
    if objective == .coverage { return (cover, rules) }
    return (
        try Scheduler.solve(
            week, rules: rules, objective: objective, target: target, options: options, warmStart: cover), rules
    )
}

func scratchDirectory(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "ccplan-sched-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}
