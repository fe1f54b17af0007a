import CCPlanBase
import ContactHistory
import Foundation
import Planning
import Queueing

/// The load of one queue in one interval, as the plan sized it.
public struct QueueLoad: Sendable, Hashable {
    /// Index into ``WeekDemand/queues``.
    public var queue: Int
    public var volume: Double
    public var ahtSeconds: Double
    /// Agents on the phones the plan requires (its `agents` column).
    public var agents: Int
}

/// One interval of a week: its requirement and the load behind it.
public struct DemandInterval: Sendable, Hashable {
    /// Seconds since 1970 UTC.
    public var start: Int64
    /// The UTC offset at the start, seconds (for writing local times).
    public var offset: Int
    /// Σ of the group's plan agents (on the phones).
    public var planAgents: Int
    /// Agents the schedule must put on the floor: ⌈planAgents / (1 − other shrinkage)⌉.
    public var required: Int
    public var loads: [QueueLoad]
}

/// A group's demand in one week (Monday 00:00 to the next Monday 00:00, local time).
public struct WeekDemand: Sendable {
    public var group: ScheduleGroup
    /// The Monday.
    public var monday: CivilDate
    public var timeZone: TimeZone
    public var intervalMinutes: Int
    /// Instants of Monday 00:00 and of the next Monday 00:00.
    public var start: Int64
    public var end: Int64
    /// The group's queues in the order of the shifts file, with the plan's model for each.
    public var queues: [(name: String, staffer: IntervalStaffer)]
    /// The intervals in time order, covering the week without gaps.
    public var intervals: [DemandInterval]
    /// The weekly service-level target: the group's, or the plan's targets weighted by volume.
    public var targetServiceLevel: Double?
    public var otherShrinkage: Double
}

/// A plan directory read for scheduling: `plan.json` (zones, interval lengths, queueing
/// assumptions) and the rows of one scenario of `intervals.csv`.
public struct PlanDemand: Sendable {
    public var directory: String
    public var scenario: String
    public var description: PlanDescription
    /// queue → interval start (instant) → (volume, aht, agents, offset).
    var rows: [String: [Int64: (volume: Double, aht: Double, agents: Int, offset: Int)]]

    /// The files read, for provenance.
    public var files: [String] { [directory + "/plan.json", directory + "/intervals.csv"] }

