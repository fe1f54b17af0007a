import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// The service level a supply delivers, from a plan's intervals: in week `w` the productive FTE
/// plus overtime put `φ_w = (P_w + O_w) / R_w` times the plan's on-floor agents on the floor in
/// every interval (the supply spread like the requirement). Each voice or chat interval is
/// re-evaluated with `n = φ_w·agents` agents by the plan's own queueing model (Erlang C or A,
/// its threshold, definition and chat concurrency, from `plan.json`), interpolating linearly
/// between ⌊n⌋ and ⌈n⌉; the week's service level is the volume-weighted mean. Email (deferred
/// work) has no service level and is left out.
public struct ServiceLevelReplay: Sendable {
    struct Interval: Sendable {
        var week: Int
        var volume: Double
        var aht: Double
        var agents: Double
    }

    /// (requirement scenario, queue) → staffer and intervals.
    var queues: [String: [String: (staffer: IntervalStaffer, intervals: [Interval])]] = [:]

    /// Reads `intervals.csv` and `plan.json` of a plan directory.
    ///
    /// - Parameter start: the Monday of week 0.
    /// - Throws: ``CapacityError/badData(_:)``.
    /// - Complexity: O(intervals).
    public static func load(intervals path: String, start: CivilDate) throws(CapacityError) -> ServiceLevelReplay {
        let planJSON = (path as NSString).deletingLastPathComponent + "/plan.json"
        let plan: PlanDescription
        do { plan = try PlanDescription.read(path: planJSON) } catch {
            throw .badData("\(error.description) (the plan's assumptions are needed for the service level)")
        }
        let table = try CapacityCSV(
            path: path, required: ["scenario", "queue", "channel", "interval_start", "volume", "aht_seconds", "agents"])
        var replay = ServiceLevelReplay()
        for row in table.rows {
            let channelText = try table.field(row, "channel").text
            guard let channel = Channel(rawValue: channelText), channel != .email else { continue }
            let volume = try table.number(row, "volume")
            guard volume > 0 else { continue }
            let scenario = try table.field(row, "scenario").text, queue = try table.field(row, "queue").text
            let stamp = try table.field(row, "interval_start")
            guard let date = CivilDate(stamp.text.prefix(10)) else {
                throw .badData("\(path):\(row.line):\(stamp.column): expected a timestamp, found '\(stamp.text)'")
            }
            if replay.queues[scenario]?[queue] == nil {
                guard let a = plan.assumptions(scenario: scenario, queue: queue, channel: channel),
                    let q = plan.queues.first(where: { $0.queue == queue && $0.channel == channel })
                else { continue }
                replay.queues[scenario, default: [:]][queue] = (
                    IntervalStaffer(
                        assumptions: a, channel: channel, intervalSeconds: Double(q.intervalMinutes) * 60,
                        quantileLevels: []), []
                )
            }
            let interval = Interval(
                week: (monday(of: date).dayNumber - start.dayNumber) / 7, volume: volume,
                aht: try table.number(row, "aht_seconds"), agents: try table.number(row, "agents"))
            replay.queues[scenario]![queue]!.intervals.append(interval)
        }
        return replay
    }

    /// The volume-weighted service level per week of `queues` under the plan's `scenario`, with
    /// `factors[w]` times the plan's agents; nil for a week without voice or chat volume.
    ///
    /// - Complexity: O(intervals × queueing model).
    public func weekly(scenario: String, queues names: [String], factors: [Double]) -> [Double?] {
        var answered = [Double](repeating: 0, count: factors.count), volume = answered
        for name in names.sorted() {
            guard let q = queues[scenario]?[name] else { continue }
            for i in q.intervals where i.week >= 0 && i.week < factors.count {
                let n = max(0, factors[i.week] * i.agents)
                let low = n.rounded(.down), theta = n - low
                guard let slLow = q.staffer.metrics(agents: Int(low), volume: i.volume, aht: i.aht)?.serviceLevel else {
                    continue
                }
                var sl = slLow
                if theta > 0,
                    let slHigh = q.staffer.metrics(agents: Int(low) + 1, volume: i.volume, aht: i.aht)?.serviceLevel
                {
                    sl = (1 - theta) * slLow + theta * slHigh
                }
                answered[i.week] += i.volume * sl
                volume[i.week] += i.volume
            }
        }
        return zip(answered, volume).map { $1 > 0 ? $0 / $1 : nil }
    }
}
