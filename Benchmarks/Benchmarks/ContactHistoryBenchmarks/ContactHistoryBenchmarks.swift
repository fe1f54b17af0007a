// ContactHistory benchmarks: ingest speed (MB/s, rows/s) and peak memory of `HistoryReader` on a
// generated history of ≥ 200 MB (240 queues × one year of 30-minute intervals in Europe/Berlin,
// every queue per interval, as a multi-queue platform export lists them), and the same file's
// data-quality report. The file is generated once per run into a temporary directory by
// `SampleHistoryGenerator` (deterministic: seed 20261031).
import Benchmark
import ContactHistory
import Foundation

/// A generated history file and its size.
struct GeneratedHistory: Sendable {
    let path: String
    let bytes: Int
    let rows: Int
}

/// Generates the benchmark file once.
func generateHistory() throws -> GeneratedHistory {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-history-bench")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("history-240-queues.csv").path
    let rows = try SampleHistoryGenerator(queueCount: 240, years: 1).writeHistory(to: path)
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return GeneratedHistory(path: path, bytes: bytes, rows: rows)
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [
            .wallClock, .peakMemoryResident,
            .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
            .custom("rows/s (thousands)", polarity: .prefersLarger, useScalingFactor: false),
        ],
        timeUnits: .milliseconds, warmupIterations: 1, scalingFactor: .one,
        maxDuration: .seconds(20), maxIterations: 5)
    let zone = TimeZone(identifier: "Europe/Berlin")!

    Benchmark("Ingest 218 MB (240 queues x 1 year, 30 min)", configuration: configuration) { benchmark, file in
        let start = ContinuousClock.now
        let history: ContactHistory
        do {
            history = try ContactHistory.load([file.path], options: HistoryReadOptions(timeZone: zone))
        } catch {
            fatalError("the generated history does not load: \(error)")
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(
            .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(file.bytes) / seconds / 1e6))
        benchmark.measurement(
            .custom("rows/s (thousands)", polarity: .prefersLarger, useScalingFactor: false),
            Int(Double(history.rowCount) / seconds / 1e3))
        blackHole(history)
    } setup: {
        try generateHistory()
    }

    Benchmark(
        "Quality report of 240 series (1 year, 30 min)",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds,
            warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark, history in
        for _ in benchmark.scaledIterations {
            blackHole(QualityReport(history))
        }
    } setup: {
        let file = try generateHistory()
        return try ContactHistory.load([file.path], options: HistoryReadOptions(timeZone: zone))
    }
}
