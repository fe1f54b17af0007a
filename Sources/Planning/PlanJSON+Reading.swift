import CCPlanBase
import ContactHistory
import Foundation
import Queueing

/// What `plan.json` says about a plan, read back: the queues and, per scenario, the assumptions
/// each queue was planned under (what `ccplan monitor` needs to re-apply the plan's own model).
public struct PlanDescription: Sendable {
    /// One planned queue and channel.
    public struct Queue: Sendable, Hashable {
        public var queue: String
        public var channel: Channel
        public var timeZone: TimeZone
        public var intervalMinutes: Int
    }

    /// The plan's title.
    public var title: String
    /// The queues, in file order.
    public var queues: [Queue]
    /// Scenario name → (assumptions of every queue not listed per queue, per-queue assumptions).
    public var scenarios: [String: (base: PlanAssumptions, perQueue: [String: PlanAssumptions])]
    /// The scenario names in file order.
    public var scenarioNames: [String]

    /// The assumptions `queue`/`channel` was planned under in `scenario`.
    public func assumptions(scenario: String, queue: String, channel: Channel) -> PlanAssumptions? {
        guard let s = scenarios[scenario] else { return nil }
        return s.perQueue["\(queue)\u{1F}\(channel.rawValue)"] ?? s.base
    }

    /// Reads `plan.json` (as ``PlanJSON`` writes it).
    ///
    /// - Throws: a ``FileIssue`` naming the file and what is missing or malformed.
    /// - Complexity: O(size of the file).
    public static func read(path: String) throws(FileIssue) -> PlanDescription {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileIssue(file: path, message: "cannot read the file")
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw FileIssue(file: path, message: "not a ccplan plan.json (not a JSON object)")
        }
        func fail(_ what: String) -> FileIssue { FileIssue(file: path, message: "not a ccplan plan.json: \(what)") }
        guard let queueList = root["queues"] as? [[String: Any]],
            let scenarioList = root["scenarios"] as? [[String: Any]]
        else {
            throw fail("'queues' and 'scenarios' are missing")
        }
        var queues: [Queue] = []
        for q in queueList {
            guard let name = q["queue"] as? String, let channelText = q["channel"] as? String,
                let channel = Channel(rawValue: channelText), let zoneName = q["time_zone"] as? String,
                let zone = TimeZone(identifier: zoneName), let minutes = q["interval_minutes"] as? Int, minutes > 0
            else { throw fail("a queue entry lacks queue, channel, time_zone or interval_minutes") }
            queues.append(Queue(queue: name, channel: channel, timeZone: zone, intervalMinutes: minutes))
        }
        var scenarios: [String: (base: PlanAssumptions, perQueue: [String: PlanAssumptions])] = [:]
        var names: [String] = []
        for s in scenarioList {
            guard let name = s["name"] as? String, let assumptions = s["assumptions"] as? [String: Any],
                let base = PlanAssumptions(planJSON: assumptions)
            else { throw fail("a scenario lacks its name or assumptions") }
            var perQueue: [String: PlanAssumptions] = [:]
            for entry in s["per_queue_assumptions"] as? [[String: Any]] ?? [] {
                guard let queue = entry["queue"] as? String, let channel = entry["channel"] as? String,
                    let a = (entry["assumptions"] as? [String: Any]).flatMap(PlanAssumptions.init(planJSON:))
                else { throw fail("scenario '\(name)' has a malformed per-queue entry") }
                perQueue["\(queue)\u{1F}\(channel)"] = a
            }
            scenarios[name] = (base, perQueue)
            names.append(name)
        }
        return PlanDescription(
            title: root["title"] as? String ?? "", queues: queues, scenarios: scenarios, scenarioNames: names)
    }
}

extension PlanAssumptions {
    /// The assumptions as `plan.json` records them (``PlanJSON/assumptionsJSON(_:)``); nil when a
    /// required key is missing.
    public init?(planJSON a: [String: Any]) {
        self.init()
        func number(_ key: String) -> Double? { (a[key] as? NSNumber)?.doubleValue }
        guard let sl = a["service_level"] as? [String: Any],
            let within = (sl["answer_within_seconds"] as? NSNumber)?.doubleValue,
            let definitionText = sl["definition"] as? String,
            let definition = ServiceLevelDefinition(rawValue: definitionText),
            let staffTo = (a["staff_to"] as? String).flatMap(StaffTo.init(rawValue:)),
            let shrinkage = number("shrinkage"), let fteHours = number("fte_hours_per_week"),
            let concurrency = number("chat_concurrency"), let window = number("email_response_window_seconds")
        else { return nil }
        answerWithin = within
        targetServiceLevel = (sl["target"] as? NSNumber)?.doubleValue
        serviceLevelDefinition = definition
        targetASA = number("max_asa_seconds")
        maxAbandon = number("max_abandon_rate")
        maxOccupancy = number("max_occupancy")
        patience = number("patience_seconds")
        // The plan recorded the patience it used (estimated or given): nothing more to estimate.
        estimatePatience = false
        self.staffTo = staffTo
        self.shrinkage = shrinkage
        fteHoursPerWeek = fteHours
        costPerHour = number("cost_per_hour")
        chatConcurrency = concurrency
        responseWindow = window
        volumeFactor = number("volume_factor") ?? 1
        ahtFactor = number("aht_factor") ?? 1
        ahtDelta = number("aht_delta_seconds") ?? 0
    }
}