    /// Reads a `ccplan plan` (or batch) output directory.
    ///
    /// - Parameter scenario: the plan's scenario to schedule (nil: `base`, else the first).
    /// - Throws: ``ScheduleError``.
    /// - Complexity: O(rows of intervals.csv).
    public static func load(directory: String, scenario: String?) throws(ScheduleError) -> PlanDemand {
        let path = directory + "/intervals.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw .inconsistent("--plan: \(directory) is not a ccplan plan directory (no intervals.csv)")
        }
        let description: PlanDescription
        do { description = try PlanDescription.read(path: directory + "/plan.json") } catch {
            throw .badData(error.description)
        }
        let names = description.scenarioNames
        let chosen = scenario ?? (names.contains("base") ? "base" : names.first ?? "base")
        guard names.contains(chosen) else {
            throw .inconsistent(
                "--scenario: the plan has no scenario '\(chosen)' (it has \(names.joined(separator: ", ")))")
        }
        let table: CSVTable
        do { table = try CSVTable.read(path: path) } catch { throw .badData(error.description) }
        var column: [String: Int] = [:]
        for name in ["scenario", "queue", "interval_start", "volume", "aht_seconds", "agents"] {
            guard let c = table.column(named: name) else {
                throw .badData("\(path):1:1: the header needs a column '\(name)'")
            }
            column[name] = c
        }
        func bad(_ row: CSVTable.Row, _ name: String, _ message: String) -> ScheduleError {
            .badData(table.issue(row, column[name]!, message).description)
        }
        var rows: [String: [Int64: (volume: Double, aht: Double, agents: Int, offset: Int)]] = [:]
        for row in table.rows where CSVInjection.restored(row[column["scenario"]!]) == chosen {
            let queue = CSVInjection.restored(row[column["queue"]!])
            guard case .success(let parts) = Timestamp.parse(row[column["interval_start"]!]),
                let instant = parts.instant
            else {
                throw bad(
                    row, "interval_start",
                    "expected a timestamp with its UTC offset, found '\(row[column["interval_start"]!])'")
            }
            func number(_ name: String) throws(ScheduleError) -> Double {
                guard let x = Double(row[column[name]!]), x.isFinite, x >= 0 else {
                    throw bad(row, name, "'\(name)' must be a number ≥ 0, found '\(row[column[name]!])'")
                }
                return x
            }
            let agents = try number("agents")
            guard agents == agents.rounded(), agents < 1e7 else {
                throw bad(row, "agents", "'agents' must be a whole number, found '\(row[column["agents"]!])'")
            }
            let value = (
                volume: try number("volume"), aht: try number("aht_seconds"), agents: Int(agents),
                offset: Int(parts.offset!)
            )
            guard rows[queue, default: [:]].updateValue(value, forKey: instant) == nil else {
                throw bad(row, "interval_start", "queue '\(queue)' has two rows for this interval")
            }
        }
        return PlanDemand(directory: directory, scenario: chosen, description: description, rows: rows)
    }

    /// The plan's entry for `queue` (its first channel).
    func queueInfo(_ queue: String) -> PlanDescription.Queue? { description.queues.first { $0.queue == queue } }

    /// The Monday of the first week whose every interval the plan has for all `groups`' queues.
    ///
    /// - Complexity: O(rows).
    public func firstFullWeek(_ groups: [ScheduleGroup]) -> CivilDate? {
        let queues = groups.flatMap(\.queues)
        guard let first = queues.compactMap({ rows[$0]?.keys.min() }).max(),
            let q = queues.first, let info = queueInfo(q)
        else { return nil }
        var clock = ZoneClock(info.timeZone)
        let local = CivilDate(dayNumber: Int(floorDiv(first + clock.offset(at: first), 86_400)))
        var monday = local.adding(days: (8 - local.isoWeekday) % 7)
        for _ in 0..<60 {
            if groups.allSatisfy({ (try? week(monday, $0, otherShrinkage: 0)) != nil }) { return monday }
            monday = monday.adding(days: 7)
        }
        return nil
    }

    /// The demand of `group` in the week starting on `monday`.
    ///
    /// - Throws: ``ScheduleError/inconsistent(_:)`` when a queue is not in the plan, the queues
    ///   differ in time zone or interval length, or the plan does not cover the whole week.
    /// - Complexity: O(intervals of the week × queues).
    public func week(_ monday: CivilDate, _ group: ScheduleGroup, otherShrinkage: Double) throws(ScheduleError)
        -> WeekDemand
    {
        guard monday.isoWeekday == 1 else {
            throw .inconsistent("--week \(monday) is a \(CivilDate.weekdayNames[monday.isoWeekday]), not a Monday")
        }
        var infos: [PlanDescription.Queue] = []
        for q in group.queues {
            guard let info = queueInfo(q), rows[q] != nil else {
                throw .inconsistent(
                    "group '\(group.name)': queue '\(q)' is not in the plan (\(directory)) under scenario '\(scenario)'"
                )
            }
            infos.append(info)
        }
        let zone = infos[0].timeZone, minutes = infos[0].intervalMinutes
        if let odd = infos.first(where: { $0.timeZone.identifier != zone.identifier || $0.intervalMinutes != minutes })
        {
            throw .inconsistent(
                "group '\(group.name)': queue '\(odd.queue)' has \(odd.intervalMinutes)-minute intervals in \(odd.timeZone.identifier), '\(infos[0].queue)' \(minutes)-minute intervals in \(zone.identifier): a group needs one time zone and interval length"
            )
        }
        var clock = ZoneClock(zone)
        func midnight(_ date: CivilDate) -> Int64 {
            let local = Int64(date.dayNumber) * 86_400
            switch clock.resolve(local: local) {
            case .unique(let t), .ambiguous(let t, _): return t
            case .gap: return local - clock.offset(at: local - 86_400)  // midnight skipped: the first instant after it
            }
        }
        let start = midnight(monday), end = midnight(monday.adding(days: 7))
        let step = Int64(minutes * 60)
        var staffers: [(name: String, staffer: IntervalStaffer)] = []
        for (q, info) in zip(group.queues, infos) {
            guard let a = description.assumptions(scenario: scenario, queue: q, channel: info.channel) else {
                throw .badData("\(directory)/plan.json: no assumptions for queue '\(q)' under scenario '\(scenario)'")
            }
            staffers.append(
                (
                    q,
                    IntervalStaffer(
                        assumptions: a, channel: info.channel, intervalSeconds: Double(minutes) * 60, quantileLevels: []
                    )
                ))
        }
        var intervals: [DemandInterval] = []
        var volume = 0.0, targetVolume = 0.0
        var t = start
        while t < end {
            var loads: [QueueLoad] = [], agents = 0, offset = 0
            for (i, q) in group.queues.enumerated() {
                guard let r = rows[q]?[t] else {
                    throw .inconsistent(
                        "--week \(monday): the plan has no interval \(iso8601(t, offset: Int(clock.offset(at: t)))) for queue '\(q)' (scenario '\(scenario)'): schedule a week the plan covers entirely"
                    )
                }
                loads.append(QueueLoad(queue: i, volume: r.volume, ahtSeconds: r.aht, agents: r.agents))
                agents += r.agents
                offset = r.offset
                if infos[i].channel != .email, r.volume > 0 {
                    volume += r.volume
                    targetVolume += r.volume * (staffers[i].staffer.assumptions.targetServiceLevel ?? 0)
                }
            }
            let required = Shrinkage.scheduledAgents(agents, shrinkage: otherShrinkage)
            intervals.append(
                DemandInterval(start: t, offset: offset, planAgents: agents, required: required, loads: loads))
            t += step
        }
        let target = group.targetServiceLevel ?? (volume > 0 ? targetVolume / volume : nil)
        return WeekDemand(
            group: group, monday: monday, timeZone: zone, intervalMinutes: minutes, start: start, end: end,
            queues: staffers, intervals: intervals, targetServiceLevel: target, otherShrinkage: otherShrinkage)
    }
}
