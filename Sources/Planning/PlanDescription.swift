import CCPlanBase
import ContactHistory
import Foundation

/// What a plan directory's `plan.json` says about its queues and the queueing assumptions of each
/// scenario: enough for another command (capacity, schedule) to re-evaluate the plan's intervals
/// with a different number of agents through ``IntervalStaffer``, as the plan itself would.
public struct PlanDescription: Sendable {
    /// One queue and channel of the plan.
    public struct Queue: Sendable, Hashable {
        public var queue: String
        public var channel: Channel
        /// The IANA time zone the plan's intervals are in.
        public var timeZone: String
        public var intervalMinutes: Int
    }

    /// The plan's queues in file order.
    public var queues: [Queue]
    /// The scenario names in file order.
    public var scenarios: [String]
    /// scenario → assumptions (key "" for the scenario's own, `queue\0channel` for overrides).
    var assumptions: [String: [String: PlanAssumptions]]

    /// The queue entry of `queue` (the first channel if several).
    public func queue(_ name: String) -> Queue? { queues.first { $0.queue == name } }

    /// The assumptions the plan used for `queue` on `channel` under `scenario` (nil for an unknown
    /// scenario).
    public func assumptions(scenario: String, queue: String, channel: Channel) -> PlanAssumptions? {
        guard let s = assumptions[scenario] else { return nil }
        return s[queue + "\u{0}" + channel.rawValue] ?? s[""]
    }

    /// An interval staffer with the plan's model and assumptions for `queue` under `scenario`.
    public func staffer(scenario: String, queue: String) -> IntervalStaffer? {
        guard let q = self.queue(queue), let a = assumptions(scenario: scenario, queue: queue, channel: q.channel) else { return nil }
        return IntervalStaffer(assumptions: a, channel: q.channel, intervalSeconds: Double(q.intervalMinutes) * 60, quantileLevels: [])
    }

    /// Reads `plan.json`.
    ///
    /// - Throws: ``FileIssue`` when the file is missing or is not a plan's description.
    /// - Complexity: O(size of the file).
    public static func load(_ path: String) throws(FileIssue) -> PlanDescription {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileIssue(file: path, message: "cannot read the plan's description") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let scenarioList = object["scenarios"] as? [[String: Any]], let queueList = object["queues"] as? [[String: Any]] else {
            throw FileIssue(file: path, message: "not a ccplan plan.json (no 'queues' and 'scenarios')")
        }
        var queues: [Queue] = []
        for q in queueList {
            guard let name = q["queue"] as? String, let channel = (q["channel"] as? String).flatMap(Channel.init(rawValue:)),
                  let zone = q["time_zone"] as? String, let minutes = (q["interval_minutes"] as? Double).flatMap({ Int(exactly: $0) }), minutes > 0 else {
                throw FileIssue(file: path, message: "a queue entry lacks queue, channel, time_zone or interval_minutes")
            }
            queues.append(Queue(queue: name, channel: channel, timeZone: zone, intervalMinutes: minutes))
        }
        var assumptions: [String: [String: PlanAssumptions]] = [:], names: [String] = []
        for s in scenarioList {
            guard let name = s["name"] as? String, let base = s["assumptions"] as? [String: Any] else {
                throw FileIssue(file: path, message: "a scenario lacks its name or assumptions")
            }
            names.append(name)
            assumptions[name, default: [:]][""] = Self.assumptions(base)
            for q in s["per_queue_assumptions"] as? [[String: Any]] ?? [] {
                if let queue = q["queue"] as? String, let channel = q["channel"] as? String, let a = q["assumptions"] as? [String: Any] {
                    assumptions[name, default: [:]][queue + "\u{0}" + channel] = Self.assumptions(a)
                }
            }
        }
        return PlanDescription(queues: queues, scenarios: names, assumptions: assumptions)
    }

    /// The queueing assumptions as `plan.json` writes them (``PlanJSON``); absent values keep
    /// their defaults.
    static func assumptions(_ json: [String: Any]) -> PlanAssumptions {
        var a = PlanAssumptions()
        if let sl = json["service_level"] as? [String: Any] {
            if let t = sl["answer_within_seconds"] as? Double { try? a.set("answer_within", to: shortestNumber(t)) }
            if let d = sl["definition"] as? String { try? a.set("sl_definition", to: d) }
            if sl.keys.contains("target") { a.targetServiceLevel = sl["target"] as? Double }
        }
        if let p = json["patience_seconds"] as? Double { try? a.set("patience", to: shortestNumber(p)) } else { a.patience = nil }
        if let c = json["chat_concurrency"] as? Double { try? a.set("concurrency", to: shortestNumber(c)) }
        if let s = json["shrinkage"] as? Double, s >= 0, s < 1 { a.shrinkage = s }
        if let o = json["max_occupancy"] as? Double, o > 0, o <= 1 { a.maxOccupancy = o }
        if let h = json["fte_hours_per_week"] as? Double, h > 0, h <= 168 { a.fteHoursPerWeek = h }
        a.costPerHour = json["cost_per_hour"] as? Double
        return a
    }
}
