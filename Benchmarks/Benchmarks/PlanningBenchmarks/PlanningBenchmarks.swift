// Planning benchmarks (issue 6's bar):
// - the whole `ccplan plan` job on SampleData (3 queues × 2 years of 30-minute history, 13-week
//   horizon, 5 scenarios), including the report and writing the files: goal < 2 s;
// - the staffing of 100,000 intervals (Erlang C requirement per interval): goal < 1 s.
// `Benchmarks/compare-staffing.sh` times pyworkforce on the same intervals in the same run.
import Benchmark
import ContactHistory
import Foundation
import Planning
import Queueing

/// The 100,000 intervals of the staffing benchmark, the same formula as compare_staffing.py:
/// volume 0–599.5 contacts per 30 minutes, AHT 180–419 s.
func staffingIntervals() -> [(volume: Double, aht: Double)] {
    var intervals: [(volume: Double, aht: Double)] = []
    for i in 0..<100_000 {
        let volume: Double = Double((i * 7919) % 600) + 0.5
        let aht: Double = 180 + Double((i * 104_729) % 240)
        intervals.append((volume, aht))
    }
    return intervals
}

/// The repository root (this file is Benchmarks/Benchmarks/PlanningBenchmarks/PlanningBenchmarks.swift).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

let benchmarks: @Sendable () -> Void = {
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
        scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("plan SampleData 3 queues 13 weeks 5 scenarios with report", configuration: slow) { benchmark in
        var inputs = PlanInputs()
        inputs.historyPaths = [root + "/SampleData/contact-history.csv"]
        inputs.readOptions = HistoryReadOptions(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        inputs.request = ForecastRequest(horizonSeconds: 13 * 7 * 86_400)
        inputs.request.holidays = try CalendarFiles.holidays(root + "/SampleData/holidays.csv")
        inputs.request.events = try CalendarFiles.events(root + "/SampleData/events.csv")
        let yaml = try String(contentsOfFile: root + "/SampleData/scenarios.yaml", encoding: .utf8)
        inputs.scenarioFile = try ScenarioFile.parse(yaml: yaml, path: "scenarios.yaml")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-bench-plan-\(getpid())").path
        for _ in benchmark.scaledIterations {
            let result = try PlanRun.make(inputs)
            try PlanRun.write(result, to: out)
            blackHole(result.summary)
        }
        try? FileManager.default.removeItem(atPath: out)
    }

    let intervals = staffingIntervals()
    let staffer = IntervalStaffer(
        assumptions: PlanAssumptions(), channel: .voice, intervalSeconds: 1800, quantileLevels: [])
    Benchmark("staff 100000 intervals Erlang C requirement", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = 0
            for i in intervals { total &+= try staffer.requiredAgents(volume: i.volume, aht: i.aht) }
            blackHole(total)
        }
    }

    let full = IntervalStaffer(
        assumptions: PlanAssumptions(), channel: .voice, intervalSeconds: 1800, quantileLevels: [0.1, 0.9])
    Benchmark("staff 100000 intervals full (p90 and expected SL)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = 0
            for i in intervals {
                total &+= try full.staff(volume: i.volume, quantiles: [i.volume * 0.85, i.volume * 1.18], aht: i.aht)
                    .agents
            }
            blackHole(total)
        }
    }
}
