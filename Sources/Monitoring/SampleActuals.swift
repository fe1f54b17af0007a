import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// The sample actuals of `SampleData/actuals.csv`: the four weeks after the sample history, as a
/// contact centre's platform would export them, for the monitoring demo.
///
/// Offered contacts and handle times continue the sample history's own process
/// (``SampleHistoryGenerator`` run past its last day: the same random streams), so the plan's
/// forecast meets the kind of error a real forecast meets. Three things happen that the plan did
/// not expect, so that every cause of a service-level miss shows:
/// - an unannounced volume spike: `billing` on Wednesday 2026-11-04, 10:00–16:00, 1.7 × the volume
///   (forecast);
/// - a week in which the centre staffed 15 % below plan: 2026-11-09 to 2026-11-15 (delivery);
/// - elsewhere the staffed agents scatter around the plan (±3 %).
/// The service each interval gave is simulated contact by contact (an M/M/n+M queue with the
/// plan's patience, the staffed agents rounded, chat over agents × concurrency slots, a
/// half-interval warm-up), so answered-within, abandons and handle times are what a queue with
/// that staffing produces — not the model's formula (what differs is the "other" part).
public enum SampleActuals {
    /// The columns written.
    public static let header =
        "interval_start,queue,channel,offered,handled,abandoned,handle_seconds,answered_within,staffed_agents"

    /// The spike and the under-staffed week.
    static let spikeDay = CivilDate(year: 2026, month: 11, day: 4)!
    static let shortWeek = CivilDate(year: 2026, month: 11, day: 9)!...CivilDate(year: 2026, month: 11, day: 15)!

    /// Generates `weeks` weeks of actuals after `generator.lastDay` for the queues of `plan`.
    ///
    /// - Complexity: O(history rows + contacts simulated).
    public static func csv(
        plan: PlanDirectory, generator: SampleHistoryGenerator, weeks: Int = 4, seed: UInt64 = 20_261_128
    ) throws -> String {
        let lastDay = generator.lastDay
        var extended = generator
        extended.lastDay = lastDay.adding(days: 7 * weeks)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-sample-\(getpid()).csv")
            .path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        _ = try extended.writeHistory(to: temporary)
        let history = try ContactHistory.load([temporary], options: HistoryReadOptions(timeZone: generator.timeZone))
        var out = header + "\n"
        var rng = SeededRandom(seed: seed)
        for q in plan.queues {
            guard let series = history.series.first(where: { $0.queue == q.queue && $0.channel == q.channel }) else {
                continue
            }
            let seconds = Double(q.intervalMinutes * 60)
            var byStart: [Int64: Int] = [:]
            for i in series.indices where series.states[i] == .observed { byStart[series.intervalStart(i)] = i }
            for p in q.intervals {
                let date = CivilDate(dayNumber: Int(floorDiv(p.start + Int64(p.utcOffset), 86_400)))
                guard date > lastDay, date <= extended.lastDay, let i = byStart[p.start] else { continue }
                var offered = Int(series.offered[i])
                let minute = Int(floorDiv(p.start + Int64(p.utcOffset), 60) - Int64(date.dayNumber) * 1440)
                if q.queue == "billing", date == spikeDay, minute >= 600, minute < 960 {
                    offered = rng.poisson(Double(offered) * 1.7)
                }
                let handled = series.handled[i], total = series.handleSeconds[i]
                let aht = handled > 0 ? total / handled : p.ahtSeconds
                let factor = shortWeek.contains(date) ? 0.85 : 1 + 0.03 * (2 * rng.uniform() - 1)
                let staffed = (Double(p.agents) * factor * 100).rounded() / 100
                let servers =
                    q.channel == .chat
                    ? Int((staffed * q.assumptions.chatConcurrency).rounded(.down)) : Int(staffed.rounded())
                let outcome = QueueSimulation.interval(
                    arrivals: offered, seconds: seconds, servers: servers, ahtSeconds: aht,
                    patienceSeconds: q.channel == .email ? nil : (q.assumptions.patience ?? 180),
                    answerWithin: q.assumptions.answerWithin, rng: &rng)
                out += iso8601(p.start, offset: p.utcOffset) + ",\(csvField(q.queue)),\(q.channel.rawValue),\(offered),"
                out +=
                    "\(outcome.answered),\(outcome.abandoned),\(fixed(outcome.handleSeconds, 1)),\(outcome.answeredWithin),"
                out += shortestNumber(staffed) + "\n"
            }
        }
        return out
    }
}

/// A contact-by-contact simulation of one interval of an M/M/n+M queue (FIFO, exponential
/// handle times and patience), for sample data.
enum QueueSimulation {
    struct Outcome {
        var answered = 0, abandoned = 0, answeredWithin = 0
        var handleSeconds = 0.0
    }

    /// Simulates `arrivals` contacts arriving uniformly over the interval (and, before it, half an
    /// interval of the same rate to warm the queue up; those are not counted).
    static func interval(
        arrivals: Int, seconds: Double, servers: Int, ahtSeconds: Double, patienceSeconds: Double?,
        answerWithin: Double, rng: inout SeededRandom
    ) -> Outcome {
        var outcome = Outcome()
        guard arrivals > 0 else { return outcome }
        let warmUp = arrivals / 2
        var times = (0..<warmUp).map { _ in -seconds / 2 * rng.uniform() }
        times += (0..<arrivals).map { _ in seconds * rng.uniform() }
        times.sort()
        guard servers > 0 else {
            for t in times where t >= 0 { _ = t; outcome.abandoned += 1 }
            return outcome
        }
        // Free times of the servers; each contact takes the earliest free server if it is still waiting then.
        var free = [Double](repeating: -seconds, count: servers)
        for t in times {
            var k = 0
            for s in 1..<servers where free[s] < free[k] { k = s }
            let start = max(t, free[k])
            let wait = start - t
            let patience = patienceSeconds.map { -$0 * log(1 - rng.uniform()) } ?? .infinity
            let counted = t >= 0
            if wait > patience {
                if counted { outcome.abandoned += 1 }
                continue
            }
            let service = -ahtSeconds * log(1 - rng.uniform())
            free[k] = start + service
            if counted {
                outcome.answered += 1
                outcome.handleSeconds += service
                if wait <= answerWithin { outcome.answeredWithin += 1 }
            }
        }
        return outcome
    }
}
